import { RULES } from '../checks/rules';
import { describeDelivery } from './deliveries';
import { describeIpCondition } from './diff-ip-conditions';
import { RecordedFinding, RecordedSuppression, ReviewedToken, StackChecks, SynthOutput } from './model';
import { describePermission } from './permission-names';
import { NOT_RECOMPUTED } from './recompute-findings';
import { describeTarget } from './resource-keys';
import { describeOwner, tokenPath } from './token-identity';
import { describeValidity } from './validity';

/** One policy in words. */
export interface PolicyReport {
  readonly effect: string;
  /** Catalog names; `unknown permission group <id>` for ids the catalog lacks. */
  readonly permissions: readonly string[];
  /** `zone <id>`, `ALL zones of account <id>`, ... references shown as their expression. */
  readonly resources: readonly string[];
}

/** One token as a reviewer reads it. Holds nothing secret: only what the synth output declares. */
export interface TokenReportEntry {
  readonly stack: string;
  /** The construct path, or the resource address when cdktf recorded no path. */
  readonly path: string;
  readonly address: string;
  readonly name?: string;
  /** `user` or `account <id>`. */
  readonly owner: string;
  readonly policies: readonly PolicyReport[];
  /** `any address`, or `only <cidrs>`, plus `never <cidrs>` for denied ones. */
  readonly ipCondition: string;
  /** Validity window and rotation in words: `not before X; rotates every 30 days, 7 days' grace`, `expires Y`, `never expires`. */
  readonly validity: string;
  /** Attributes of the token this tool does not model (`count`, `for_each`, ...): review them by hand. */
  readonly unmodelled: readonly string[];
  /** Every place the token's value goes: outputs, GitHub secrets, anything referencing it. */
  readonly deliveries: readonly string[];
  /** Recorded at synth, then those the reviewer's run of the rules adds (`notInRecord: true`). */
  readonly findings: readonly RecordedFinding[];
  readonly suppressions: readonly RecordedSuppression[];
  /** Whether the least-privilege checks ran on the token: `false` means its findings were never looked for. */
  readonly checked: boolean;
  /** Why the record of the checks on this token cannot be believed (it lacks findings the rules find), when it cannot. */
  readonly recordDisagrees?: string;
}

/** A module, provisioner, token-capable resource or extra Terraform file of a stack. */
export interface StackItemReport {
  readonly stack: string;
  readonly kind: string;
  readonly description: string;
}

export interface TokenReport {
  readonly stacks: readonly string[];
  readonly tokens: readonly TokenReportEntry[];
  /** One entry per stack: which least-privilege checks ran there. */
  readonly checks: readonly StackChecks[];
  /** What the reviewer cannot see into: a token may hide there. */
  readonly stackItems: readonly StackItemReport[];
  /** Rules the reviewer runs itself on every token's JSON (the rest read the stack, or are advice). */
  readonly rulesRecomputed: readonly string[];
  /**
   * Whether a token has a finding at the error level (recorded or found by the reviewer) or a
   * record of the checks that disagrees with the rules: what `report --fail-on-findings` fails on.
   */
  readonly hasErrors: boolean;
}

/** Describes one token in words. */
export function describeToken(token: ReviewedToken): TokenReportEntry {
  return {
    stack: token.stack,
    path: tokenPath(token),
    address: token.address,
    ...(token.name === undefined ? {} : { name: token.name }),
    owner: describeOwner(token.owner),
    policies: token.policies.map((p) => ({ effect: p.effect, permissions: p.permissions.map(describePermission), resources: p.resources.map(describeTarget) })),
    ipCondition: describeIpCondition(token),
    validity: describeValidity(token),
    unmodelled: Object.keys(token.unmodelled ?? {}),
    deliveries: token.deliveries.map(describeDelivery),
    findings: token.findings,
    suppressions: token.suppressions,
    checked: token.checkedAt !== undefined || token.findings.some((f) => !f.notInRecord) || token.suppressions.length > 0,
    ...(token.recordDisagrees === undefined ? {} : { recordDisagrees: token.recordDisagrees }),
  };
}

/** Every token of a synth output (see {@link readSynthOutput}) in words, for the report. */
export function reportTokens(output: SynthOutput): TokenReport {
  const tokens = output.tokens.map(describeToken);
  return {
    stacks: output.stacks,
    tokens,
    checks: output.checks ?? [],
    stackItems: output.stackItems.map((i) => ({ stack: i.stack, kind: i.kind, description: i.description })),
    rulesRecomputed: RULES.map((r) => r.id).filter((id) => !NOT_RECOMPUTED.includes(id)),
    hasErrors: tokens.some((t) => t.recordDisagrees !== undefined || t.findings.some((f) => f.level === 'error')),
  };
}
