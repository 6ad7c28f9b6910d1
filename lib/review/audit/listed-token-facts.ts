import { readCondition, readPolicies } from '../../checks/attribute-facts';
import type { TokenFacts, UnreadablePart } from '../../checks/token-facts';
import { ListedToken } from './listed-tokens';

/**
 * The facts the least-privilege rules read, built from a token as the API lists it, so that the
 * audit runs the very rules (and finding ids) of synth. The listing's `policies` and `condition`
 * have the provider's attribute names, so they go through the synth-time readers unchanged
 * (`resources` is an object in the listing and a JSON string at synth; both parse the same).
 *
 * The validity window starts at `not_before`, or, without one, at `issued_on` (the token has
 * been valid since it was created), so CFT3 measures how long a listed token stays valid.
 */
export function listedTokenFacts(token: ListedToken): TokenFacts {
  const unreadable: UnreadablePart[] = [];
  const policies = readPolicies(token.raw.policies, unreadable);
  const condition = readCondition(token.raw.condition, unreadable);
  const resourceType = token.owner.kind === 'account' ? 'cloudflare_account_token' : 'cloudflare_api_token';
  return {
    path: token.id,
    resourceType,
    address: `${resourceType}.${token.id}`,
    name: token.name,
    owner: token.owner,
    policies,
    allowedIps: condition.allowed,
    deniedIps: condition.denied,
    expiresOn: token.expiresOn,
    notBefore: token.notBefore ?? token.issuedOn,
    unreadable,
  };
}
