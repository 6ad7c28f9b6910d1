import { GrantedPermission, GrantTarget, ReviewedPolicy } from './model';
import { describePermission } from './permission-names';
import { describeTarget, isExpression, targetCovers, targetIdentity } from './resource-keys';
import { listWords, TokenChange } from './token-change';
import { idsGrantingAtLeast } from './write-implies-read';

/** One (permission group, resource) pair of one effect. */
interface Grant {
  readonly effect: string;
  readonly permission: GrantedPermission;
  readonly target: GrantTarget;
}

function grantsOf(policies: readonly ReviewedPolicy[]): Grant[] {
  const grants: Grant[] = [];
  for (const p of policies) for (const permission of p.permissions) for (const target of p.resources) grants.push({ effect: p.effect, permission, target });
  return grants;
}

/** Targets that name exactly one thing; every other kind may cover (or be) many. */
const SINGLE_KINDS: ReadonlySet<GrantTarget['kind']> = new Set(['zone', 'account', 'user', 'r2Bucket']);

/** The grants of one effect and permission: exact targets by identity, the rest in a list. */
interface Bucket {
  readonly identities: Set<string>;
  readonly wide: GrantTarget[];
  readonly all: GrantTarget[];
}

/**
 * Grants indexed by effect and permission id, so that asking "is this grant covered" costs
 * a hash lookup plus the few wide targets (all zones, expressions), not a scan of every
 * grant: a token with 20k zones diffs in linear time.
 */
class GrantIndex {
  private readonly buckets = new Map<string, Bucket>();

  constructor(grants: readonly Grant[]) {
    for (const grant of grants) {
      const key = `${grant.effect}\n${grant.permission.id}`;
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = { identities: new Set(), wide: [], all: [] };
        this.buckets.set(key, bucket);
      }
      bucket.identities.add(targetIdentity(grant.target));
      bucket.all.push(grant.target);
      if (!SINGLE_KINDS.has(grant.target.kind)) bucket.wide.push(grant.target);
    }
  }

  /** The buckets whose grants give at least `permission` with `effect` (a Write gives its Read, for allows). */
  private bucketsFor(effect: string, permissionId: string): Bucket[] {
    const ids = effect === 'allow' ? idsGrantingAtLeast(permissionId) : [permissionId];
    const out: Bucket[] = [];
    for (const id of ids) {
      const bucket = this.buckets.get(`${effect}\n${id}`);
      if (bucket) out.push(bucket);
    }
    return out;
  }

  /**
   * Whether these grants give at least `grant`. `certain`: only when the synth output proves
   * it (used to find new power, so nothing wider slips through as "covered"). `possible`:
   * also when it may (a user-owned token's zone under "all zones of an account": the zone's
   * account is not in the output), used to find lost power, so nothing reads as narrower
   * that may not be.
   */
  public covers(grant: Grant, mode: 'certain' | 'possible'): boolean {
    const identity = targetIdentity(grant.target);
    for (const bucket of this.bucketsFor(grant.effect, grant.permission.id)) {
      if (bucket.identities.has(identity)) return true;
      for (const wide of bucket.wide) {
        if (targetCovers(wide, grant.target) || (mode === 'possible' && possiblyCovers(wide, grant.target))) return true;
      }
    }
    return false;
  }

  /**
   * Whether an allow here may reach `grant`'s permission on its target: the only place a
   * deny of it matters. Errs towards yes (an expression reaches everything), so a lifted
   * deny is never dismissed as unreachable when it might not be.
   */
  public allowMayReach(grant: Grant): boolean {
    const identity = targetIdentity(grant.target);
    for (const bucket of this.bucketsFor('allow', grant.permission.id)) {
      if (!SINGLE_KINDS.has(grant.target.kind)) {
        if (bucket.all.some((allowed) => mayOverlap(allowed, grant.target))) return true;
        continue;
      }
      if (bucket.identities.has(identity)) return true;
      if (bucket.wide.some((allowed) => mayOverlap(allowed, grant.target))) return true;
    }
    return false;
  }
}

function possiblyCovers(wide: GrantTarget, narrow: GrantTarget): boolean {
  // An account written as an expression on either side may be the same account.
  if (wide.kind === 'allZonesOfAccount' && narrow.kind === 'zone') {
    return narrow.accountId === undefined || isExpression(narrow.accountId) || isExpression(wide.accountId);
  }
  if (wide.kind === 'allR2BucketsOfAccount' && narrow.kind === 'r2Bucket') return isExpression(narrow.accountId) || isExpression(wide.accountId);
  return false;
}

/** Whether two targets may share a resource; unknown shapes (expressions, unrecognised keys) may share anything. */
function mayOverlap(a: GrantTarget, b: GrantTarget): boolean {
  const opaque = (t: GrantTarget) => t.kind === 'expression' || t.kind === 'unrecognised';
  if (opaque(a) || opaque(b)) return true;
  if (targetIdentity(a) === targetIdentity(b)) return true;
  return targetCovers(a, b) || targetCovers(b, a) || possiblyCovers(a, b) || possiblyCovers(b, a) || allZonesMeet(a, b);
}

/** All zones of one account and all zones of another may meet only when either account is an expression. */
function allZonesMeet(a: GrantTarget, b: GrantTarget): boolean {
  return a.kind === 'allZonesOfAccount' && b.kind === 'allZonesOfAccount' && (isExpression(a.accountId) || isExpression(b.accountId));
}

/** Groups grants by target: "DNS Write, Zone Read on zone <id>". */
function byTarget(grants: readonly Grant[]): { target: GrantTarget; grants: Grant[] }[] {
  const groups = new Map<string, { target: GrantTarget; grants: Grant[] }>();
  for (const grant of grants) {
    const key = targetIdentity(grant.target);
    const group = groups.get(key);
    if (group) group.grants.push(grant);
    else groups.set(key, { target: grant.target, grants: [grant] });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

function names(grants: readonly Grant[]): string {
  return [...new Set(grants.map((g) => describePermission(g.permission)))].sort().join(', ');
}

/**
 * Compares what two versions of a token may do, as (permission, resource) pairs:
 *
 * - a new allowed pair not covered by an old one is wider (a zone replaced by all zones
 *   included); an allowed "X Write" covers "X Read" on the same resource (see
 *   `write-implies-read`), so Write -> Read is narrower only;
 * - a denial lifted is wider only where an allow of the head may reach it (a deny of a zone
 *   no allow grants any more was protecting nothing); a denial added is narrower only where
 *   an allow of the base reached it;
 * - an effect other than a literal `allow` or `deny` (an expression, a typo) cannot be
 *   ranked: adding or dropping such a grant counts as wider (fail closed).
 */
export function diffGrants(base: readonly ReviewedPolicy[], head: readonly ReviewedPolicy[]): TokenChange[] {
  const baseGrants = grantsOf(base);
  const headGrants = grantsOf(head);
  const baseIndex = new GrantIndex(baseGrants);
  const headIndex = new GrantIndex(headGrants);
  const changes: TokenChange[] = [];

  const newAllows = headGrants.filter((g) => g.effect === 'allow' && !baseIndex.covers(g, 'certain'));
  for (const { target, grants } of byTarget(newAllows)) {
    const was = SINGLE_KINDS.has(target.kind) ? [] : replacedTargets(target, grants, baseGrants);
    changes.push({
      direction: 'wider',
      aspect: 'permissions',
      description: `now allows ${names(grants)} on ${describeTarget(target)}${was.length > 0 ? ` (widened from ${listWords(was)})` : ''}`,
    });
  }
  const lostAllows = baseGrants.filter((g) => g.effect === 'allow' && !headIndex.covers(g, 'possible'));
  for (const { target, grants } of byTarget(lostAllows)) {
    changes.push({ direction: 'narrower', aspect: 'permissions', description: `no longer allows ${names(grants)} on ${describeTarget(target)}` });
  }
  const liftedDenials = baseGrants.filter((g) => g.effect === 'deny' && !headIndex.covers(g, 'certain'));
  for (const { target, grants } of byTarget(liftedDenials.filter((g) => headIndex.allowMayReach(g)))) {
    changes.push({ direction: 'wider', aspect: 'denials', description: `no longer denies ${names(grants)} on ${describeTarget(target)}` });
  }
  const newDenials = headGrants.filter((g) => g.effect === 'deny' && !baseIndex.covers(g, 'possible') && baseIndex.allowMayReach(g));
  for (const { target, grants } of byTarget(newDenials)) {
    changes.push({ direction: 'narrower', aspect: 'denials', description: `now denies ${names(grants)} on ${describeTarget(target)}` });
  }
  const unranked = (from: Grant[], to: GrantIndex) => from.filter((g) => g.effect !== 'allow' && g.effect !== 'deny' && !to.covers(g, 'certain'));
  for (const [grants, verb] of [
    [unranked(headGrants, baseIndex), 'adds'],
    [unranked(baseGrants, headIndex), 'drops'],
  ] as const) {
    for (const { target, grants: group } of byTarget(grants)) {
      const effects = [...new Set(group.map((g) => g.effect))].join(', ');
      changes.push({
        direction: 'wider',
        aspect: 'permissions',
        description: `${verb} ${names(group)} on ${describeTarget(target)} with effect "${effects}", which is not a literal allow or deny: cannot rank it, so it counts as wider`,
      });
    }
  }
  return changes;
}

/** The base's allowed targets a new wide target replaces ("widened from zone Z"). */
function replacedTargets(target: GrantTarget, grants: readonly Grant[], baseGrants: readonly Grant[]): string[] {
  const ids = new Set(grants.map((g) => g.permission.id));
  const was = new Set<string>();
  for (const b of baseGrants) if (b.effect === 'allow' && ids.has(b.permission.id) && targetCovers(target, b.target)) was.add(describeTarget(b.target));
  return [...was];
}
