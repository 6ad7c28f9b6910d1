/**
 * Every rule id a suppression may name (CFT0 is the "rule failed" finding), as a type, so that
 * `{ id: 'CFT99' }` is a compile error. Kept equal to the rules' ids by
 * test/checks/rule-id.test.ts: add a new rule's id here.
 */
export const RULE_IDS = ['CFT0', 'CFT1', 'CFT2', 'CFT3', 'CFT4', 'CFT5', 'CFT6', 'CFT7', 'CFT8', 'CFT9', 'CFT10', 'CFT11', 'CFT12', 'CFT13'] as const;

/** A least-privilege rule id, e.g. `'CFT4'`. */
export type RuleId = (typeof RULE_IDS)[number];
