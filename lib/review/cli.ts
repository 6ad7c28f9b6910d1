import { writeAdoptModule } from './audit/adopt-module';
import { auditTokens } from './audit/audit-tokens';
import { readListings } from './audit/listed-tokens';
import { renderAuditMarkdown } from './audit/render-audit';
import { parseCliArgs, USAGE, UsageError } from './cli-args';
import { diffTokens } from './diff-tokens';
import { readSynthOutput } from './read-synth-output';
import { renderDiffMarkdown, renderReportMarkdown } from './render-markdown';
import { reportTokens } from './report';
import { oneLine, ReviewInputError } from './review-input-error';

/** Where the CLI writes; the process streams in `cli-main`, strings in tests. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes of `cf-token-review`. */
export const EXIT = { ok: 0, widened: 1, findings: 1, unusableInput: 2 } as const;

/**
 * Runs `cf-token-review` with the arguments after the program name and returns the exit
 * code: 0 fine, 1 a token was added or got wider (with `--fail-on-widen`), 2 unusable
 * input or command line, or the output could not be written (one line on stderr, no stack
 * trace). Never anything else.
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
      return command.failOnFindings && report.hasErrors ? EXIT.findings : EXIT.ok;
    }
    if (command.command === 'audit') {
      if (command.live) throw new UsageError('audit --live calls the API: run it through the cf-token-review command (runCliAsync)');
      const audit = auditTokens(readListings(command.listings));
      output.stdout(command.json ? `${JSON.stringify(audit, null, 2)}\n` : renderAuditMarkdown(audit));
      return command.failOnFindings && audit.hasErrors ? EXIT.findings : EXIT.ok;
    }
    if (command.command === 'adopt') {
      if (command.live) throw new UsageError('adopt --live calls the API: run it through the cf-token-review command (runCliAsync)');
      writeAdoptModule(command.out, readListings(command.listings), command.listings.map((l) => l.file));
      output.stdout(`cf-token-review: wrote ${command.out}\n`);
      return EXIT.ok;
    }
    const diff = diffTokens(readSynthOutput(command.baseDir), readSynthOutput(command.headDir));
    output.stdout(command.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff));
    return command.failOnWiden && diff.widened ? EXIT.widened : EXIT.ok;
  } catch (error) {
    return reportFailure(error, output);
  }
}

/** One line on stderr for what went wrong; always exit 2. */
function reportFailure(error: unknown, output: CliOutput): number {
  try {
    if (error instanceof UsageError || error instanceof ReviewInputError) {
      output.stderr(`cf-token-review: ${oneLine(error.message)}\n`);
    } else {
      // A bug, or the output could not be written: still one line; the message holds no file content.
      output.stderr(`cf-token-review: unexpected error (please report it): ${oneLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}\n`);
    }
  } catch {
    // stderr failed as well: the exit code still says it
  }
  return EXIT.unusableInput;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/;

/**
 * {@link runCli}, and `audit --live` and `adopt --live`, which list tokens through the Cloudflare API (the
 * official SDK, loaded only then) with `CLOUDFLARE_API_TOKEN`, for the user and for the
 * accounts given with `--account` (or `CLOUDFLARE_ACCOUNT_ID`). The process entry point.
 */
export async function runCliAsync(args: readonly string[], output: CliOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(args);
  } catch {
    return runCli(args, output);
  }
  if ((command.command !== 'audit' && command.command !== 'adopt') || !command.live) return runCli(args, output);
  try {
    const apiToken = env.CLOUDFLARE_API_TOKEN;
    if (!apiToken) throw new UsageError(`${command.command} --live needs CLOUDFLARE_API_TOKEN: a token with API Tokens Read (and Account API Tokens Read for --account)`);
    const fromEnv = env.CLOUDFLARE_ACCOUNT_ID;
    if (command.accounts.length === 0 && fromEnv && !ACCOUNT_ID.test(fromEnv)) throw new UsageError('CLOUDFLARE_ACCOUNT_ID is not an account id: expected 32 lowercase hex characters');
    const accounts = command.accounts.length > 0 ? command.accounts : fromEnv ? [fromEnv] : [];
    // Loaded only here: the other commands never load the SDK.
    const { listLive } = await import('./audit/live-listing');
    const tokens = await listLive({ apiToken, accounts });
    if (command.command === 'adopt') {
      writeAdoptModule(command.out, tokens, ['GET /user/tokens', ...accounts.map((a) => `GET /accounts/${a}/tokens`)]);
      output.stdout(`cf-token-review: wrote ${command.out}\n`);
      return EXIT.ok;
    }
    const audit = auditTokens(tokens);
    output.stdout(command.json ? `${JSON.stringify(audit, null, 2)}\n` : renderAuditMarkdown(audit));
    return command.failOnFindings && audit.hasErrors ? EXIT.findings : EXIT.ok;
  } catch (error) {
    return reportFailure(error, output);
  }
}
