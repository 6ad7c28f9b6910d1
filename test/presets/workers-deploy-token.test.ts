import { TokenOwner, WorkersDeployToken } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE_A = '023e105f4ecef8ad9ca31a8372d0c353';
const ZONE_B = '1f0e105f4ecef8ad9ca31a8372d0c3aa';
const ID = {
  accountSettingsRead: 'c1fde68c7bcc44588cbb6ddbc16d6480',
  scriptsWrite: 'e086da7e2179491d91ee5f35b3ca210a',
  routesWrite: '28f4b596e7d643029c524985477ae49a',
  cachePurge: 'e17beae8b8cb423a99b1730f21238bed',
  kvWrite: 'f7f0eda5697f475c90846e879bab8666',
  r2Write: 'bf7481a1826f439697cb59a20b22293e',
  d1Write: '09b2857d1c31407795e75e3fed8617a1',
  tailRead: '05880cd1bdc24d8bae0be2136972816b',
};
const accountKey = `com.cloudflare.api.account.${ACCOUNT}`;
const zoneKey = (z: string) => `com.cloudflare.api.account.zone.${z}`;

describe('WorkersDeployToken', () => {
  test('by default: Workers Scripts Write on the account, and nothing else: no Account Settings Read, no zone, no user', () => {
    const stack = newStack();
    const workers = new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT });
    expect(onlyToken(stack).policies).toEqual([{ effect: 'allow', ids: [ID.scriptsWrite], resources: { [accountKey]: '*' } }]);
    expect(workers.grants.flatMap((g) => g.permissionGroups.map((p) => p.scope))).toEqual(['account']);
    expect(onlyToken(stack).policies.flatMap((p) => p.ids)).not.toContain(ID.accountSettingsRead);
  });

  test('Workers Routes Write only on the route zones', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, routeZones: [ZONE_A] });
    expect(onlyToken(stack).policies).toEqual([
      { effect: 'allow', ids: [ID.scriptsWrite], resources: { [accountKey]: '*' } },
      { effect: 'allow', ids: [ID.routesWrite], resources: { [zoneKey(ZONE_A)]: '*' } },
    ]);
  });

  test('Cache Purge only on the purge zones; merged with routes where the zones are the same', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, routeZones: [ZONE_A], cachePurgeZones: [ZONE_A] });
    expect(onlyToken(stack).policies).toEqual([
      { effect: 'allow', ids: [ID.scriptsWrite], resources: { [accountKey]: '*' } },
      { effect: 'allow', ids: [ID.routesWrite, ID.cachePurge], resources: { [zoneKey(ZONE_A)]: '*' } },
    ]);
  });

  test('routes and purges on different zones stay separate policies', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, routeZones: [ZONE_A], cachePurgeZones: [ZONE_B] });
    const policies = onlyToken(stack).policies;
    expect(policies).toContainEqual({ effect: 'allow', ids: [ID.routesWrite], resources: { [zoneKey(ZONE_A)]: '*' } });
    expect(policies).toContainEqual({ effect: 'allow', ids: [ID.cachePurge], resources: { [zoneKey(ZONE_B)]: '*' } });
    expect(policies).toHaveLength(3);
  });

  test.each([
    ['kv', ID.kvWrite],
    ['r2', ID.r2Write],
    ['d1', ID.d1Write],
    ['tail', ID.tailRead],
  ] as const)('%s: true adds exactly its group on the account', (option, id) => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, [option]: true });
    expect(onlyToken(stack).policies).toEqual([{ effect: 'allow', ids: [ID.scriptsWrite, id].sort(), resources: { [accountKey]: '*' } }]);
  });

  test('false switches grant nothing more than the default', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, kv: false, r2: false, d1: false, tail: false });
    expect(onlyToken(stack).policies.map((p) => p.ids)).toEqual([[ID.scriptsWrite]]);
  });

  test('account-owned: zones nest under the account', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'workers', { accountId: ACCOUNT, owner: TokenOwner.account(ACCOUNT), routeZones: [ZONE_A] });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_account_token');
    expect(token.policies[1].resources).toEqual({ [accountKey]: { [zoneKey(ZONE_A)]: '*' } });
  });

  test('the static permission sets match the documented ones', () => {
    expect(WorkersDeployToken.ACCOUNT_PERMISSIONS).toEqual(['Workers Scripts Write']);
    expect(WorkersDeployToken.OPTIONAL_ACCOUNT_PERMISSIONS).toEqual({ kv: 'Workers KV Storage Write', r2: 'Workers R2 Storage Write', d1: 'D1 Write', tail: 'Workers Tail Read' });
    expect(WorkersDeployToken.ROUTE_PERMISSIONS).toEqual(['Workers Routes Write']);
    expect(WorkersDeployToken.CACHE_PURGE_PERMISSIONS).toEqual(['Cache Purge']);
  });

  describe('rejects', () => {
    test('an invalid account id', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: ` ${ACCOUNT}` })).toThrow(/\[test\/workers\].*accountId account id has surrounding white space/s);
    });
    test('an empty routeZones list, suggesting to leave it out', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: ACCOUNT, routeZones: [] })).toThrow(
        /routeZones is an empty list: received \[\]; expected at least one zone id, or the option left out\. Fix: .*or leave routeZones out/,
      );
    });
    test('a zone name in cachePurgeZones', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: ACCOUNT, cachePurgeZones: ['example.com'] })).toThrow(/cachePurgeZones\[0\] is a zone name, not a zone id/);
    });
    test('routeZones that are not a list', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: ACCOUNT, routeZones: ZONE_A as unknown as string[] })).toThrow(/routeZones is not a list/);
    });
    test('a switch that is not a boolean', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: ACCOUNT, kv: 'true' as unknown as boolean })).toThrow(/kv is not a boolean: received "true"; expected true or false/);
    });
    test('all problems at once', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', { accountId: 'x', routeZones: [], d1: 1 as unknown as boolean })).toThrow(/3 invalid values:.*accountId.*routeZones.*d1/s);
    });
    test('missing props', () => {
      expect(() => new WorkersDeployToken(newStack(), 'workers', undefined as unknown as { accountId: string })).toThrow(/\[test\/workers\].*props are missing/s);
    });
  });
});
