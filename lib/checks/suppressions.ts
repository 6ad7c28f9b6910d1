import { IConstruct } from 'constructs';
import { describeValue, Problem, problemAt, throwIfProblems } from '../errors';
import { addSynthCheck } from '../private/synth-gate';
import { RuleInfo } from './rule';
import type { RuleId } from './rule-id';

/** The shortest reason a suppression may give: enough to say why, not just "ok". */
export const MIN_REASON_LENGTH = 10;

/** Accepts a finding of a rule on a construct and everything under it, with the reason why. */
export interface Suppression {
  /** The rule id, e.g. `CFT3` (typed: an unknown id is a compile error). */
  readonly id: RuleId;
  /** Why the finding is acceptable here: at least 10 characters, recorded in the synthesized JSON. */
  readonly reason: string;
  /**
   * The one finding accepted (as printed with the finding, e.g. `no-expiry` or `zone:<id>`).
   * @default - every finding of the rule
   */
  readonly appliesTo?: string;
}

/** A suppression where it was declared, and whether any finding used it. */
export interface SuppressionRecord extends Suppression {
  readonly declaredAt: string;
  used: boolean;
}

const BY_CONSTRUCT = new WeakMap<IConstruct, SuppressionRecord[]>();

/** Validates and stores suppressions on `construct`; unused ones fail validation later. */
export function addSuppressions(construct: IConstruct, suppressions: readonly Suppression[], rules: readonly RuleInfo[]): void {
  const problems: Problem[] = [];
  if (!Array.isArray(suppressions) || suppressions.length === 0) {
    problems.push(problemAt('suppressions', suppressions, { message: 'is empty', expected: 'a list of { id, reason, appliesTo? }', fix: "pass [{ id: 'CFT3', reason: 'why this is acceptable here' }]" }));
    throwIfProblems(construct.node.path, problems);
  }
  const existing = BY_CONSTRUCT.get(construct) ?? [];
  const known = rules.map((r) => r.id);
  const accepted: SuppressionRecord[] = [];
  suppressions.forEach((s, i) => {
    const at = `suppressions[${i}]`;
    if (!known.includes(s?.id)) {
      problems.push(problemAt(`${at}.id`, s?.id, { message: 'is not a least-privilege rule id', expected: `one of ${known.join(', ')}`, fix: 'use the id printed with the finding (see RULES.md)' }));
    }
    if (typeof s?.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(
        problemAt(`${at}.reason`, s?.reason, {
          message: 'is missing or too short',
          expected: `a reason of at least ${MIN_REASON_LENGTH} characters`,
          fix: 'say why the finding is acceptable here; the reason is recorded in the synthesized JSON for reviewers',
        }),
      );
    }
    if (s?.appliesTo !== undefined && (typeof s.appliesTo !== 'string' || s.appliesTo.length === 0)) {
      problems.push(problemAt(`${at}.appliesTo`, s.appliesTo, { message: 'is not a finding id', expected: 'the finding id printed with the finding, e.g. "no-expiry"', fix: 'copy the finding id from the warning, or leave appliesTo out to accept every finding of the rule' }));
    }
    const duplicate = [...existing, ...accepted].some((e) => e.id === s?.id && e.appliesTo === s?.appliesTo);
    if (duplicate) {
      problems.push(problemAt(at, s, { message: 'suppresses the same finding twice on this construct', expected: 'one suppression per rule and finding', fix: 'remove the duplicate' }));
    }
    accepted.push({ id: s?.id, reason: s?.reason, appliesTo: s?.appliesTo, declaredAt: construct.node.path, used: false });
  });
  throwIfProblems(construct.node.path, problems);
  if (existing.length === 0) {
    addSynthCheck(construct, () => unusedSuppressionErrors(construct));
  }
  BY_CONSTRUCT.set(construct, [...existing, ...accepted]);
}

/** The suppressions in force at `construct`: its own and its parents', outermost first. */
export function suppressionsInForce(construct: IConstruct): readonly SuppressionRecord[] {
  return construct.node.scopes.flatMap((scope) => BY_CONSTRUCT.get(scope) ?? []);
}

function unusedSuppressionErrors(construct: IConstruct): string[] {
  return (BY_CONSTRUCT.get(construct) ?? [])
    .filter((s) => !s.used)
    .map(
      (s) =>
        `least-privilege suppression of ${s.id}${s.appliesTo === undefined ? '' : ` (appliesTo ${describeValue(s.appliesTo)})`} matches no finding on ${s.declaredAt} or below: ` +
        'the finding no longer occurs (remove the suppression), the appliesTo does not match the finding id printed with the finding, or LeastPrivilegeChecks is not applied to this stack',
    );
}
