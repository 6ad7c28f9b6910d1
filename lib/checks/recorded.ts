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
