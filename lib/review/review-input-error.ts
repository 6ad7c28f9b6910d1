/**
 * Thrown when a directory or file given to the reviewer tooling cannot be read as a cdktf
 * synth output. The message is one line naming the file and what is wrong; it never quotes
 * file contents (a synth output may one day hold a secret), so the CLI can print it as is.
 */
export class ReviewInputError extends Error {
  /** The file or directory at fault, as given or joined from the given directory. */
  public readonly file: string;

  constructor(file: string, problem: string) {
    super(oneLine(`${file}: ${problem}`));
    this.name = 'ReviewInputError';
    this.file = file;
  }
}

/**
 * The message on one line: line breaks and other control characters (from file names, keys,
 * addresses) are shown as escapes, so a CI log line cannot be split or overwritten.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
