// The diff's widening relation: adding (permission, resource) pairs is only ever "wider",
// removing them only "narrower", the same grants are no change, and dropping a deny is wider.
import fc from 'fast-check';
import { diffToken } from '../../lib/review/diff-tokens';
import { ReviewedPolicy, ReviewedToken } from '../../lib/review/model';

const PERMISSIONS = [
  { id: '4755a26eedb94da69e1066d98aa820be', name: 'DNS Write' },
  { id: 'c8fed203ed3043cba015a93ad1616f1f', name: 'Zone Read' },
  { id: 'e17beae8b8cb423a99b1730f21238bed', name: 'Cache Purge' },
];
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

const pairSet = fc.uniqueArray(fc.constantFrom(...PAIRS), { maxLength: PAIRS.length });
const directions = (base: ReviewedToken, head: ReviewedToken) => new Set(diffToken(base, head).map((c) => c.direction));

describe('diff widening relation (property)', () => {
  test('the same grants, in any order, are no change', () => {
    fc.assert(
      fc.property(pairSet, (pairs) => {
        expect(diffToken(token(pairs), token([...pairs].reverse()))).toEqual([]);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  test('adding pairs is wider and only wider; removing them is narrower and only narrower', () => {
    fc.assert(
      fc.property(pairSet, pairSet, (base, extra) => {
        const added = extra.filter((p) => !base.includes(p));
        fc.pre(added.length > 0);
        const head = [...base, ...added];
        expect(directions(token(base), token(head))).toEqual(new Set(['wider']));
        expect(directions(token(head), token(base))).toEqual(new Set(['narrower']));
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  test('removing a deny is wider; adding one is narrower', () => {
    fc.assert(
      fc.property(pairSet, fc.constantFrom(...PAIRS), (allow, denied) => {
        expect(directions(token(allow, [denied]), token(allow))).toEqual(new Set(['wider']));
        expect(directions(token(allow), token(allow, [denied]))).toEqual(new Set(['narrower']));
      }),
      { seed: 13, numRuns: 100 },
    );
  });
});
