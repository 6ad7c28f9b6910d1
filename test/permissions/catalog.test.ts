import { PermissionGroups, PermissionLookupError } from '../../lib';
import { lookupByName } from '../../lib/permissions/catalog';

describe('permission catalog', () => {
  test('holds all 336 vendored groups with unique 32-hex ids', () => {
    const all = PermissionGroups.all();
    expect(all).toHaveLength(336);
    expect(new Set(all.map((g) => g.id)).size).toBe(336);
    for (const g of all) expect(g.id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('counts groups per scope as the shared catalog documents', () => {
    const count = (s: 'zone' | 'account' | 'user' | 'r2Bucket') => PermissionGroups.inScope(s).length;
    expect([count('zone'), count('account'), count('user'), count('r2Bucket')]).toEqual([86, 242, 6, 2]);
  });

  test.each([
    ['DNS Write', '4755a26eedb94da69e1066d98aa820be', 'zone'],
    ['Zone Read', 'c8fed203ed3043cba015a93ad1616f1f', 'zone'],
    ['Cache Purge', 'e17beae8b8cb423a99b1730f21238bed', 'zone'],
    ['Workers Scripts Write', 'e086da7e2179491d91ee5f35b3ca210a', 'account'],
    ['Pages Write', '8d28297797f24fb8a0c332fe0866ec89', 'account'],
    ['API Tokens Write', '686d18d5ac6c441c867cbf6771e58a0a', 'user'],
  ] as const)('finds %s by name and by id', (name, id, scope) => {
    const byName = PermissionGroups.byName(name);
    expect(byName).toMatchObject({ id, name, scope });
    expect(PermissionGroups.byId(id)).toBe(byName);
  });

  test('a name that exists in two scopes needs the scope, and says which scopes exist', () => {
    expect(() => PermissionGroups.byName('Logs Write')).toThrow(
      /"Logs Write" is a permission-group name that exists in more than one scope \(account, zone\).*Fix: name the scope/,
    );
    expect(PermissionGroups.byName('Logs Write', 'zone').id).not.toBe(PermissionGroups.byName('Logs Write', 'account').id);
    expect(PermissionGroups.scopesOf('Logs Write')).toEqual(['account', 'zone']);
  });

  test('an unknown name fails with the closest known names', () => {
    expect(() => PermissionGroups.byName('DNS Wrte' as never)).toThrow(PermissionLookupError);
    expect(() => PermissionGroups.byName('DNS Wrte' as never)).toThrow(/is not a known permission-group name.*did you mean "DNS Write"/);
  });

  test('dashboard wording ("Edit") suggests the API name ("Write")', () => {
    const result = lookupByName('DNS Edit');
    expect('failure' in result && result.failure.fix).toMatch(/did you mean "DNS Write"/);
  });

  test('a name looked up in the wrong scope says where it exists', () => {
    expect(() => PermissionGroups.byName('DNS Write', 'account')).toThrow(/is not a permission group of scope 'account' \(it exists only in: zone\)/);
  });

  test('former names still resolve to the renamed group', () => {
    const group = PermissionGroups.byName('AI Audit Read' as never);
    expect(group).toMatchObject({ id: '19637fbb73d242c0a92845d8db0b95b1', name: 'AI Crawl Control Read' });
  });

  test('an unknown id fails and points at uncatalogued()', () => {
    expect(() => PermissionGroups.byId('ffffffffffffffffffffffffffffffff')).toThrow(/is not the id of any permission group.*PermissionGroups\.uncatalogued/);
    expect(PermissionGroups.has('ffffffffffffffffffffffffffffffff')).toBe(false);
  });

  test('an uncatalogued group is explicit about what it is', () => {
    const group = PermissionGroups.uncatalogued('ffffffffffffffffffffffffffffffff', 'account');
    expect(group).toMatchObject({ confidence: 'uncatalogued', scope: 'account', name: 'uncatalogued ffffffffffffffffffffffffffffffff' });
  });

  test('catalog entries are frozen', () => {
    const group = PermissionGroups.byName('DNS Write');
    expect(Object.isFrozen(group)).toBe(true);
    expect(Object.isFrozen(PermissionGroups.all())).toBe(true);
  });
});
