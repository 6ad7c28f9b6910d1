import { ReviewedToken } from '../../../lib/review/model';
import { diffValidity } from '../../../lib/review/validity';

const ROTATE_30 = '${timeadd(time_rotating.a.rotation_rfc3339, "720h")}';
const ROTATE_60 = '${timeadd(time_rotating.a.rotation_rfc3339, "1440h")}';

function token(validity: Partial<Pick<ReviewedToken, 'expiresOn' | 'notBefore' | 'replaceTriggeredBy'>>): ReviewedToken {
  return {
    stack: 's',
    address: 'cloudflare_api_token.t',
    resourceType: 'cloudflare_api_token',
    matchKey: 's:t',
    owner: { kind: 'user' },
    policies: [],
    deniedIps: [],
    replaceTriggeredBy: [],
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
  test('one rotation expression replaced by another cannot be ranked: other', () => {
    expect(changes({ expiresOn: ROTATE_30 }, { expiresOn: ROTATE_60 })).toEqual([`other: expiry changed: rotates (${ROTATE_30}) -> rotates (${ROTATE_60})`]);
  });

  test('removing a rotating expiry is wider', () => {
    expect(changes({ expiresOn: ROTATE_30 }, {})).toEqual([`wider: expiry removed: never expires (was rotates (${ROTATE_30}))`]);
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

  test('dropping the rotation trigger is reported', () => {
    expect(changes({ replaceTriggeredBy: ['${time_rotating.a}'] }, {})).toEqual(['other: no longer replaced when ${time_rotating.a} changes']);
  });
});
