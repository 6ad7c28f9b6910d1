import { Annotations, Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { problemAt, throwIfProblems } from '../errors';
import { addSynthCheck } from '../private/synth-gate';
import { RuleFinding, RuleInfo, RuleLevel, RuleResult } from './rule';
import { ALL_RULE_INFO, CFT0, RULES } from './rules';
import { StackFacts, readStackFacts } from './stack-facts';
import { addSuppressions, Suppression, suppressionsInForce } from './suppressions';
import { isTokenResource, readTokenFacts, TokenFacts } from './token-facts';
import type { RecordedFinding, RecordedSuppression } from './recorded';

/** Options for {@link LeastPrivilegeChecks}. */
export interface LeastPrivilegeChecksProps {
  /**
   * Turns every warning into an error and runs the strict-only rules (CFT4, client-IP
   * restriction). For production stacks.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The longest validity window (not_before to expires_on) a token may have, in days (CFT3).
   * @default 365
   */
  readonly maxValidityDays?: number;
  /**
   * Marks the stacks checked as production: their state must not be local (CFT11).
   * @default false
   */
  readonly production?: boolean;
}

/** What the checks recorded on one token resource, merged across every checks instance applied. */
interface TokenRecord {
  readonly checkedBy: Set<LeastPrivilegeChecks>;
  readonly findings: Map<string, RecordedFinding>;
  readonly suppressions: Map<string, RecordedSuppression>;
}

const RECORDS = new WeakMap<TerraformResource, TokenRecord>();
const DEFAULT_MAX_VALIDITY_DAYS = 365;

/**
 * Least-privilege checks for Cloudflare API tokens, run at synth as a cdktf Aspect, in the
 * way cdk-nag checks AWS stacks. Every rule (see RULES.md) runs on every
 * `cloudflare_api_token` and `cloudflare_account_token` resource, including raw provider
 * resources. Warnings are printed; errors fail `cdktf synth` and `Testing.synth(stack, true)`.
 * Findings and suppressions are recorded on each token in the synthesized JSON under
 * `"//": { "leastPrivilege": { findings, suppressions } }`.
 *
 * Apply with `LeastPrivilegeChecks.applyTo(stack, { strict: true })` (or
 * `Aspects.of(stack).add(new LeastPrivilegeChecks(...))`), once, before synth: an Aspect
 * added from inside another Aspect is skipped.
 */
export class LeastPrivilegeChecks implements IAspect {
  /**
   * Applies the checks to `scope`. For a stack (or anything inside one), this is
   * `Aspects.of(scope).add(checks)`. For the app, the checks go on every stack under it,
   * because cdktf 0.21 does not run Aspects added to the App itself: call it after the stacks
   * are created (a token in a stack created later fails validation as unchecked).
   */
  public static applyTo(scope: IConstruct, props: LeastPrivilegeChecksProps = {}): LeastPrivilegeChecks {
    const checks = new LeastPrivilegeChecks(props);
    const insideStack = scope.node.scopes.some((s) => TerraformStack.isStack(s));
    const targets = insideStack ? [scope] : scope.node.findAll().filter((n) => TerraformStack.isStack(n));
    for (const target of targets) Aspects.of(target).add(checks);
    addSynthCheck(scope, () =>
      scope.node
        .findAll()
        .filter(isTokenResource)
        .filter((r) => !(RECORDS.get(r)?.checkedBy.has(checks) ?? false))
        .map((r) => `token ${r.node.path} was not checked by the LeastPrivilegeChecks applied here: apply the checks after creating every stack`),
    );
    return checks;
  }

  /**
   * Accepts findings on `construct` and everything under it. Each suppression names a rule,
   * optionally the one finding (`appliesTo`), and a reason of at least 10 characters that is
   * recorded in the synthesized JSON. An unknown rule id or a short reason throws at once; a
   * suppression that matches no finding fails validation at synth.
   */
  public static suppress(construct: IConstruct, suppressions: readonly Suppression[]): void {
    addSuppressions(construct, suppressions, ALL_RULE_INFO);
  }

  private readonly strict: boolean;
  private readonly maxValidityDays: number;
  private readonly production: boolean;
  /**
   * Stack facts read once per stack per synth pass (reading them per token made checks
   * quadratic in stack size). Applied to a stack, each pass starts by visiting the stack,
   * which clears its entry; a tree changed between two synths is then read afresh.
   */
  private readonly stackFactsCache = new WeakMap<TerraformStack, StackFacts>();

  constructor(props: LeastPrivilegeChecksProps = {}) {
    const maxValidityDays = props.maxValidityDays ?? DEFAULT_MAX_VALIDITY_DAYS;
    if (typeof maxValidityDays !== 'number' || !Number.isFinite(maxValidityDays) || maxValidityDays <= 0) {
      throwIfProblems('LeastPrivilegeChecks', [
        problemAt('maxValidityDays', props.maxValidityDays, { message: 'is not a positive number of days', expected: 'a number of days above 0, e.g. 90', fix: 'pass maxValidityDays: 90, or leave it out for 365' }),
      ]);
    }
    this.strict = props.strict ?? false;
    this.maxValidityDays = maxValidityDays;
    this.production = props.production ?? false;
  }

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) this.stackFactsCache.delete(node);
    if (!isTokenResource(node)) return;
    let record = RECORDS.get(node);
    if (record === undefined) {
      record = { checkedBy: new Set(), findings: new Map(), suppressions: new Map() };
      RECORDS.set(node, record);
      const tokenRecord = record;
      addSynthCheck(node, () => [...tokenRecord.findings.values()].filter((f) => f.level === 'error').map(formatError));
    }
    // Aspects run again on every synth of the same tree: check each token once per instance.
    if (record.checkedBy.has(this)) return;
    record.checkedBy.add(this);

    const suppressions = suppressionsInForce(node);
    for (const { rule, finding } of this.findingsOf(node)) {
      const level: RuleLevel = this.strict ? 'error' : rule.level;
      const matching = suppressions.filter((s) => s.id === rule.id && (s.appliesTo === undefined || s.appliesTo === finding.finding));
      if (matching.length > 0) {
        for (const s of matching) {
          s.used = true;
          record.suppressions.set(`${s.id}\n${s.appliesTo ?? ''}\n${s.reason}`, { rule: s.id, reason: s.reason, ...(s.appliesTo === undefined ? {} : { appliesTo: s.appliesTo }) });
        }
        continue;
      }
      const key = `${rule.id}\n${finding.finding}`;
      const previous = record.findings.get(key);
      if (previous?.level === 'error' || previous?.level === level) continue;
      const recorded: RecordedFinding = { rule: rule.id, level, message: finding.message, finding: finding.finding };
      record.findings.set(key, recorded);
      // Errors are validations (what Testing.synth(stack, true) runs) and error annotations
      // (which fail `cdktf synth` even with skipValidation): the gate cannot be switched off
      // by a flag meant for other checks.
      if (level === 'warning') Annotations.of(node).addWarning(formatMessage(recorded, rule));
      else Annotations.of(node).addError(formatMessage(recorded, rule));
    }
    node.addOverride('//.leastPrivilege', {
      findings: [...record.findings.values()].sort(byRuleThen((f) => f.finding ?? '')),
      suppressions: [...record.suppressions.values()].sort(byRuleThen((s) => `${s.appliesTo ?? ''}\n${s.reason}`)),
    });
  }

  /** Runs every rule on one token; a rule that throws becomes a CFT0 finding. */
  private findingsOf(resource: TerraformResource): { rule: RuleInfo; finding: RuleFinding }[] {
    let token: TokenFacts;
    try {
      token = readTokenFacts(resource);
    } catch (error) {
      return [{ rule: CFT0, finding: { finding: 'token-facts', message: `the token's configuration could not be read: ${errorText(error)}` } }];
    }
    const context = {
      stack: () => {
        const stack = TerraformStack.of(resource);
        let facts = this.stackFactsCache.get(stack);
        if (facts === undefined) {
          facts = readStackFacts(stack, this.production);
          this.stackFactsCache.set(stack, facts);
        }
        return facts;
      },
      maxValidityDays: this.maxValidityDays,
    };
    const out: { rule: RuleInfo; finding: RuleFinding }[] = [];
    for (const rule of RULES) {
      if (rule.strictOnly && !this.strict) continue;
      let result: RuleResult;
      try {
        result = rule.check(token, context);
      } catch (error) {
        out.push({ rule: CFT0, finding: { finding: rule.id, message: `rule ${rule.id} (${rule.name}) threw: ${errorText(error)}` } });
        continue;
      }
      if (result.status === 'nonCompliant') for (const finding of result.findings) out.push({ rule, finding });
    }
    return out;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ruleNumber(id: string): number {
  return Number(id.replace(/^CFT/, ''));
}

function byRuleThen<T extends { rule: string }>(rest: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => ruleNumber(a.rule) - ruleNumber(b.rule) || (rest(a) < rest(b) ? -1 : rest(a) > rest(b) ? 1 : 0);
}

const INFO_BY_ID = new Map(ALL_RULE_INFO.map((r) => [r.id, r]));

function formatMessage(finding: RecordedFinding, rule: RuleInfo): string {
  const appliesTo = finding.finding === undefined ? '' : `, appliesTo: ${JSON.stringify(finding.finding)}`;
  return (
    `[${rule.id}] ${rule.name}: ${finding.message} (finding ${JSON.stringify(finding.finding)}). ${rule.explanation} Fix: ${rule.fix} ` +
    `To accept it, say why: LeastPrivilegeChecks.suppress(construct, [{ id: '${rule.id}'${appliesTo}, reason: '...' }]).`
  );
}

function formatError(finding: RecordedFinding): string {
  const rule = INFO_BY_ID.get(finding.rule) ?? CFT0;
  return formatMessage(finding, rule);
}
