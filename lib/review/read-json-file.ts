import { readFileSync } from 'fs';
import { ReviewInputError } from './review-input-error';

/**
 * Reads and parses a JSON file, turning every failure into a one-line
 * {@link ReviewInputError}. The parser's own message is not passed on: V8 quotes the text
 * around the error, which could be a secret in a future synth output.
 */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReviewInputError(file, code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? 'unknown error'})`);
  }
  return parseJsonText(text, file, 'is not valid JSON');
}

/** Parses JSON text; on failure says where (line and column), never what the text was. */
export function parseJsonText(text: string, file: string, problem: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (text.trim() === '') return fail(file, problem, ' (empty)');
    if (/end of JSON input/.test(message)) return fail(file, problem, ' (it ends too early: truncated?)');
    const position = /position (\d+)/.exec(message);
    if (!position) return fail(file, problem, '');
    const offset = Number(position[1]);
    const before = text.slice(0, offset).split('\n');
    return fail(file, problem, ` (line ${before.length}, column ${before[before.length - 1].length + 1})`);
  }
}

function fail(file: string, problem: string, where: string): never {
  throw new ReviewInputError(file, `${problem}${where}`);
}
