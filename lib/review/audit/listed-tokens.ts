import { readJsonFile } from '../read-json-file';
import { ReviewInputError } from '../review-input-error';

/**
 * A token as the Cloudflare API lists it, with only the fields the audit reads. Every other
 * field is ignored; the token's value is never in a listing (Cloudflare shows it once, in the
 * response that creates it) and is never read from the file even if a user saved one there.
 *
 * Accepted files, each one of:
 * - the response body of `GET /user/tokens` or `GET /accounts/{account_id}/tokens` as curl saves
 *   it: `{ "success": true, "errors": [], "messages": [], "result": [<token>...],
 *   "result_info": {...} }` (one file per page; a body with `"success": false` is refused);
 * - a JSON array of tokens: the `result` of such a response (`jq .result`), or the tokens the
 *   official `cloudflare` SDK yields (`for await (const t of client.user.tokens.list())`,
 *   `client.accounts.tokens.list({ account_id })`), saved with `JSON.stringify`.
 *
 * Fields of a token read (names and meaning from the API reference, "List Tokens",
 * https://developers.cloudflare.com/api/node/resources/user/subresources/tokens/methods/list and
 * .../accounts/subresources/tokens/methods/list; the SDK's `Token` type in cloudflare-typescript
 * src/resources/shared.ts): `id` (required), `name`, `status` (`active`, `disabled`,
 * `expired`), `issued_on`, `modified_on`, `last_used_on`, `not_before`, `expires_on`,
 * `condition.request_ip.in` / `not_in` (CIDR lists), and `policies[]` with `effect`,
 * `permission_groups[]` (`id`, and `name` as the API gives it) and `resources` (an object of
 * resource keys, each `"*"` or an object of nested keys). The listing does not say which
 * account owns an account token: the command line does (`--account <id>`).
 */
export interface ListedToken {
  /** The file it was read from, and its index there, for messages. */
  readonly source: string;
  readonly id: string;
  readonly owner: { readonly kind: 'user' } | { readonly kind: 'account'; readonly accountId: string };
  /** The token object as listed (the audit's fact builder reads `policies` and `condition` from it). */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly status?: string;
  readonly issuedOn?: string;
  readonly modifiedOn?: string;
  readonly lastUsedOn?: string;
  readonly notBefore?: string;
  readonly expiresOn?: string;
  /** Permission group names the API gave, by id: shown when our catalog lacks the id. */
  readonly apiGroupNames: Readonly<Record<string, string>>;
}

/** One file of listed tokens, and whose tokens they are. */
export interface ListingFile {
  readonly file: string;
  /** The account whose account-owned tokens the file lists; `undefined` for user tokens. */
  readonly accountId?: string;
}

/** Reads every listing file; throws {@link ReviewInputError} (exit 2) on what is not a listing. */
export function readListings(files: readonly ListingFile[]): ListedToken[] {
  return withoutDuplicates(files.flatMap(readListing));
}

/** One entry per token (owner and id): the same page saved twice, or overlapping pages, list a token once. */
export function withoutDuplicates(listed: readonly ListedToken[]): ListedToken[] {
  const seen = new Set<string>();
  return listed.filter((token) => {
    const key = `${token.owner.kind === 'account' ? token.owner.accountId : 'user'}/${token.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readListing({ file, accountId }: ListingFile): ListedToken[] {
  const body = readJsonFile(file);
  let list: unknown;
  if (Array.isArray(body)) {
    list = body;
  } else if (isRecord(body)) {
    if (body.success === false) {
      const codes = Array.isArray(body.errors) ? body.errors.map((e) => (isRecord(e) && typeof e.code === 'number' ? e.code : '?')).join(', ') : '';
      throw new ReviewInputError(file, `is an error response of the Cloudflare API (success: false${codes ? `, error codes ${codes}` : ''}), not a token listing`);
    }
    if (!Array.isArray(body.result)) throw new ReviewInputError(file, 'is not a token listing: expected the API response ({"result": [...]}) or an array of tokens');
    list = body.result;
  } else {
    throw new ReviewInputError(file, 'is not a token listing: expected the API response ({"result": [...]}) or an array of tokens');
  }
  return listedTokens(list as unknown[], file, accountId);
}

/** The tokens of one listing (a file's, or a page the SDK fetched), owned by the user or by `accountId`. */
export function listedTokens(list: readonly unknown[], source: string, accountId: string | undefined): ListedToken[] {
  const owner = accountId === undefined ? ({ kind: 'user' } as const) : ({ kind: 'account', accountId } as const);
  return list.map((raw, index) => readToken(raw, `${source}[${index}]`, owner));
}

function readToken(raw: unknown, source: string, owner: ListedToken['owner']): ListedToken {
  if (!isRecord(raw)) throw new ReviewInputError(source, 'is not a token object');
  if (typeof raw.id !== 'string' || raw.id === '') throw new ReviewInputError(source, 'has no token id ("id")');
  const text = (field: string): string | undefined => (typeof raw[field] === 'string' ? (raw[field] as string) : undefined);
  const apiGroupNames: Record<string, string> = {};
  for (const policy of Array.isArray(raw.policies) ? raw.policies : []) {
    if (!isRecord(policy) || !Array.isArray(policy.permission_groups)) continue;
    for (const group of policy.permission_groups) {
      if (isRecord(group) && typeof group.id === 'string' && typeof group.name === 'string') apiGroupNames[group.id] = group.name;
    }
  }
  return {
    source,
    id: raw.id,
    owner,
    raw,
    name: text('name'),
    status: text('status'),
    issuedOn: text('issued_on'),
    modifiedOn: text('modified_on'),
    lastUsedOn: text('last_used_on'),
    notBefore: text('not_before'),
    expiresOn: text('expires_on'),
    apiGroupNames,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
