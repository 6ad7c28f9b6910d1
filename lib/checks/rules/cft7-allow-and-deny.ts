import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import { groupLabel } from './helpers';

export const CFT7: Rule = {
  id: 'CFT7',
  level: 'warning',
  name: 'Permission both allowed and denied',
  explanation:
    'The same permission group is allowed and denied on the same resource. Deny wins, so the allow does nothing: the configuration says two things and a reviewer cannot tell which was meant.',
  fix: 'Remove the allow if the token must not have the permission there, or the deny if it must.',
  check(token) {
    const policies = token.policies ?? [];
    const denies = policies.filter((p) => p.effect === 'deny');
    if (denies.length === 0) return NOT_APPLICABLE;
    const denied = new Set<string>();
    for (const policy of denies) for (const target of policy.resources ?? []) for (const id of policy.permissionGroupIds) denied.add(`${target.label}\n${id}`);
    const findings: RuleFinding[] = [];
    for (const policy of policies.filter((p) => p.effect !== 'deny')) {
      for (const target of policy.resources ?? []) {
        for (const id of policy.permissionGroupIds) {
          if (denied.has(`${target.label}\n${id}`)) {
            findings.push({ finding: groupLabel(id), message: `${groupLabel(id)} is both allowed (policies[${policy.index}]) and denied on ${target.label}` });
          }
        }
      }
    }
    return fromFindings(findings);
  },
};
