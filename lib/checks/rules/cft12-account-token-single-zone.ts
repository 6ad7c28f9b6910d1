import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import { groupLabel, grantingPolicies } from './helpers';

export const CFT12: Rule = {
  id: 'CFT12',
  level: 'warning',
  name: 'Account-owned token granting on a single zone',
  explanation:
    'An account-owned token (cloudflare_account_token) grants a permission on a single zone. Cloudflare accepts that only if the credential creating the token holds the same permission itself, so the deploy fails unless the deploying token is at least as wide; all-zones and R2 grants are not checked this way.',
  fix: 'Make sure the deploying credential holds these permissions on these zones (then suppress with that as the reason), or use a user-owned token.',
  check(token) {
    if (token.owner.kind !== 'account') return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const policy of grantingPolicies(token)) {
      for (const target of policy.resources ?? []) {
        if (target.kind !== 'zone') continue;
        const names = policy.permissionGroupIds.map(groupLabel).sort().join(', ');
        findings.push({ finding: `zone:${target.id}`, message: `policies[${policy.index}] grants ${names} on zone ${target.id}; the deploying credential must hold the same` });
      }
    }
    return fromFindings(findings);
  },
};
