import { ReviewInputError } from '../review-input-error';
import { ListedToken, listedTokens, withoutDuplicates } from './listed-tokens';

/** The SDK version `--live` is tested with (package.json pins it as a dev dependency and an optional peer). */
export const CLOUDFLARE_SDK = 'cloudflare@7.3.0';

/** What `audit --live` lists, and with which credential. Never printed. */
export interface LiveListing {
  readonly apiToken: string;
  /** Accounts whose account-owned tokens to list, besides the user's tokens. */
  readonly accounts: readonly string[];
  /** The API's base URL; the SDK's default (https://api.cloudflare.com/client/v4) when left out. */
  readonly baseURL?: string;
  /** Retries of a rate-limited or failed request (the SDK honours Retry-After). */
  readonly maxRetries?: number;
}

// What each listing needs (API reference, "List Tokens": accepted permissions "API Tokens
// Write, API Tokens Read" for GET /user/tokens; "Account API Tokens Write, Account API Tokens
// Read" for GET /accounts/{account_id}/tokens).
const NEEDS = { user: 'API Tokens Read (user)', account: 'Account API Tokens Read (account)' };

/** The subset of the SDK the listing uses; the SDK is loaded only here, only in live mode. */
interface Sdk {
  user: { tokens: { list(query: { per_page: number }): AsyncIterable<unknown> } };
  accounts: { tokens: { list(params: { account_id: string; per_page: number }): AsyncIterable<unknown> } };
}

function loadSdk(options: LiveListing): Sdk {
  let Cloudflare: new (options: Record<string, unknown>) => Sdk;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Cloudflare = require('cloudflare').default;
  } catch {
    throw new ReviewInputError('audit --live', `needs the official Cloudflare SDK, which is not installed: run \`npm install --save-dev ${CLOUDFLARE_SDK}\``);
  }
  // Read-only calls only: the two list endpoints, with the token given; nothing else is called.
  return new Cloudflare({ apiToken: options.apiToken, apiEmail: null, apiKey: null, userServiceKey: null, maxRetries: options.maxRetries ?? 2, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
}

/** Every page of one listing, through the SDK's pagination. */
async function collect(pages: AsyncIterable<unknown>, what: string, needs: string): Promise<unknown[]> {
  const tokens: unknown[] = [];
  try {
    for await (const token of pages) tokens.push(token);
  } catch (error) {
    throw new ReviewInputError(what, describeFailure(error, needs));
  }
  return tokens;
}

/** The SDK's error in one line, without its message (which may quote the request) or the token. */
function describeFailure(error: unknown, needs: string): string {
  const status = (error as { status?: unknown }).status;
  const codes = ((error as { errors?: unknown }).errors as { code?: unknown }[] | undefined)?.map((e) => e?.code).filter((c) => typeof c === 'number') ?? [];
  const api = codes.length > 0 ? `, API error code ${codes.join(', ')}` : '';
  if (status === 403) return `refused (403${api}): CLOUDFLARE_API_TOKEN lacks the permission this listing needs, ${needs}; add it to the token that runs the audit (read-only is enough)`;
  if (status === 401) return `refused (401${api}): CLOUDFLARE_API_TOKEN is not a valid, active token`;
  if (status === 429) return `rate-limited (429${api}) after the retries the SDK makes (it waits as Retry-After says); run the audit again later`;
  if (typeof status === 'number') return `failed (HTTP ${status}${api})`;
  return `cannot reach the API (${(error as Error)?.name ?? 'unknown error'})`;
}

/** Lists the user's tokens and each account's tokens through the official SDK. */
export async function listLive(options: LiveListing): Promise<ListedToken[]> {
  const sdk = loadSdk(options);
  const user = await collect(sdk.user.tokens.list({ per_page: 50 }), 'GET /user/tokens', NEEDS.user);
  const listed = listedTokens(user, 'GET /user/tokens', undefined);
  for (const account of options.accounts) {
    const what = `GET /accounts/${account}/tokens`;
    listed.push(...listedTokens(await collect(sdk.accounts.tokens.list({ account_id: account, per_page: 50 }), what, NEEDS.account), what, account));
  }
  return withoutDuplicates(listed);
}
