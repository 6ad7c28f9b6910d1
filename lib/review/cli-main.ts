// The `cf-token-review` process: bin/cf-token-review.js loads the compiled form of this file.
import { runCli } from './cli';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
