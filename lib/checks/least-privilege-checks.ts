import { Annotations, Aspects, IAspect, isTerraformModule, TerraformElement, TerraformResource, TerraformStack } from '../framework';
import { checkSameFramework } from '../bindings/same-framework';
import { writeComment } from '../bindings/block-comments';
import { IConstruct } from 'constructs';
import { problemAt, throwIfProblems } from '../errors';
import { addSynthCheck } from '../private/synth-gate';
import { RuleFinding, RuleInfo, RuleLevel, RuleResult } from './rule';
import { ALL_RULE_INFO, CFT0, RULES } from './rules';
import { StackFacts, readStackFacts } from './stack-facts';
import { addSuppressions, MIN_REASON_LENGTH, Suppression, suppressionsInForce } from './suppressions';
import { isTokenResource, readFactAttributes, readTokenFacts, stackOverrideOfToken, TokenFacts } from './token-facts';
import type { RecordedChecks, RecordedFinding, RecordedSuppression } from './recorded';
import { CFT13 } from './rules/cft13-unreadable-configuration';

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
  /**
   * Also runs the advice rules (CFT12): hints about deploys that Cloudflare would refuse, not
   * least-privilege risks. They stay warnings in strict mode.
   * @default false
   */
  readonly advice?: boolean;
}

/** Options for {@link LeastPrivilegeChecks.disable}. */
export interface DisableChecksProps {
  /** Why this stack's tokens need no checks: at least 10 characters, recorded in the synthesized JSON. */
  readonly reason: string;
}

/** What the checks recorded on one element (a token, a module, a provisioned resource), merged across every checks instance applied. */
interface TokenRecord {
  readonly checkedBy: Set<LeastPrivilegeChecks>;
  level: 'default' | 'strict';
  readonly findings: Map<string, RecordedFinding>;
  readonly suppressions: Map<string, RecordedSuppression>;
  /** For a token: its fact attributes and stack-level override as the checks last read them, to tell a later change. */
  read?: { readonly attributes: unknown; readonly stackOverride: string | undefined };
}

const RECORDS = new WeakMap<TerraformElement, TokenRecord>();
const DEFAULT_MAX_VALIDITY_DAYS = 365;
/** The checks every stack holding a library token runs unless told otherwise, one instance per stack. */
const DEFAULT_CHECKS = new WeakMap<TerraformStack, LeastPrivilegeChecks>();
const DEFAULT_INSTANCES = new WeakSet<LeastPrivilegeChecks>();
/** Stacks whose default checks were turned off, with the reason. */
const DISABLED = new WeakMap<TerraformStack, string>();
/** What each stack records about the checks that ran on it (strict wins over default), and findings on what is not a token. */
const STACK_RECORDS = new WeakMap<TerraformStack, { checks?: RecordedChecks; findings: Map<string, RecordedFinding> }>();

/**
 * Least-privilege checks for Cloudflare API tokens, run at synth as a cdktf Aspect, in the
 * way cdk-nag checks AWS stacks. Every rule (see RULES.md) runs on every
 * `cloudflare_api_token` and `cloudflare_account_token` resource, including raw provider
 * resources. Warnings are printed; errors fail `cdktf synth` and `Testing.synth(stack, true)`.
 * Findings and suppressions are recorded on each token in the synthesized JSON under
 * `"//": { "leastPrivilege": { findings, suppressions } }`.
 *
 * On by default: every stack that holds a token of this library's constructs runs the checks
 * at the default level with no call. `LeastPrivilegeChecks.applyTo(stack, { strict: true })`
 * (or `Aspects.of(stack).add(new LeastPrivilegeChecks(...))`) replaces the default for what it
 * covers; apply it once, before synth: an Aspect added from inside another Aspect is skipped.
 * `LeastPrivilegeChecks.disable(stack, { reason })` turns the default off, and the synthesized
 * JSON says so. Each stack records which checks ran under `"//": { "leastPrivilege": ... }`.
 */
export class LeastPrivilegeChecks implements IAspect {
  /**
   * Runs the default checks on the stack that holds `scope`, once per stack. Called by the
   * library's token constructs; raw provider resources are checked when a stack holds a
   * library token or has checks applied.
   */
  public static enableByDefault(scope: IConstruct): void {
    const stack = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
    if (stack === undefined || DEFAULT_CHECKS.has(stack)) return;
    const checks = new LeastPrivilegeChecks({});
    DEFAULT_INSTANCES.add(checks);
    DEFAULT_CHECKS.set(stack, checks);
    Aspects.of(stack).add(checks);
  }

  /**
   * Turns off the checks that run by default on `stack`, saying why. The reason is recorded in
   * the stack's synthesized JSON and shown by `cf-token-review report` ("not checked").
   * Checks applied explicitly with {@link applyTo} still run.
   */
  public static disable(stack: TerraformStack, props: DisableChecksProps): void {
    const problems = [];
    if (!TerraformStack.isStack(stack)) {
      problems.push(problemAt('stack', typeof stack === 'object' && stack !== null ? String(stack) : stack, { message: 'is not a TerraformStack', expected: 'the stack whose default checks to turn off', fix: 'pass the stack, e.g. LeastPrivilegeChecks.disable(this, { reason })' }));
    }
    if (typeof props?.reason !== 'string' || props.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(
        problemAt('reason', props?.reason, {
          message: 'is missing or too short',
          expected: `a reason of at least ${MIN_REASON_LENGTH} characters`,
          fix: 'say why the tokens of this stack need no checks; the reason is recorded in the synthesized JSON for reviewers',
        }),
      );
    }
    throwIfProblems(TerraformStack.isStack(stack) ? stack.node.path : 'LeastPrivilegeChecks.disable', problems);
    DISABLED.set(stack, props.reason);
  }

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
    for (const target of targets) checkSameFramework(target);
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
  private readonly advice: boolean;
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
    this.advice = props.advice === true;
  }

  /** Whether this is the instance a stack runs by default (see {@link enableByDefault}). */
  private get isDefault(): boolean {
    return DEFAULT_INSTANCES.has(this);
  }

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      this.stackFactsCache.delete(node);
      if (this.isDefault && DISABLED.has(node)) recordStack(node, { level: 'off', reason: DISABLED.get(node) as string });
      else if (!this.isDefault || !explicitlyChecked(node)) recordStack(node, this.stackRecord());
      return;
    }
    let findings: { rule: RuleInfo; finding: RuleFinding }[] = [];
    if (isTerraformModule(node)) {
      findings = [{ rule: CFT13, finding: { finding: `module:${node.node.path}`, message: `module ${node.node.path} (${String(node.source)}) is not read by the checks: any token it creates is not checked` } }];
    } else if (TerraformResource.isTerraformResource(node) && hasProvisioners(node)) {
      findings = [{ rule: CFT13, finding: { finding: `provisioner:${node.node.path}`, message: `${node.terraformResourceType} ${node.node.path} runs provisioners, whose commands the checks cannot read: any token they create is not checked` } }];
    } else if (!isTokenResource(node)) return;
    if (this.isDefault) {
      const stack = TerraformStack.of(node);
      if (DISABLED.has(stack) || explicitlyChecked(node)) return;
    }
    this.record(node as TerraformElement, findings);
  }

  /** What this instance records on the stacks it checks. */
  private stackRecord(): RecordedChecks {
    return this.strict ? { level: 'strict', production: this.production, maxValidityDays: this.maxValidityDays } : { level: 'default', production: this.production, maxValidityDays: this.maxValidityDays };
  }

  /** Checks one element (rules for a token, the given findings otherwise) and records the result on it. */
  private record(node: TerraformElement, givenFindings: { rule: RuleInfo; finding: RuleFinding }[]): void {
    let record = RECORDS.get(node);
    if (record === undefined) {
      record = { checkedBy: new Set(), level: 'default', findings: new Map(), suppressions: new Map() };
      RECORDS.set(node, record);
      const tokenRecord = record;
      addSynthCheck(node, () => {
        if (isTokenResource(node)) recheckIfChanged(node, tokenRecord);
        return [...tokenRecord.findings.values()].filter((f) => f.level === 'error').map(formatError);
      });
    }
    // Aspects run again on every synth of the same tree: check each token once per instance.
    if (record.checkedBy.has(this)) return;
    record.checkedBy.add(this);
    if (this.strict) record.level = 'strict';
    recordStack(TerraformStack.of(node), this.stackRecord());

    const suppressions = suppressionsInForce(node);
    const findings = isTokenResource(node) ? [...this.findingsOf(node, record), ...givenFindings] : givenFindings;
    for (const { rule, finding } of findings) {
      const level: RuleLevel = this.strict && rule.advice !== true ? 'error' : rule.level;
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
    if (!isTokenResource(node)) {
      // A module's "//" is overwritten by cdktf: findings on what is not a token go on the stack.
      const state = stackState(TerraformStack.of(node));
      for (const [key, finding] of record.findings) state.findings.set(`${node.node.path}\n${key}`, finding);
      writeStackRecord(TerraformStack.of(node));
      return;
    }
    writeComment(node, 'leastPrivilege', {
      checks: record.level,
      findings: [...record.findings.values()].sort(byRuleThen((f) => f.finding ?? '')),
      suppressions: [...record.suppressions.values()].sort(byRuleThen((s) => `${s.appliesTo ?? ''}\n${s.reason}`)),
    });
  }

  /** Runs every rule on one token; a rule that throws becomes a CFT0 finding. */
  private findingsOf(resource: TerraformResource, record: TokenRecord): { rule: RuleInfo; finding: RuleFinding }[] {
    let token: TokenFacts;
    try {
      const attributes = readFactAttributes(resource);
      record.read = { attributes, stackOverride: stackOverrideOfToken(resource) };
      token = readTokenFacts(resource, attributes);
    } catch (error) {
      record.read = undefined;
      return [{ rule: CFT0, finding: { finding: 'token-facts', message: `the token's configuration could not be read: ${errorText(error)}` } }];
    }
    let stackFacts: StackFacts | undefined;
    const context = {
      stack: () => {
        if (stackFacts !== undefined) return stackFacts;
        const stack = TerraformStack.of(resource);
        let facts = this.stackFactsCache.get(stack);
        if (facts === undefined) {
          facts = readStackFacts(stack, this.production);
          this.stackFactsCache.set(stack, facts);
        }
        stackFacts = facts;
        return facts;
      },
      maxValidityDays: this.maxValidityDays,
    };
    const out: { rule: RuleInfo; finding: RuleFinding }[] = [];
    for (const rule of RULES) {
      if (rule.strictOnly && !this.strict) continue;
      if (rule.advice && !this.advice) continue;
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

/**
 * At validation (after every Aspect, before the JSON is written): when a token's attributes or
 * a stack-level override of it are no longer what the checks read (an Aspect that ran after
 * them, a change between two synths of one app), every checks instance that read it reads it
 * again, so its findings and records are about what Terraform gets.
 */
function recheckIfChanged(node: TerraformResource, record: TokenRecord): void {
  if (record.read === undefined) return;
  let now: unknown;
  try {
    now = readFactAttributes(node);
  } catch {
    now = undefined;
  }
  if (now !== undefined && sameJson(now, record.read.attributes) && stackOverrideOfToken(node) === record.read.stackOverride) return;
  const instances = [...record.checkedBy];
  record.checkedBy.clear();
  record.findings.clear();
  record.suppressions.clear();
  record.level = 'default';
  for (const checks of instances) checks.visit(node);
}

/** Whether two JSON values (as the checks read attributes) are equal; iterative, so no input depth overflows it. */
function sameJson(a: unknown, b: unknown): boolean {
  const work: [unknown, unknown][] = [[a, b]];
  while (work.length > 0) {
    const [x, y] = work.pop() as [unknown, unknown];
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y)) return false;
    const xKeys = Object.keys(x);
    if (xKeys.length !== Object.keys(y).length) return false;
    for (const key of xKeys) {
      if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
      work.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}

/** Provisioners given as the property or through an override (`addOverride('provisioner', ...)`). */
function hasProvisioners(resource: TerraformResource): boolean {
  if ((resource.provisioners?.length ?? 0) > 0) return true;
  // rawOverrides is protected in cdktf; reading it is the only way to see an override here.
  const overrides = (resource as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides;
  return overrides !== undefined && Object.prototype.hasOwnProperty.call(overrides, 'provisioner');
}

/** Whether checks other than a stack's default ones are applied to `node` or a scope above it. */
function explicitlyChecked(node: IConstruct): boolean {
  return node.node.scopes.some((scope) => Aspects.of(scope).all.some((a) => a instanceof LeastPrivilegeChecks && !DEFAULT_INSTANCES.has(a)));
}

/** Records on the stack which checks ran; strict outranks default, which outranks off. */
function recordStack(stack: TerraformStack, checks: RecordedChecks): void {
  const rank = (c: RecordedChecks | undefined) => (c === undefined ? -1 : c.level === 'strict' ? 2 : c.level === 'default' ? 1 : 0);
  const state = stackState(stack);
  if (rank(state.checks) >= rank(checks)) return;
  state.checks = checks;
  writeStackRecord(stack);
}

function stackState(stack: TerraformStack): { checks?: RecordedChecks; findings: Map<string, RecordedFinding> } {
  let state = STACK_RECORDS.get(stack);
  if (state === undefined) {
    state = { findings: new Map() };
    STACK_RECORDS.set(stack, state);
  }
  return state;
}

/** Writes the stack's record at the root of its JSON: `"//": { "leastPrivilege": { level, ..., findings? } }`. */
function writeStackRecord(stack: TerraformStack): void {
  const state = stackState(stack);
  const findings = [...state.findings.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
  stack.addOverride('//.leastPrivilege', { ...state.checks, ...(findings.length > 0 ? { findings } : {}) });
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
