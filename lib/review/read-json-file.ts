import { readFileSync, statSync } from 'fs';
import { ReviewInputError } from './review-input-error';

/**
 * Reads and parses a JSON file, turning every failure into a one-line
 * {@link ReviewInputError}. The parser's own message is not passed on: V8 quotes the text
 * around the error, which could be a secret in a future synth output.
 */
export function readJsonFile(file: string): unknown {
  let bytes: Buffer;
  try {
    // A device or pipe (a link to /dev/zero, a FIFO) would never end: only regular files are read.
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a regular file'), { code: statSync(file).isDirectory() ? 'EISDIR' : 'ENOTREG' });
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReviewInputError(file, code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'ENOTREG' ? 'is not a regular file (a device or pipe?): not read' : `cannot be read (${code ?? 'unknown error'})`);
  }
  return parseJsonText(decodeUtf8(bytes, file), file, 'is not valid JSON');
}

/**
 * Decodes UTF-8 strictly: invalid bytes are an error (a lossy decode would turn different
 * bytes into the same U+FFFD, so two different files could diff as equal). One leading
 * UTF-8 byte-order mark is dropped, as JSON parsers may (RFC 8259, section 8.1); UTF-16 and
 * UTF-32 files are refused by name.
 */
export function decodeUtf8(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new ReviewInputError(file, 'is UTF-16 or UTF-32 (starts with that byte-order mark), not UTF-8');
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new ReviewInputError(file, `is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(body) + (body === bytes ? 0 : 3)})`);
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  const valid = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that decodes (a cut inside a valid sequence still decodes in stream mode).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Parses JSON text; on failure says where (line and column), never what the text was. */
export function parseJsonText(text: string, file: string, problem: string, subject = ''): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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
  const scan = scanJson(text, MAX_JSON_DEPTH);
  if (scan && 'tooDeep' in scan) {
    const before = text.slice(0, scan.tooDeep).split('\n');
    throw new ReviewInputError(
      file,
      `${subject}is nested more than ${MAX_JSON_DEPTH} levels deep (line ${before.length}, column ${before[before.length - 1].length + 1}): too deep to read safely ` +
        '(synth outputs and token listings nest a few dozen levels at most); refused',
    );
  }
  const repeated = scan;
  if (repeated) {
    const shown = JSON.stringify(repeated.key);
    const before = text.slice(0, repeated.offset).split('\n');
    throw new ReviewInputError(
      file,
      `${subject}has the key ${shown.length > 60 ? `${shown.slice(0, 57)}..."` : shown} twice in one object (line ${before.length}, column ${before[before.length - 1].length + 1}): ` +
        'refused, as JSON.parse keeps only the last copy while Terraform merges every copy (a hidden block)',
    );
  }
  return parsed;
}

/**
 * The first key that an object of `text` (valid JSON) holds twice, compared decoded (`"a"`
 * and `"\u0061"` are one key), with the offset of its second copy. One pass over the text,
 * an explicit stack of open containers (no recursion): linear in the size of the text.
 */
export function firstRepeatedKey(text: string): { key: string; offset: number } | undefined {
  return scanJson(text, Infinity) as { key: string; offset: number } | undefined;
}

/**
 * How deep objects and arrays may nest in any JSON the reviewer reads. Real synth outputs and
 * API listings stay within a few dozen levels; far deeper input would reach code that walks it
 * recursively (`JSON.stringify`, the synth-time readers the audit shares) and end in a stack
 * overflow that names no cause. Refused up front instead, with the file and the line.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * {@link firstRepeatedKey}, and the offset of the first container opened deeper than
 * `maxDepth` (whichever comes first in the text).
 */
function scanJson(text: string, maxDepth: number): { key: string; offset: number } | { tooDeep: number } | undefined {
  // Per open container: the keys seen so far (objects), or null (arrays).
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i + 1;
      let end = text.indexOf('"', start);
      // A quote preceded by an odd number of backslashes is escaped: look further.
      for (;;) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      const top = open.length > 0 ? open[open.length - 1] : null;
      if (top && expectKey) {
        const raw = text.slice(start, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.has(key)) return { key, offset: i };
        top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      if (open.length >= maxDepth) return { tooDeep: i };
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      if (open.length >= maxDepth) return { tooDeep: i };
      open.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = open.length > 0 && open[open.length - 1] !== null;
    }
  }
  return undefined;
}

function fail(file: string, problem: string, where: string): never {
  throw new ReviewInputError(file, `${problem}${where}`);
}
