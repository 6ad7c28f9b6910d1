// Suppression ids are typed: `npm test` runs tsc over this file first, and each
// `@ts-expect-error` fails the build if the line below it ever starts to compile.
import { LEAST_PRIVILEGE_RULES, LeastPrivilegeChecks, RuleId } from '../../lib';
import { RULE_IDS } from '../../lib/checks/rule-id';
import { checkedStack } from './helpers';

test('the RuleId type lists exactly the rule ids the checks know', () => {
  expect([...RULE_IDS].sort()).toEqual(LEAST_PRIVILEGE_RULES.map((r) => r.id).sort());
});

test('an unknown rule id in a suppression is a compile error, a known one compiles', () => {
  const stack = checkedStack();
  const ok: RuleId = 'CFT4';
  // @ts-expect-error CFT99 is not a rule
  const unknown = () => LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT99', reason: 'a perfectly good reason' }]);
  // @ts-expect-error ids are upper case, as printed
  const lower: RuleId = 'cft4';
  expect(ok).toBe('CFT4');
  expect(lower).toBe('cft4');
  expect(unknown).toThrow(/suppressions\[0\]\.id is not a least-privilege rule id/);
});
