import { readCondition, readPolicies } from '../checks/attribute-facts';
import type { RuleResult } from '../checks/rule';
import { CFT0, RULES } from '../checks/rules';
import type { StackFacts } from '../checks/stack-facts';
import type { TokenFacts, UnreadablePart } from '../checks/token-facts';
import type { RecordedFinding, RecordedSuppression } from './model';
import type { ReadRotation } from './rotation-schedule';
import { TOKEN_TYPES } from './token-types';

/**
 * Rules the reviewer cannot run on a token's own JSON: the stack rules (outputs, provider
 * block, backend: CFT9 to CFT11 read cdktf's stack, not the token) and the advice rule CFT12
 * (a deploy-time hint, only run when asked for at synth).
 */
export const NOT_RECOMPUTED: readonly string[] = ['CFT9', 'CFT10', 'CFT11', 'CFT12'];

/** The checks' default longest validity, when the stack records none (lib/checks/least-privilege-checks.ts). */
const DEFAULT_MAX_VALIDITY_DAYS = 365;

/** What the reviewer knows about how the checks ran, from the records of the synth output. */
export interface RecomputeContext {
  /** The level recorded on the token (`default`, `strict`), or `undefined` when it carries no record. */
  readonly level?: string;
  /** The stack's recorded `maxValidityDays`, when it is a positive number. */
  readonly maxValidityDays?: number;
  /** The rotation the reviewer read from the synth output. */
  readonly rotation: ReadRotation;
}

// A token of the synth output is read without its stack: a rule reaching for one is a bug, reported as CFT0.
const NO_STACK = (): StackFacts => {
  throw new Error('the reviewer does not read the stack for this rule');
};

/**
 * The facts the least-privilege rules read, built from a token resource as synthesized (no
 * cdktf): `policies` and `condition` through the checks' own readers, so that finding ids are
 * the ones synth records. A rotating token's `expires_on` is an expression: its validity is
 * the rotation the reviewer reads (period plus grace, as the constructs record it); a rotation
 * it cannot read leaves `expires_on` unreadable, as at synth when an override changed it.
 */
export function synthesizedTokenFacts(type: (typeof TOKEN_TYPES)[number], name: string, resource: Record<string, unknown>, rotation: ReadRotation): TokenFacts {
  const unreadable: UnreadablePart[] = [];
  const policies = readPolicies(resource.policies, unreadable);
  const condition = readCondition(resource.condition, unreadable);
  const text = (value: unknown) => (value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value));
  const expiresOn = text(resource.expires_on);
  const rotates = rotation !== undefined && rotation !== 'unreadable' && expiresOn !== undefined && expiresOn.includes('${');
  if (expiresOn !== undefined && expiresOn.includes('${') && !rotates) {
    unreadable.push({ finding: 'expires_on', message: `expires_on is the Terraform expression ${expiresOn}, so how long the token stays valid cannot be measured at synth (CFT3 not checked)` });
  }
  return {
    path: `${type}.${name}`,
    resourceType: type,
    address: `${type}.${name}`,
    name: text(resource.name),
    owner: type === 'cloudflare_account_token' ? { kind: 'account', accountId: String(resource.account_id) } : { kind: 'user' },
    policies,
    allowedIps: condition.allowed,
    deniedIps: condition.denied,
    expiresOn,
    notBefore: text(resource.not_before),
    ...(rotates ? { rotationValidityDays: rotationValidityDays(resource, rotation) } : {}),
    unreadable,
  };
}

/**
 * The longest a token of a (readable) rotation stays valid, as the constructs record it for the
 * checks: period plus grace; an `OverlappingToken` slot (`slot` in the rotation record, which
 * readRotationSchedule has matched against the Terraform it drives) lives two periods plus grace.
 */
function rotationValidityDays(resource: Record<string, unknown>, rotation: { everyDays: number; graceDays: number }): number {
  const meta = resource['//'];
  const record = meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>).rotation : undefined;
  const slot = record !== null && typeof record === 'object' ? (record as Record<string, unknown>).slot : undefined;
  return (slot === 'a' || slot === 'b' ? 2 : 1) * rotation.everyDays + rotation.graceDays;
}

/**
 * Runs the rules that read only the token (every rule but {@link NOT_RECOMPUTED}) on its
 * synthesized facts, at the level recorded on the token (`strict`: CFT4 too, every finding an
 * error). A token with no record is checked at the default level. A rule that throws is a CFT0
 * finding, as at synth.
 */
export function recomputeFindings(facts: TokenFacts, context: RecomputeContext): RecordedFinding[] {
  const strict = context.level === 'strict';
  const findings: RecordedFinding[] = [];
  for (const rule of RULES) {
    if (NOT_RECOMPUTED.includes(rule.id) || (rule.strictOnly && !strict)) continue;
    let result: RuleResult;
    try {
      result = rule.check(facts, { stack: NO_STACK, maxValidityDays: context.maxValidityDays ?? DEFAULT_MAX_VALIDITY_DAYS });
    } catch (error) {
      findings.push({ rule: CFT0.id, level: 'error', finding: rule.id, message: `rule ${rule.id} (${rule.name}) threw: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (result.status !== 'nonCompliant') continue;
    for (const f of result.findings) findings.push({ rule: rule.id, level: strict ? 'error' : rule.level, finding: f.finding, message: f.message });
  }
  return findings;
}

/**
 * The recomputed findings the record does not account for: neither recorded (same rule and
 * finding id, at the same level or above) nor accepted by a recorded suppression. Each is
 * marked `notInRecord`.
 */
export function unrecordedFindings(recomputed: readonly RecordedFinding[], recorded: readonly RecordedFinding[], suppressions: readonly RecordedSuppression[]): RecordedFinding[] {
  if (recomputed.length === 0) return [];
  // No record at all (raw tokens, checks off): every finding is the reviewer's own.
  if (recorded.length === 0 && suppressions.length === 0) return recomputed.map((f) => ({ ...f, notInRecord: true as const }));
  const rank = (level: string) => (level === 'error' ? 2 : level === 'warning' ? 1 : 0);
  const recordedLevel = new Map<string, number>();
  for (const f of recorded) {
    const key = `${f.rule}\n${f.finding ?? ''}`;
    recordedLevel.set(key, Math.max(recordedLevel.get(key) ?? 0, rank(f.level)));
  }
  return recomputed
    .filter((f) => (recordedLevel.get(`${f.rule}\n${f.finding ?? ''}`) ?? 0) < rank(f.level))
    .filter((f) => !suppressions.some((s) => s.rule === f.rule && (s.appliesTo === undefined || s.appliesTo === f.finding)))
    .map((f) => ({ ...f, notInRecord: true as const }));
}
