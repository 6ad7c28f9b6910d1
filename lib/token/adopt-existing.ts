import { TerraformResource } from '../framework';
import { Problem, problemAt } from '../errors';
import { TokenOwner } from './owner';

/**
 * A token id as the Cloudflare API lists it (`id` of `GET /user/tokens` and
 * `GET /accounts/{account_id}/tokens`: "Token identifier tag", at most 32 characters;
 * https://developers.cloudflare.com/api/node/resources/user/subresources/tokens/methods/list).
 * Ids the API hands out are 32 lowercase hex characters.
 */
const TOKEN_ID = /^[0-9a-f]{32}$/;

/** Checks the `adoptTokenId` option; `undefined` when it is left out. */
export function adoptProblems(field: string, tokenId: unknown): Problem[] {
  if (tokenId === undefined) return [];
  if (typeof tokenId === 'string' && TOKEN_ID.test(tokenId)) return [];
  // A string that is not an id may be the token's value pasted by mistake: never echoed.
  const received = typeof tokenId === 'string' ? `a string of ${[...tokenId].length} characters (not shown: it may be a token value)` : tokenId;
  return [
    problemAt(field, received, {
      message: typeof tokenId === 'string' ? 'is not a token id' : 'is not a string',
      expected: "the existing token's id: 32 lowercase hex characters (the `id` of the token in GET /user/tokens or GET /accounts/<account_id>/tokens, or `cf-token-review audit`)",
      fix: 'copy the id from the token listing (not the token value, which is a different, secret string), or leave adoptTokenId out to create a new token',
    }),
  ];
}

/**
 * The import id each token resource expects (the provider's import docs,
 * terraform-provider-cloudflare examples/resources/cloudflare_api_token/import.sh: `<token_id>`;
 * .../cloudflare_account_token/import.sh: `<account_id>/<token_id>`).
 */
export function importIdOf(owner: TokenOwner, tokenId: string): string {
  return owner.accountId === undefined ? tokenId : `${owner.accountId}/${tokenId}`;
}

/**
 * Adopts the existing token: an `import` block (Terraform 1.5+) to the token resource's
 * address, so the first plan imports it instead of creating a second token.
 */
export function adoptExisting(resource: TerraformResource, owner: TokenOwner, tokenId: string): void {
  resource.importFrom(importIdOf(owner, tokenId));
}
