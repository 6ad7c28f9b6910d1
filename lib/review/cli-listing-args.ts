import type { ListingFile } from './audit/listed-tokens';

/** `audit` and `adopt`: commands over tokens as the Cloudflare API lists them. */
export type ListingCommand =
  | { readonly command: 'audit'; readonly listings: readonly ListingFile[]; readonly live: boolean; readonly accounts: readonly string[]; readonly json: boolean; readonly failOnFindings: boolean }
  | { readonly command: 'adopt'; readonly listings: readonly ListingFile[]; readonly live: boolean; readonly accounts: readonly string[]; readonly out: string };

const ACCOUNT_ID = /^[0-9a-f]{32}$/;

/**
 * Parses the arguments of `audit` and `adopt` (after the command). Files before any
 * `--account <id>` list user tokens; files after `--account <id>` list that account's tokens
 * (the API's listing does not name the account). `fail` builds the usage error.
 */
export function parseListingArgs(command: 'audit' | 'adopt', rest: readonly string[], fail: (message: string) => Error): ListingCommand {
  const listings: ListingFile[] = [];
  const accounts: string[] = [];
  let account: string | undefined;
  let json = false;
  let failOnFindings = false;
  let live = false;
  let out: string | undefined;
  const allowed = command === 'audit' ? ['--json', '--fail-on-findings', '--live', '--account'] : ['--out', '--live', '--account'];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-')) {
      listings.push(account === undefined ? { file: arg } : { file: arg, accountId: account });
      continue;
    }
    if (!allowed.includes(arg)) throw fail(`unknown option ${JSON.stringify(arg)} for ${command}: expected ${allowed.join(', ')}`);
    if (arg === '--account' || arg === '--out') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('-')) throw fail(`${arg} needs a value (${arg === '--out' ? 'the TypeScript file to write' : 'the account id'})`);
      if (arg === '--out') out = value;
      else {
        if (!ACCOUNT_ID.test(value)) throw fail(`--account ${JSON.stringify(value)} is not an account id: expected 32 lowercase hex characters`);
        account = value;
        accounts.push(value);
      }
    } else if (arg === '--json') json = true;
    else if (arg === '--fail-on-findings') failOnFindings = true;
    else live = true;
  }
  if (command === 'adopt') {
    if (out === undefined) throw fail('adopt needs --out <file.ts>, the module to write');
    if (live && listings.length > 0) throw fail('adopt --live lists the tokens through the API: give no files with it');
    if (!live && listings.length === 0) throw fail('adopt takes at least one token listing file (the saved API response), or --live');
    return { command, listings, live, accounts, out };
  }
  if (live && listings.length > 0) throw fail('audit --live lists the tokens through the API: give no files with it');
  if (!live && listings.length === 0) throw fail('audit takes at least one token listing file (the saved API response), or --live');
  return { command, listings, live, accounts, json, failOnFindings };
}
