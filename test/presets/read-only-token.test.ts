import { PermissionGroups, ReadOnlyToken, TokenOwner } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';

const ZONE_A = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const USER = '7c5dae5552338874e5053f2534d2767a';
const WRITES = /Write|Edit|Purge|Run|Revoke/;

describe('ReadOnlyToken', () => {
  test('readGroupsOf is every " Read" group of the scope, minus unverified ones, and nothing that writes', () => {
    for (const scope of ['zone', 'account', 'user'] as const) {
      const groups = ReadOnlyToken.readGroupsOf(scope);
      const expected = PermissionGroups.inScope(scope).filter((g) => g.name.endsWith(' Read') && g.confidence !== 'unverified');
      expect(groups.map((g) => g.id).sort()).toEqual(expected.map((g) => g.id).sort());
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.filter((g) => WRITES.test(g.name.replace(/ Read$/, '')) && !g.name.endsWith(' Read'))).toEqual([]);
      expect(groups.every((g) => g.scope === scope)).toBe(true);
    }
    expect(ReadOnlyToken.readGroupsOf('zone').map((g) => g.name)).toEqual(expect.arrayContaining(['DNS Read', 'Zone Read', 'Zone Settings Read']));
    expect(ReadOnlyToken.readGroupsOf('zone').map((g) => g.name)).not.toContain('DNS Write');
    expect(ReadOnlyToken.readGroupsOf('account').map((g) => g.name)).not.toContain('Artifacts Read'); // unverified
    expect(ReadOnlyToken.readGroupsOf('user').map((g) => g.name)).toEqual(['API Tokens Read', 'Memberships Read', 'User Details Read']);
  });

  test('zones only: the zone Read groups on those zones, nothing on accounts or the user', () => {
    const stack = newStack();
    new ReadOnlyToken(stack, 'ro', { zones: [ZONE_A] });
    const policies = onlyToken(stack).policies;
    expect(policies).toHaveLength(1);
    expect(policies[0].resources).toEqual({ [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' });
    expect(policies[0].ids).toEqual(ReadOnlyToken.readGroupsOf('zone').map((g) => g.id).sort());
  });

  test('zones, accounts and user: one policy per scope, each on exactly what was named', () => {
    const stack = newStack();
    const ro = new ReadOnlyToken(stack, 'ro', { zones: [ZONE_A], accounts: [ACCOUNT], userId: USER });
    const policies = onlyToken(stack).policies;
    const byKey = new Map(policies.map((p) => [Object.keys(p.resources).join(), p.ids]));
    expect([...byKey.keys()].sort()).toEqual([`com.cloudflare.api.account.${ACCOUNT}`, `com.cloudflare.api.account.zone.${ZONE_A}`, `com.cloudflare.api.user.${USER}`]);
    expect(byKey.get(`com.cloudflare.api.account.${ACCOUNT}`)).toEqual(ReadOnlyToken.readGroupsOf('account').map((g) => g.id).sort());
    expect(byKey.get(`com.cloudflare.api.user.${USER}`)).toEqual(['3518d0f75557482e952c6762d3e64903', '8acbe5bb0d54464ab867149d7f7cf8ac', ReadOnlyToken.readGroupsOf('user')[0].id].sort());
    expect(ro.grants.every((g) => g.permissionGroups.every((p) => p.name.endsWith(' Read')))).toBe(true);
    expect(ro.grants.every((g) => g.resources.every((r) => !r.isWildcard))).toBe(true);
  });

  test('account-owned, reading its own account and a zone', () => {
    const stack = newStack();
    new ReadOnlyToken(stack, 'ro', { zones: [ZONE_A], accounts: [ACCOUNT], owner: TokenOwner.account(ACCOUNT) });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_account_token');
    expect(token.policies.map((p) => p.resources)).toEqual(
      expect.arrayContaining([{ [`com.cloudflare.api.account.${ACCOUNT}`]: '*' }, { [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' } }]),
    );
  });

  test('except leaves the named groups out, in every scope granted', () => {
    const stack = newStack();
    new ReadOnlyToken(stack, 'ro', { zones: [ZONE_A], accounts: [ACCOUNT], except: ['Workers KV Storage Read', 'Logs Read'] });
    const ids = onlyToken(stack).policies.flatMap((p) => p.ids);
    const logsReadIds = PermissionGroups.all().filter((g) => g.name === 'Logs Read').map((g) => g.id);
    expect(logsReadIds).toHaveLength(2);
    for (const id of [PermissionGroups.byName('Workers KV Storage Read').id, ...logsReadIds]) expect(ids).not.toContain(id);
    expect(ids).toHaveLength(ReadOnlyToken.readGroupsOf('zone').length + ReadOnlyToken.readGroupsOf('account').length - 3);
  });

  describe('rejects', () => {
    test('an except name that is not a Read group the token grants', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { zones: [ZONE_A], except: ['Workers KV Storage Read', 'DNS Write'] })).toThrow(
        /2 invalid values:.*except\[0\] is not a Read group this token grants: received "Workers KV Storage Read"; expected the name of a Read group of the scopes named \(zone\).*except\[1\] is not a Read group/s,
      );
    });
    test('an except that is not a list', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { zones: [ZONE_A], except: 'DNS Read' as unknown as [] })).toThrow(/except is not a list: received "DNS Read"/);
    });
    test('an except that leaves a scope with no group', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { userId: USER, except: ['API Tokens Read', 'Memberships Read', 'User Details Read'] })).toThrow(
        /except leaves no Read group on the user resources named.*Fix: stop naming the user resources/s,
      );
    });

    test('nothing named', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', {})).toThrow(/\[test\/ro\].*zones and accounts and userId are all missing.*expected at least one of zones, accounts and userId/s);
    });
    test('an empty zone list', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { zones: [] })).toThrow(/zones is an empty list: received \[\]/);
    });
    test('an empty account list', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { accounts: [] })).toThrow(/accounts is an empty list/);
    });
    test('a zone name', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { zones: ['example.com'] })).toThrow(/zones\[0\] is a zone name, not a zone id/);
    });
    test('an invalid user id', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { userId: 'me' })).toThrow(/userId is not a valid user id: received "me"/);
    });
    test('a user grant on an account-owned token, named by the prop', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', { userId: USER, owner: TokenOwner.account(ACCOUNT) })).toThrow(/\[test\/ro\] an invalid value:\n  - userId names a user, which an account-owned token cannot read/);
    });
    test('missing props', () => {
      expect(() => new ReadOnlyToken(newStack(), 'ro', undefined as unknown as { zones: string[] })).toThrow(/\[test\/ro\].*props are missing/s);
    });
  });
});
