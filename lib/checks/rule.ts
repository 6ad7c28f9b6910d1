import type { StackFacts } from './stack-facts';
import type { TokenFacts } from './token-facts';

/** How serious a finding is: errors fail synth, warnings are printed. */
export type RuleLevel = 'warning' | 'error';

/** One thing a rule found wrong with one token. */
export interface RuleFinding {
  /**
   * A stable id for this specific finding (a permission name, a resource, an output name),
   * so that a suppression can accept exactly this one with `appliesTo`.
   */
  readonly finding: string;
  /** What is wrong and where, for the person reading the synth output. Never holds a secret. */
  readonly message: string;
}

/** What a rule says about one token. */
export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'notApplicable' }
  | { readonly status: 'nonCompliant'; readonly findings: readonly RuleFinding[] };

/** What a rule may read besides the token. */
export interface RuleContext {
  /** The stack that holds the token; read lazily, so only rules that need it pay for it. */
  readonly stack: () => StackFacts;
  /** The longest validity window allowed, in days. */
  readonly maxValidityDays: number;
}

/** What documents a rule: id, level, name, why and how to fix. */
export interface RuleInfo {
  /** `CFT<n>`: stable; suppressions name it. */
  readonly id: string;
  readonly level: RuleLevel;
  /** A short name, e.g. "Wildcard resources". */
  readonly name: string;
  /** Why it matters: shown with every finding. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Runs only in strict mode. */
  readonly strictOnly?: boolean;
  /**
   * Advice, not a risk: runs only when the checks are given `advice: true`, and stays a
   * warning in strict mode.
   */
  readonly advice?: boolean;
}

/** A least-privilege rule: a pure function of one token's synthesized configuration. */
export interface Rule extends RuleInfo {
  readonly check: (token: TokenFacts, context: RuleContext) => RuleResult;
}

export const COMPLIANT: RuleResult = Object.freeze({ status: 'compliant' });
export const NOT_APPLICABLE: RuleResult = Object.freeze({ status: 'notApplicable' });

/** Non-compliant when there is any finding, compliant otherwise. Findings de-duplicated by id, sorted. */
export function fromFindings(findings: readonly RuleFinding[]): RuleResult {
  if (findings.length === 0) return COMPLIANT;
  const byId = new Map<string, RuleFinding>();
  for (const f of findings) if (!byId.has(f.finding)) byId.set(f.finding, f);
  return { status: 'nonCompliant', findings: [...byId.values()].sort((a, b) => (a.finding < b.finding ? -1 : a.finding > b.finding ? 1 : 0)) };
}
