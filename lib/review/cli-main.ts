// The `cf-token-review` process: bin/cf-token-review.js loads the compiled form of this file.
import { EXIT, runCliAsync } from './cli';

// Exit codes stay 0/1/2 whatever happens: 1 means "widened", so a failure to write the
// output (EPIPE from a closed pipe, ENOSPC on a full disk) or any crash must be 2, never the
// default 1 of an uncaught error.
let outputFailed = false;
function outputError(error: NodeJS.ErrnoException): void {
  if (outputFailed) return;
  outputFailed = true;
  process.exitCode = EXIT.unusableInput;
  try {
    process.stderr.write(`cf-token-review: cannot write the output (${error.code ?? error.name}): exit ${EXIT.unusableInput}\n`);
  } catch {
    // stderr is gone too: the exit code still says it
  }
}
process.stdout.on('error', outputError);
process.stderr.on('error', () => {
  process.exitCode = EXIT.unusableInput;
});
process.on('uncaughtException', () => process.exit(EXIT.unusableInput));

void runCliAsync(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = outputFailed ? EXIT.unusableInput : code;
});
