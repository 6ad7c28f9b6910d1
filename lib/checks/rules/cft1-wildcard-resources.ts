import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import type { ResourceTarget } from '../resource-targets';
import { grantingPolicies } from './helpers';

function wildcardFinding(target: ResourceTarget): RuleFinding | undefined {
  switch (target.kind) {
    case 'allZonesOfAllAccounts':
      return { finding: 'all-zones-of-all-accounts', message: 'grants on every zone of every account the owner can reach, including zones added later' };
    case 'allZonesOfAccount':
      return { finding: `all-zones-of-account:${target.id}`, message: `grants on every zone of account ${target.id}, including zones added later` };
    case 'allR2BucketsOfAccount':
      return { finding: `all-r2-buckets-of-account:${target.id}`, message: `grants on every R2 bucket of account ${target.id}, including buckets created later` };
    case 'allAccounts':
      return { finding: 'all-accounts', message: 'grants on every account the owner can reach' };
    case 'otherWildcard':
      return { finding: `wildcard:${target.label}`, message: `grants on the wildcard resource key ${target.label}` };
    case 'unknown':
      return { finding: `unknown-resource:${target.label}`, message: `grants on ${target.label}, which is not a resource key the checks know, so what it covers cannot be checked` };
    default:
      return undefined;
  }
}

export const CFT1: Rule = {
  id: 'CFT1',
  level: 'warning',
  name: 'Wildcard resources',
  explanation:
    'The token grants on all zones, all accounts or all R2 buckets, on another key with a "*", or on a resource key the checks do not know (which they cannot tell from a wildcard). A wildcard covers resources created later, which nobody reviewed for this token. Resources written as a Terraform expression are CFT13 findings.',
  fix: 'Name the zones, the account or the buckets the token needs (Resource.zone(id), Resource.r2Bucket(...)).',
  check(token) {
    const policies = grantingPolicies(token);
    if (policies.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const policy of policies) {
      for (const target of policy.resources ?? []) {
        const found = wildcardFinding(target);
        if (found) findings.push({ finding: found.finding, message: `policies[${policy.index}] ${found.message}` });
      }
    }
    return fromFindings(findings);
  },
};
