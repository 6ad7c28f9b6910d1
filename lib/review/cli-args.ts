import { ListingCommand, parseListingArgs } from './cli-listing-args';

/** What the command line asked for. */
export type CliCommand =
  | ListingCommand
  | { readonly command: 'help' }
  | { readonly command: 'report'; readonly dir: string; readonly json: boolean; readonly failOnFindings: boolean }
  | { readonly command: 'diff'; readonly baseDir: string; readonly headDir: string; readonly json: boolean; readonly failOnWiden: boolean };

/** A command line the CLI cannot run; the message is one line, for the user. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message} (run cf-token-review --help)`);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  cf-token-review report <cdktf.out dir> [--json] [--fail-on-findings]
      Every Cloudflare token of every stack: owner, permissions by name, resources,
      IP conditions, validity and rotation, least-privilege findings (those recorded at
      synth, and those the rules find on the token's JSON that the record lacks).
  cf-token-review diff <base dir> <head dir> [--json] [--fail-on-widen]
      Tokens added, removed, changed (wider, narrower, both, other) and unchanged between
      two synth outputs, with each change in words.
  cf-token-review audit <tokens.json ...> [--account <account_id> <tokens.json ...>] [--json] [--fail-on-findings]
  cf-token-review audit --live [--account <account_id>] [--json] [--fail-on-findings]
      Existing tokens as the Cloudflare API lists them (GET /user/tokens; files after
      --account <id>: GET /accounts/<id>/tokens): owner, permissions, resources, IPs,
      validity, status, last use, and the least-privilege findings of synth (same rule ids).
      --live lists them through the API with CLOUDFLARE_API_TOKEN (read-only calls).
  cf-token-review adopt <tokens.json ...> [--account <account_id> <tokens.json ...>] --out <file.ts>
  cf-token-review adopt --live [--account <account_id>] --out <file.ts>
      Writes a TypeScript module declaring each listed token with this library, adopted by
      id (import blocks), with its findings as comments.
  cf-token-review --help

Options:
  --json           machine-readable JSON instead of markdown
  --fail-on-widen  (diff) exit 1 when a token was added or got wider
  --fail-on-findings  (audit, report) exit 1 when a token has a finding at the error level
                   (report: or a record of the checks that disagrees with the rules)

Exit codes: 0 fine, 1 widened (with --fail-on-widen) or error findings (with
--fail-on-findings), 2 unusable input or command line.
`;

const FLAGS = { report: ['--json', '--fail-on-findings'], diff: ['--json', '--fail-on-widen'] } as const;

/** Parses the arguments after the program name. Options may come before or after the directories. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  if (args.length === 0) throw new UsageError('missing command: expected "report", "diff", "audit" or "adopt"');
  if (args.includes('--help') || args.includes('-h') || args[0] === 'help') return { command: 'help' };
  const [command, ...rest] = args;
  if (command === 'audit' || command === 'adopt') return parseListingArgs(command, rest, (message) => new UsageError(message));
  if (command !== 'report' && command !== 'diff') throw new UsageError(`unknown command ${JSON.stringify(command)}: expected "report", "diff", "audit" or "adopt"`);
  const allowed: readonly string[] = FLAGS[command];
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const arg of rest) {
    if (arg.startsWith('-')) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown option ${JSON.stringify(arg)} for ${command}: expected ${allowed.join(' or ')}`);
      flags.add(arg);
    } else {
      positionals.push(arg);
    }
  }
  const json = flags.has('--json');
  if (command === 'report') {
    if (positionals.length !== 1) throw new UsageError(`report takes one directory (the cdktf synth output), got ${positionals.length}`);
    return { command, dir: positionals[0], json, failOnFindings: flags.has('--fail-on-findings') };
  }
  if (positionals.length !== 2) throw new UsageError(`diff takes two directories (<base dir> <head dir>), got ${positionals.length}`);
  return { command, baseDir: positionals[0], headDir: positionals[1], json, failOnWiden: flags.has('--fail-on-widen') };
}
