import { diffToken } from '../../../lib/review/diff-tokens';
import { ReviewedToken } from '../../../lib/review/model';
import { grantedPermission } from '../../../lib/review/permission-names';
import { READ_IMPLIED_BY_WRITE } from '../../../lib/review/write-implies-read';
import { PermissionGroups } from '../../../lib/permissions/catalog';
import { ZONE } from './ids';

function token(...ids: string[]): ReviewedToken {
  return {
    stack: 's',
    address: 'cloudflare_api_token.t',
    resourceType: 'cloudflare_api_token',
    matchKey: 's:t',
    owner: { kind: 'user' },
    policies: [{ effect: 'allow', permissions: ids.map(grantedPermission), resources: [{ kind: 'zone', zoneId: ZONE }] }],
    deniedIps: [],
    replaceTriggeredBy: [],
    deliveries: [],
    summary: [],
    findings: [],
    suppressions: [],
  };
}

const directions = (base: ReviewedToken, head: ReviewedToken) => [...new Set(diffToken(base, head).map((c) => c.direction))];
const PAIRS = [...READ_IMPLIED_BY_WRITE].map(([write, read]) => [PermissionGroups.byId(write), PermissionGroups.byId(read)] as const);

describe('Write implies Read, from the catalog by name', () => {
  test('every catalogued "X Write" with an "X Read" of the same scope is a pair, and only those', () => {
    expect(PAIRS.length).toBe(142);
    for (const [write, read] of PAIRS) {
      expect(read.name).toBe(`${write.name.slice(0, -' Write'.length)} Read`);
      expect(read.scope).toBe(write.scope);
    }
  });

  test('the Write groups without a Read namesake imply nothing (the documented exceptions)', () => {
    const lonely = PermissionGroups.all()
      .filter((g) => g.name.endsWith(' Write') && !READ_IMPLIED_BY_WRITE.has(g.id))
      .map((g) => g.name)
      .sort();
    expect(lonely).toEqual([
      'Apps Write',
      'Cloudflare Zero Trust Secure DNS Locations Write',
      'Integration Write',
      'Page Shield Write',
      'Workers Observability Telemetry Write',
      'Zero Trust: Seats Write',
    ]);
  });

  test.each(PAIRS.map(([write, read]) => [`${write.name} (${write.scope})`, write.id, read.id]))('%s: Write -> Read is narrower, Read -> Write wider, Read beside Write no change', (_name, write, read) => {
    expect(directions(token(write), token(read))).toEqual(['narrower']);
    expect(directions(token(read), token(write))).toEqual(['wider']);
    expect(directions(token(write), token(write, read))).toEqual([]);
    expect(directions(token(write, read), token(write))).toEqual([]);
  });
});
