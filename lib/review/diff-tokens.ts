import { describeDelivery } from './deliveries';
import { diffGrants } from './diff-grants';
import { diffIpConditions } from './diff-ip-conditions';
import { RecordedFinding, ReviewedToken, SynthOutput } from './model';
import { describeOwner, tokenPath } from './token-identity';
import { TokenChange } from './token-change';
import { isExpression } from './resource-keys';
import { StackItem } from './stack-items';
import { diffRotation, diffValidity } from './validity';

/**
 * What a change did to a token overall: `wider` when any change widens it and none
 * narrows it, `narrower` the mirror image, `both` when it does both, `other` when every
 * change is one this tool cannot rank (a renamed token, expiry now computed by rotation).
 */
export type TokenVerdict = 'wider' | 'narrower' | 'both' | 'other';

/** A token present in base and head whose reviewed attributes differ. */
export interface ChangedToken {
  readonly stack: string;
  /** The construct path (or the resource address for tokens without one). */
  readonly path: string;
  readonly verdict: TokenVerdict;
  readonly changes: readonly TokenChange[];
  /** Least-privilege findings the head has that the base did not. */
  readonly newFindings: readonly RecordedFinding[];
  readonly base: ReviewedToken;
  readonly head: ReviewedToken;
}

/** A module, provisioner, token-capable resource or extra Terraform file that is new, changed or gone. */
export interface StackChange {
  readonly stack: string;
  /** `wider` for a new or changed item (the reviewer cannot see what it does) or one whose code cannot be compared, `other` for one removed. */
  readonly direction: 'wider' | 'other';
  readonly description: string;
}

export interface TokenDiff {
  /** Tokens only in head: new power, so they count as widening. */
  readonly added: readonly ReviewedToken[];
  /** Tokens only in base. */
  readonly removed: readonly ReviewedToken[];
  readonly changed: readonly ChangedToken[];
  /** Tokens whose reviewed attributes are identical (head version). */
  readonly unchanged: readonly ReviewedToken[];
  /** New, changed and removed modules, provisioners, token-capable resources and extra Terraform files. */
  readonly stackChanges: readonly StackChange[];
  /** Whether any token was added or got wider (`wider` or `both`), or a stack change is wider: what `--fail-on-widen` fails on. */
  readonly widened: boolean;
}

/**
 * Compares the tokens of two synth outputs, matched by stack and construct path (by
 * resource address when there is no path): added, removed, unchanged, and for each
 * changed token the exact changes in words with a verdict.
 */
export function diffTokens(base: SynthOutput, head: SynthOutput): TokenDiff {
  const baseByKey = new Map(base.tokens.map((t) => [t.matchKey, t]));
  const headKeys = new Set(head.tokens.map((t) => t.matchKey));
  const added: ReviewedToken[] = [];
  const changed: ChangedToken[] = [];
  const unchanged: ReviewedToken[] = [];
  for (const headToken of head.tokens) {
    const baseToken = baseByKey.get(headToken.matchKey);
    if (!baseToken) {
      added.push(headToken);
      continue;
    }
    const changes = diffToken(baseToken, headToken);
    if (changes.length === 0) {
      unchanged.push(headToken);
      continue;
    }
    const seen = new Set(baseToken.findings.map(findingKey));
    changed.push({
      stack: headToken.stack,
      path: tokenPath(headToken),
      verdict: verdictOf(changes),
      changes,
      newFindings: headToken.findings.filter((f) => !seen.has(findingKey(f))),
      base: baseToken,
      head: headToken,
    });
  }
  const removed = base.tokens.filter((t) => !headKeys.has(t.matchKey));
  const stackChanges = diffStackItems(base.stackItems, head.stackItems);
  const widened = added.length > 0 || changed.some((c) => c.verdict === 'wider' || c.verdict === 'both') || stackChanges.some((c) => c.direction === 'wider');
  return { added, removed, changed, unchanged, stackChanges, widened };
}

/** Items are matched by stack and identity (address and settings): a new or changed one is wider. */
function diffStackItems(base: readonly StackItem[], head: readonly StackItem[]): StackChange[] {
  const key = (i: StackItem) => `${i.stack}\n${i.identity}`;
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  const changes: StackChange[] = [];
  for (const item of head) {
    if (!baseKeys.has(key(item))) changes.push({ stack: item.stack, direction: 'wider', description: `new or changed ${item.kind}: ${item.description}; the reviewer cannot see what it does, so it counts as wider` });
    // Same text in base and head proves nothing when the code behind it cannot be compared.
    else if (item.uncomparable !== undefined) changes.push({ stack: item.stack, direction: 'wider', description: `${item.kind} that cannot be compared: ${item.description}; its code may have changed, so it counts as wider` });
  }
  for (const item of base) if (!headKeys.has(key(item))) changes.push({ stack: item.stack, direction: 'other', description: `${item.kind} removed or changed: ${item.description}` });
  return changes;
}

/** Every change from `base` to `head` of one token; empty when nothing a reviewer cares about changed. */
export function diffToken(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const changes: TokenChange[] = [];
  if (describeOwner(base.owner) !== describeOwner(head.owner)) {
    changes.push({
      direction: 'wider',
      aspect: 'owner',
      description: `owner changed: ${describeOwner(base.owner)} -> ${describeOwner(head.owner)} (a new token, held by someone else)`,
    });
  }
  const parts = [diffGrants(base.policies, head.policies), diffIpConditions(base, head), diffValidity(base, head), diffRotation(base, head), diffDeliveries(base, head), diffUnmodelled(base, head)];
  for (const part of parts) {
    for (const change of part) changes.push(change);
  }
  const baseDisabled = base.status === 'disabled';
  const headDisabled = head.status === 'disabled';
  if (!sameStatus(base.status, head.status) && head.status !== undefined && isExpression(head.status)) {
    changes.push({ direction: 'wider', aspect: 'status', description: `status ${base.status ?? 'unset'} -> ${head.status}: a computed status cannot be ranked, so it counts as wider` });
  } else if (baseDisabled && !headDisabled) changes.push({ direction: 'wider', aspect: 'status', description: `re-enabled (status ${head.status ?? 'unset'}, was disabled)` });
  else if (!baseDisabled && headDisabled) changes.push({ direction: 'narrower', aspect: 'status', description: 'disabled' });
  else if (!sameStatus(base.status, head.status)) changes.push({ direction: 'other', aspect: 'status', description: `status ${base.status ?? 'unset'} -> ${head.status ?? 'unset'}` });
  if (base.name !== head.name) changes.push({ direction: 'other', aspect: 'name', description: `renamed ${JSON.stringify(base.name ?? '')} -> ${JSON.stringify(head.name ?? '')}` });
  return changes;
}

/** `count`, `for_each`, `provider`, `dynamic`, `lifecycle.ignore_changes` ...: any change is wider (fail closed). */
function diffUnmodelled(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const b = base.unmodelled ?? {};
  const h = head.unmodelled ?? {};
  const changes: TokenChange[] = [];
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(h)])].sort()) {
    if (b[key] === h[key]) continue;
    const show = (v: string | undefined) => (v === undefined ? 'unset' : v.length > 120 ? `${v.slice(0, 120)}...` : v);
    changes.push({ direction: 'wider', aspect: 'unmodelled', description: `${key} changed: ${show(b[key])} -> ${show(h[key])}; this tool does not model ${key}, so it counts as wider` });
  }
  return changes;
}

/** A new place the value goes, or a moved one (a new repository, environment, secret name), is wider. */
function diffDeliveries(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const before = new Set(base.deliveries.map(describeDelivery));
  const after = new Set(head.deliveries.map(describeDelivery));
  const changes: TokenChange[] = [];
  for (const place of after) if (!before.has(place)) changes.push({ direction: 'wider', aspect: 'delivery', description: `value now goes to ${place}` });
  for (const place of before) if (!after.has(place)) changes.push({ direction: 'narrower', aspect: 'delivery', description: `value no longer goes to ${place}` });
  return changes;
}

/** Unset and `active` mean the same: Cloudflare makes new tokens active. */
function sameStatus(a: string | undefined, b: string | undefined): boolean {
  return (a ?? 'active') === (b ?? 'active');
}

function verdictOf(changes: readonly TokenChange[]): TokenVerdict {
  const wider = changes.some((c) => c.direction === 'wider');
  const narrower = changes.some((c) => c.direction === 'narrower');
  return wider && narrower ? 'both' : wider ? 'wider' : narrower ? 'narrower' : 'other';
}

function findingKey(finding: RecordedFinding): string {
  return `${finding.rule}\n${finding.level}\n${finding.message}`;
}
