import { parseCliArgs, USAGE, UsageError } from './cli-args';
import { diffTokens } from './diff-tokens';
import { readSynthOutput } from './read-synth-output';
import { renderDiffMarkdown, renderReportMarkdown } from './render-markdown';
import { reportTokens } from './report';
import { ReviewInputError } from './review-input-error';

/** Where the CLI writes; the process streams in `cli-main`, strings in tests. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes of `cf-token-review`. */
export const EXIT = { ok: 0, widened: 1, unusableInput: 2 } as const;

/**
 * Runs `cf-token-review` with the arguments after the program name and returns the exit
 * code: 0 fine, 1 a token was added or got wider (with `--fail-on-widen`), 2 unusable
 * input or command line (one line on stderr, no stack trace).
 */
export function runCli(args: readonly string[], output: CliOutput): number {
  try {
    const command = parseCliArgs(args);
    if (command.command === 'help') {
      output.stdout(USAGE);
      return EXIT.ok;
    }
    if (command.command === 'report') {
      const report = reportTokens(readSynthOutput(command.dir));
      output.stdout(command.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportMarkdown(report));
      return EXIT.ok;
    }
    const diff = diffTokens(readSynthOutput(command.baseDir), readSynthOutput(command.headDir));
    output.stdout(command.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff));
    return command.failOnWiden && diff.widened ? EXIT.widened : EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReviewInputError) {
      output.stderr(`cf-token-review: ${error.message}\n`);
    } else {
      // A bug: still one line, so CI logs stay readable; the message holds no file content.
      output.stderr(`cf-token-review: unexpected error (please report it): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    }
    return EXIT.unusableInput;
  }
}
