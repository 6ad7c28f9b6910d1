import { SCOPE_KEYS } from '../../permissions/scope';
import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import type { ResourceTarget } from '../resource-targets';
import { groupLabel } from './helpers';

/** Whether a deny on `deny` also applies to `allow`: the same key, or a wildcard that contains it. */
function denyCovers(deny: ResourceTarget, allow: ResourceTarget): boolean {
  if (deny.label === allow.label) return true;
  const accountOf = (t: ResourceTarget) => (t.parent?.startsWith(`${SCOPE_KEYS.account}.`) ? t.parent.slice(SCOPE_KEYS.account.length + 1) : undefined);
  switch (deny.kind) {
    case 'allZonesOfAllAccounts':
      return allow.kind === 'zone' || allow.kind === 'allZonesOfAccount';
    case 'allZonesOfAccount':
      return (allow.kind === 'zone' && accountOf(allow) === deny.id) || (allow.kind === 'allZonesOfAccount' && allow.id === deny.id);
    case 'allR2BucketsOfAccount':
      return allow.kind === 'r2Bucket' && deny.id !== undefined && allow.key.startsWith(`${SCOPE_KEYS.r2Bucket}.${deny.id}_`);
    case 'allAccounts':
      return allow.kind === 'account';
    default:
      return false;
  }
}

export const CFT7: Rule = {
  id: 'CFT7',
  level: 'warning',
  name: 'Permission both allowed and denied',
  explanation:
    'The same permission group is allowed on a resource and denied on it, or on a wildcard that contains it (a deny on all zones covers an allow on one zone). Deny wins, so the allow does nothing: the configuration says two things and a reviewer cannot tell which was meant.',
  fix: 'Remove the allow if the token must not have the permission there, or the deny if it must.',
  check(token) {
    const policies = token.policies ?? [];
    const denies = policies.filter((p) => p.effect === 'deny');
    if (denies.length === 0) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    for (const policy of policies.filter((p) => p.effect !== 'deny')) {
      for (const target of policy.resources ?? []) {
        for (const id of policy.permissionGroupIds) {
          for (const deny of denies) {
            if (!deny.permissionGroupIds.includes(id)) continue;
            const covering = (deny.resources ?? []).find((d) => denyCovers(d, target));
            if (covering === undefined) continue;
            const where = covering.label === target.label ? target.label : `${target.label} (denied on ${covering.label}, which contains it)`;
            findings.push({ finding: groupLabel(id), message: `${groupLabel(id)} is both allowed (policies[${policy.index}]) and denied on ${where}` });
          }
        }
      }
    }
    return fromFindings(findings);
  },
};
