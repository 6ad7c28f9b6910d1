import { GrantedPermission, GrantTarget, ReviewedPolicy } from './model';
import { describePermission } from './permission-names';
import { describeTarget, isExpression, targetCovers, targetIdentity } from './resource-keys';
import { listWords, TokenChange } from './token-change';

/** One (permission group, resource) pair of one effect. */
interface Grant {
  readonly effect: string;
  readonly permission: GrantedPermission;
  readonly target: GrantTarget;
}

function grantsOf(policies: readonly ReviewedPolicy[]): Grant[] {
  return policies.flatMap((p) => p.permissions.flatMap((permission) => p.resources.map((target) => ({ effect: p.effect, permission, target }))));
}

/**
 * Whether `by` grants at least `grant`. `certain`: only when the synth output proves it
 * (used to find new power, so that nothing wider slips through as "covered"). `possible`:
 * also when it may (a user-owned token's zone under "all zones of an account": the zone's
 * account is not in the output), used to find lost power, so nothing reads as narrower
 * that may not be.
 */
function covered(grant: Grant, by: readonly Grant[], mode: 'certain' | 'possible'): boolean {
  return by.some(
    (b) =>
      b.effect === grant.effect &&
      b.permission.id === grant.permission.id &&
      (targetCovers(b.target, grant.target) || (mode === 'possible' && possiblyCovers(b.target, grant.target))),
  );
}

function possiblyCovers(wide: GrantTarget, narrow: GrantTarget): boolean {
  // An account written as an expression on either side may be the same account.
  if (wide.kind === 'allZonesOfAccount' && narrow.kind === 'zone') {
    return narrow.accountId === undefined || isExpression(narrow.accountId) || isExpression(wide.accountId);
  }
  if (wide.kind === 'allR2BucketsOfAccount' && narrow.kind === 'r2Bucket') return isExpression(narrow.accountId) || isExpression(wide.accountId);
  return false;
}

/** Groups grants by target: "DNS Write, Zone Read on zone <id>". */
function byTarget(grants: readonly Grant[]): Map<string, { target: GrantTarget; grants: Grant[] }> {
  const groups = new Map<string, { target: GrantTarget; grants: Grant[] }>();
  for (const grant of grants) {
    const key = targetIdentity(grant.target);
    const group = groups.get(key) ?? { target: grant.target, grants: [] };
    group.grants.push(grant);
    groups.set(key, group);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function names(grants: readonly Grant[]): string {
  return [...new Set(grants.map((g) => describePermission(g.permission)))].sort().join(', ');
}

/**
 * Compares what two versions of a token may do, as (permission, resource) pairs: a new
 * allowed pair not covered by an old one is wider (a zone replaced by all zones included),
 * a denial lifted is wider; the mirror images are narrower. Effects other than allow and
 * deny cannot be ranked and are reported as `other`.
 */
export function diffGrants(base: readonly ReviewedPolicy[], head: readonly ReviewedPolicy[]): TokenChange[] {
  const baseGrants = grantsOf(base);
  const headGrants = grantsOf(head);
  const changes: TokenChange[] = [];

  const newAllows = headGrants.filter((g) => g.effect === 'allow' && !covered(g, baseGrants, 'certain'));
  for (const { target, grants } of byTarget(newAllows).values()) {
    const replaced = baseGrants.filter((b) => b.effect === 'allow' && grants.some((g) => g.permission.id === b.permission.id) && targetCovers(target, b.target));
    const was = [...new Set(replaced.map((b) => describeTarget(b.target)))];
    changes.push({
      direction: 'wider',
      aspect: 'permissions',
      description: `now allows ${names(grants)} on ${describeTarget(target)}${was.length > 0 ? ` (widened from ${listWords(was)})` : ''}`,
    });
  }
  const lostAllows = baseGrants.filter((g) => g.effect === 'allow' && !covered(g, headGrants, 'possible'));
  for (const { target, grants } of byTarget(lostAllows).values()) {
    changes.push({ direction: 'narrower', aspect: 'permissions', description: `no longer allows ${names(grants)} on ${describeTarget(target)}` });
  }
  const liftedDenials = baseGrants.filter((g) => g.effect === 'deny' && !covered(g, headGrants, 'certain'));
  for (const { target, grants } of byTarget(liftedDenials).values()) {
    changes.push({ direction: 'wider', aspect: 'denials', description: `no longer denies ${names(grants)} on ${describeTarget(target)}` });
  }
  const newDenials = headGrants.filter((g) => g.effect === 'deny' && !covered(g, baseGrants, 'possible'));
  for (const { target, grants } of byTarget(newDenials).values()) {
    changes.push({ direction: 'narrower', aspect: 'denials', description: `now denies ${names(grants)} on ${describeTarget(target)}` });
  }
  const unranked = (from: Grant[], to: Grant[]) => from.filter((g) => g.effect !== 'allow' && g.effect !== 'deny' && !covered(g, to, 'certain'));
  for (const [grants, verb] of [
    [unranked(headGrants, baseGrants), 'adds'],
    [unranked(baseGrants, headGrants), 'drops'],
  ] as const) {
    for (const { target, grants: group } of byTarget(grants).values()) {
      const effects = [...new Set(group.map((g) => g.effect))].join(', ');
      changes.push({ direction: 'other', aspect: 'permissions', description: `${verb} effect "${effects}" ${names(group)} on ${describeTarget(target)}` });
    }
  }
  return changes;
}
