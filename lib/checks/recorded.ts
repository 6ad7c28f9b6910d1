import type { RuleLevel } from './rule';

// The record the checks write on each token resource (`"//".leastPrivilege`) and the
// reviewer tool reads back: one definition for both sides of that contract.

/** A finding as recorded in the synthesized JSON (`"//".leastPrivilege.findings`). */
export interface RecordedFinding {
  readonly rule: string;
  readonly level: RuleLevel;
  readonly message: string;
  readonly finding?: string;
}

/** A suppression as recorded in the synthesized JSON (`"//".leastPrivilege.suppressions`). */
export interface RecordedSuppression {
  readonly rule: string;
  readonly reason: string;
  readonly appliesTo?: string;
}

/**
 * Which checks ran on a stack, as recorded at the root of its synthesized JSON
 * (`"//".leastPrivilege`): `default` or `strict`, or `off` with the reason it was turned off.
 */
export type RecordedChecks =
  | { readonly level: 'default' | 'strict'; readonly production: boolean; readonly maxValidityDays: number }
  | { readonly level: 'off'; readonly reason: string };
