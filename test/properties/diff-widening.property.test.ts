// The diff's widening relation on random tokens: adding (permission, resource) pairs is only
// ever "wider", removing them only "narrower", the same grants are no change; an allowed
// "DNS Write" includes "DNS Read" on the same zone; dropping a deny is wider exactly where
// an allow reaches it. And the property the gate rests on: a head whose grants are a
// superset of the base's is never reported narrower or unchanged.
import fc from 'fast-check';
import { diffToken } from '../../lib/review/diff-tokens';
import { ReviewedPolicy, ReviewedToken } from '../../lib/review/model';

const PERMISSIONS = [
  { id: '4755a26eedb94da69e1066d98aa820be', name: 'DNS Write' },
  { id: '82e64a83756745bbbb1c9c2701bf816b', name: 'DNS Read' },
  { id: 'c8fed203ed3043cba015a93ad1616f1f', name: 'Zone Read' },
  { id: 'e17beae8b8cb423a99b1730f21238bed', name: 'Cache Purge' },
];
/** Index of DNS Write and the Read it includes. */
const WRITE = 0;
const READ_OF_WRITE = 1;
const ZONES = ['023e105f4ecef8ad9ca31a8372d0c353', '1123456789abcdef0123456789abcdef', '2223456789abcdef0123456789abcdef'];
const PAIRS = PERMISSIONS.flatMap((_, i) => ZONES.map((_, j) => `${i}:${j}`));

function policies(pairs: readonly string[], effect = 'allow'): ReviewedPolicy[] {
  return pairs.map((pair) => {
    const [p, z] = pair.split(':').map(Number);
    return { effect, permissions: [PERMISSIONS[p]], resources: [{ kind: 'zone', zoneId: ZONES[z] }] };
  });
}

function token(allow: readonly string[], deny: readonly string[] = []): ReviewedToken {
  return {
    stack: 's',
    address: 'cloudflare_api_token.t',
    resourceType: 'cloudflare_api_token',
    matchKey: 's:t',
    owner: { kind: 'user' },
    policies: [...policies(allow), ...policies(deny, 'deny')],
    deniedIps: [],
    replaceTriggeredBy: [],
    deliveries: [],
    summary: [],
    findings: [],
    suppressions: [],
  };
}

/** Every pair the allows grant, Write including its Read. */
function granted(allow: readonly string[]): Set<string> {
  const out = new Set(allow);
  for (const pair of allow) {
    const [p, z] = pair.split(':').map(Number);
    if (p === WRITE) out.add(`${READ_OF_WRITE}:${z}`);
  }
  return out;
}

const pairSet = fc.uniqueArray(fc.constantFrom(...PAIRS), { maxLength: PAIRS.length });
const directions = (base: ReviewedToken, head: ReviewedToken) => new Set(diffToken(base, head).map((c) => c.direction));

/**
 * Tokens over wider targets too: zones nested under one account, and "all zones of the
 * account" (which also covers zones not named anywhere, here ZX). Power is the set of
 * (permission, zone) pairs some allow reaches (a Write reaching its Read) and no deny of the
 * exact permission covers.
 */
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const TARGETS = ['z0', 'z1', 'z2', 'all'] as const;
const WIDE_PAIRS = PERMISSIONS.flatMap((_, i) => TARGETS.map((t) => `${i}:${t}`));

function widePolicies(pairs: readonly string[], effect: string): ReviewedPolicy[] {
  return pairs.map((pair) => {
    const [p, t] = pair.split(':');
    const resource: ReviewedPolicy['resources'][number] = t === 'all' ? { kind: 'allZonesOfAccount', accountId: ACCOUNT } : { kind: 'zone', zoneId: ZONES[Number(t.slice(1))], accountId: ACCOUNT };
    return { effect, permissions: [PERMISSIONS[Number(p)]], resources: [resource] };
  });
}

function wideToken(allow: readonly string[], deny: readonly string[]): ReviewedToken {
  return { ...token([]), policies: [...widePolicies(allow, 'allow'), ...widePolicies(deny, 'deny')] };
}

function power(allow: readonly string[], deny: readonly string[]): Set<string> {
  const zonesOf = (t: string) => (t === 'all' ? ['z0', 'z1', 'z2', 'zX'] : [t]);
  const out = new Set<string>();
  for (const pair of allow) {
    const [p, t] = pair.split(':');
    const perms = Number(p) === WRITE ? [WRITE, READ_OF_WRITE] : [Number(p)];
    for (const perm of perms) for (const z of zonesOf(t)) out.add(`${perm}:${z}`);
  }
  for (const pair of deny) {
    const [p, t] = pair.split(':');
    for (const z of zonesOf(t)) out.delete(`${p}:${z}`);
  }
  return out;
}

const widePairSet = fc.uniqueArray(fc.constantFrom(...WIDE_PAIRS), { maxLength: WIDE_PAIRS.length });

describe('diff widening relation (property)', () => {
  test('the same grants, in any order, are no change', () => {
    fc.assert(
      fc.property(pairSet, pairSet, (allow, deny) => {
        expect(diffToken(token(allow, deny), token([...allow].reverse(), [...deny].reverse()))).toEqual([]);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  test('adding pairs not already granted is wider and only wider; removing them is narrower and only narrower', () => {
    fc.assert(
      fc.property(pairSet, pairSet, (base, extra) => {
        const have = granted(base);
        const added = extra.filter((p) => !have.has(p));
        fc.pre(added.length > 0);
        const head = [...base, ...added];
        expect(directions(token(base), token(head))).toEqual(new Set(['wider']));
        expect(directions(token(head), token(base))).toEqual(new Set(['narrower']));
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  test('adding a pair a Write already grants (its Read) is no change', () => {
    fc.assert(
      fc.property(pairSet, fc.integer({ min: 0, max: ZONES.length - 1 }), (base, z) => {
        const allow = [...base.filter((p) => p !== `${WRITE}:${z}` && p !== `${READ_OF_WRITE}:${z}`), `${WRITE}:${z}`];
        expect(diffToken(token(allow), token([...allow, `${READ_OF_WRITE}:${z}`]))).toEqual([]);
      }),
      { seed: 17, numRuns: 100 },
    );
  });

  test('removing a deny is wider where an allow reaches it and no change where none does; adding one the mirror image', () => {
    fc.assert(
      fc.property(pairSet, fc.constantFrom(...PAIRS), (allow, denied) => {
        const reached = granted(allow).has(denied);
        expect(directions(token(allow, [denied]), token(allow))).toEqual(new Set(reached ? ['wider'] : []));
        expect(directions(token(allow), token(allow, [denied]))).toEqual(new Set(reached ? ['narrower'] : []));
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  test('a head granting a superset (more allows, fewer denies) is never reported narrower or unchanged', () => {
    fc.assert(
      fc.property(pairSet, pairSet, pairSet, fc.array(fc.boolean(), { minLength: PAIRS.length, maxLength: PAIRS.length }), (allow, extra, deny, keep) => {
        const headAllow = [...new Set([...allow, ...extra])];
        const headDeny = deny.filter((_, i) => keep[i]);
        // What each side can do: granted pairs minus denied ones.
        const power = (a: readonly string[], d: readonly string[]) => new Set([...granted(a)].filter((p) => !d.includes(p)));
        const before = power(allow, deny);
        const after = power(headAllow, headDeny);
        const grew = [...after].some((p) => !before.has(p));
        fc.pre(grew);
        const seen = directions(token(allow, deny), token(headAllow, headDeny));
        expect(seen.has('narrower')).toBe(false);
        expect(seen.has('wider')).toBe(true);
      }),
      { seed: 19, numRuns: 300 },
    );
  });

  test('the same, with "all zones of the account" allowed and denied beside single zones', () => {
    fc.assert(
      fc.property(widePairSet, widePairSet, widePairSet, fc.array(fc.boolean(), { minLength: WIDE_PAIRS.length, maxLength: WIDE_PAIRS.length }), (allow, extra, deny, keep) => {
        const headAllow = [...new Set([...allow, ...extra])];
        const headDeny = deny.filter((_, i) => keep[i]);
        const before = power(allow, deny);
        const grew = [...power(headAllow, headDeny)].some((p) => !before.has(p));
        fc.pre(grew);
        const seen = directions(wideToken(allow, deny), wideToken(headAllow, headDeny));
        expect(seen.has('narrower')).toBe(false);
        expect(seen.has('wider')).toBe(true);
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});
