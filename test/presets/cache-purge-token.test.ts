import { CachePurgeToken, TokenOwner } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';

const ZONE_A = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const CACHE_PURGE = 'e17beae8b8cb423a99b1730f21238bed';

describe('CachePurgeToken', () => {
  test('grants Cache Purge, and only Cache Purge, on each zone named', () => {
    const stack = newStack();
    const purge = new CachePurgeToken(stack, 'purge', { zones: [ZONE_A] });
    expect(onlyToken(stack).policies).toEqual([{ effect: 'allow', ids: [CACHE_PURGE], resources: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' } }]);
    expect(CachePurgeToken.PERMISSIONS).toEqual(['Cache Purge']);
    expect(purge.grants).toHaveLength(1);
    expect(purge.grants[0].permissionGroups.map((g) => [g.id, g.scope])).toEqual([[CACHE_PURGE, 'zone']]);
  });

  test('account-owned: the zone nests under the owning account', () => {
    const stack = newStack();
    new CachePurgeToken(stack, 'purge', { zones: [ZONE_A], owner: TokenOwner.account(ACCOUNT) });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_account_token');
    expect(token.policies[0].resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' } });
  });

  test('allZonesOfAccount is the one, visibly named, way to purge every zone', () => {
    const stack = newStack();
    const purge = new CachePurgeToken(stack, 'purge', { allZonesOfAccount: ACCOUNT });
    expect(onlyToken(stack).policies[0].resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } });
    expect(purge.summary).toEqual([`allow Cache Purge on ALL zones of account ${ACCOUNT}`]);
  });

  describe('rejects', () => {
    test('an empty zone list', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', { zones: [] })).toThrow(/\[test\/purge\] an invalid value:\n {2}- zones is an empty list: received \[\]; expected at least one zone id\. Fix: name the zones/);
    });
    test('no zones', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', {})).toThrow(/\[test\/purge\].*zones is missing.*expected at least one zone id/s);
    });
    test('a zone name', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', { zones: ['www.example.com'] })).toThrow(/zones\[0\] is a zone name, not a zone id: received "www\.example\.com".*DataCloudflareZone/s);
    });
    test('zones and allZonesOfAccount together', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', { zones: [ZONE_A], allZonesOfAccount: ACCOUNT })).toThrow(/allZonesOfAccount is set together with zones/);
    });
    test('an invalid allZonesOfAccount', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', { allZonesOfAccount: ACCOUNT.toUpperCase() })).toThrow(/allZonesOfAccount account id has upper-case letters/);
    });
    test('missing props', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', null as unknown as { zones: string[] })).toThrow(/\[test\/purge\].*props are missing/s);
    });
    test('all zones of another account on an account-owned token, named by the prop', () => {
      expect(() => new CachePurgeToken(newStack(), 'purge', { allZonesOfAccount: ACCOUNT, owner: TokenOwner.account('fedcba9876543210fedcba9876543210') })).toThrow(
        /\[test\/purge\] an invalid value:\n  - allZonesOfAccount is not the account that owns the token/,
      );
    });
  });
});
