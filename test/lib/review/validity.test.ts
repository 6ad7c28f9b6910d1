import { ReviewedToken } from '../../../lib/review/model';
import { diffRotation, diffValidity } from '../../../lib/review/validity';

const ROTATE_30 = '${timeadd(time_rotating.a.rotation_rfc3339, "720h")}';
const ROTATE_60 = '${timeadd(time_rotating.a.rotation_rfc3339, "1440h")}';

function token(validity: Partial<Pick<ReviewedToken, 'expiresOn' | 'notBefore' | 'replaceTriggeredBy' | 'rotation'>>): ReviewedToken {
  return {
    stack: 's',
    address: 'cloudflare_api_token.t',
    resourceType: 'cloudflare_api_token',
    matchKey: 's:t',
    owner: { kind: 'user' },
    policies: [],
    deniedIps: [],
    replaceTriggeredBy: [],
    deliveries: [],
    summary: [],
    findings: [],
    suppressions: [],
    ...validity,
  };
}

function changes(base: Parameters<typeof token>[0], head: Parameters<typeof token>[0]): string[] {
  return diffValidity(token(base), token(head)).map((c) => `${c.direction}: ${c.description}`);
}

describe('diffValidity', () => {
  test('one computed expiry replaced by another cannot be ranked: wider (fail closed)', () => {
    expect(changes({ expiresOn: ROTATE_30 }, { expiresOn: ROTATE_60 })).toEqual([
      `wider: expiry changed: computed by ${ROTATE_30} -> computed by ${ROTATE_60}: a computed expiry cannot be ranked, so it counts as wider`,
    ]);
  });

  test('a computed not-before cannot be ranked: wider', () => {
    expect(changes({ notBefore: '2026-01-01T00:00:00Z' }, { notBefore: '${var.start}' })).toEqual([
      'wider: not-before changed: 2026-01-01T00:00:00Z -> computed by ${var.start}: a computed instant cannot be ranked, so it counts as wider',
    ]);
  });

  test('removing a rotating expiry is wider', () => {
    expect(changes({ expiresOn: ROTATE_30 }, {})).toEqual([`wider: expiry removed: never expires (was computed by ${ROTATE_30})`]);
  });

  test('adding an expiry is narrower', () => {
    expect(changes({}, { expiresOn: '2027-01-01T00:00:00Z' })).toEqual(['narrower: now expires 2027-01-01T00:00:00Z (never expired)']);
  });

  test('the same instant written with an offset is no change', () => {
    expect(changes({ expiresOn: '2027-01-01T00:00:00Z' }, { expiresOn: '2027-01-01T02:00:00+02:00' })).toEqual([]);
  });

  test('not-before removed is wider, added or moved later is narrower', () => {
    expect(changes({ notBefore: '2026-01-01T00:00:00Z' }, {})).toEqual(['wider: not-before removed: valid from creation (was 2026-01-01T00:00:00Z)']);
    expect(changes({}, { notBefore: '2026-01-01T00:00:00Z' })).toEqual(['narrower: now not valid before 2026-01-01T00:00:00Z']);
    expect(changes({ notBefore: '2026-01-01T00:00:00Z' }, { notBefore: '2026-02-01T00:00:00Z' })).toEqual([
      'narrower: not-before moved later: 2026-01-01T00:00:00Z -> 2026-02-01T00:00:00Z',
    ]);
  });

});

describe('diffRotation', () => {
  const rotation = (r: Parameters<typeof token>[0], h: Parameters<typeof token>[0]) => diffRotation(token(r), token(h)).map((c) => `${c.direction}: ${c.description}`);
  const every = (everyDays: number, graceDays: number) => ({ rotation: { everyDays, graceDays }, expiresOn: ROTATE_30, replaceTriggeredBy: ['time_rotating.a'] });

  test.each([
    ['a longer period is wider', every(30, 7), every(365, 7), ['wider: rotation period longer: every 30 days -> every 365 days']],
    ['a longer grace is wider', every(30, 7), every(30, 20), ['wider: grace longer: 7 days -> 20 days']],
    ['a shorter period and grace are narrower', every(30, 7), every(10, 1), ['narrower: rotation period shorter: every 30 days -> every 10 days', 'narrower: grace shorter: 7 days -> 1 day']],
    ['the same schedule written differently is no change', every(30, 7), { ...every(30, 7), replaceTriggeredBy: ['time_rotating.b'] }, []],
    ['an unreadable rotation is wider', every(30, 7), { rotation: 'unreadable' as const, expiresOn: '${var.x}', replaceTriggeredBy: ['time_rotating.a'] }, [
      'wider: rotation changed and cannot be read (head: expires_on ${var.x}, replaced when time_rotating.a changes), so it counts as wider',
    ]],
    ['dropping rotation for no expiry is wider', every(30, 7), {}, ["wider: no longer rotates and never expires (was: rotates every 30 days, 7 days' grace)"]],
    ['rotating a token that never expired is narrower', {}, every(30, 7), ["narrower: now rotates every 30 days, 7 days' grace (never expired)"]],
  ])('%s', (_name, base, head, expected) => {
    expect(rotation(base, head)).toEqual(expected);
  });
});
