import { READ_IMPLIED_BY_WRITE } from '../../permissions/write-includes-read';
import { fromFindings, NOT_APPLICABLE, Rule, RuleFinding } from '../rule';
import { groupLabel, grantingPolicies } from './helpers';

export const CFT6: Rule = {
  id: 'CFT6',
  level: 'warning',
  name: 'Write granted with its own Read',
  explanation:
    'The token is granted "X Write" and "X Read" (same scope, pairs taken from the catalog by name) on the same resource. Write already includes read, so the extra grant adds nothing but hides what the token is for and makes the summary longer to review.',
  fix: 'Drop the Read group where the Write group is granted on the same resource; keep it where only reading is meant.',
  check(token) {
    const policies = grantingPolicies(token);
    if (policies.length === 0) return NOT_APPLICABLE;
    const grantedOn = new Map<string, Set<string>>();
    for (const policy of policies) {
      for (const target of policy.resources ?? []) {
        const set = grantedOn.get(target.label) ?? new Set<string>();
        policy.permissionGroupIds.forEach((id) => set.add(id));
        grantedOn.set(target.label, set);
      }
    }
    const findings: RuleFinding[] = [];
    for (const [label, ids] of grantedOn) {
      for (const id of ids) {
        const readId = READ_IMPLIED_BY_WRITE.get(id);
        if (readId !== undefined && ids.has(readId)) {
          findings.push({ finding: groupLabel(readId), message: `${groupLabel(readId)} is granted with ${groupLabel(id)} on ${label}, which already reads` });
        }
      }
    }
    return fromFindings(findings);
  },
};
