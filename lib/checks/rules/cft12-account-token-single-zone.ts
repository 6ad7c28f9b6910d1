import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import { groupLabel, grantingPolicies } from './helpers';

export const CFT12: Rule = {
  id: 'CFT12',
  level: 'warning',
  // A deploy-time hint, not a least-privilege risk (Cloudflare's API refuses the token at
  // apply with a clear error): shown on request, so that it does not drown the risks.
  advice: true,
  name: 'Account-owned token granting on a single zone',
  explanation:
    'An account-owned token (cloudflare_account_token) grants a permission on a single zone. Cloudflare accepts that only if the credential creating the token holds the same permission itself, so the deploy fails unless the deploying token is at least as wide; all-zones and R2 grants are not checked this way.',
  fix: 'Make sure the deploying credential holds these permissions on these zones (then suppress with that as the reason), or use a user-owned token.',
  check(token) {
    if (token.owner.kind !== 'account') return NOT_APPLICABLE;
    // One finding per zone, naming every group granted on it, whichever policy grants it.
    const groupsByZone = new Map<string, Set<string>>();
    for (const policy of grantingPolicies(token)) {
      for (const target of policy.resources ?? []) {
        if (target.kind !== 'zone' || target.id === undefined) continue;
        const names = groupsByZone.get(target.id) ?? new Set<string>();
        policy.permissionGroupIds.forEach((id) => names.add(groupLabel(id)));
        groupsByZone.set(target.id, names);
      }
    }
    const findings: RuleFinding[] = [...groupsByZone].map(([zone, names]) => ({
      finding: `zone:${zone}`,
      message: `grants ${[...names].sort().join(', ')} on zone ${zone}; the credential that creates this token must hold the same there`,
    }));
    return fromFindings(findings);
  },
};
