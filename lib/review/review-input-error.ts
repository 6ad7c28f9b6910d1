/**
 * Thrown when a directory or file given to the reviewer tooling cannot be read as a cdktf
 * synth output. The message is one line naming the file and what is wrong; it never quotes
 * file contents (a synth output may one day hold a secret), so the CLI can print it as is.
 */
export class ReviewInputError extends Error {
  /** The file or directory at fault, as given or joined from the given directory. */
  public readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ReviewInputError';
    this.file = file;
  }
}
