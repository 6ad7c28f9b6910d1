import { Fn } from 'cdktf';
import { Resource } from '../../lib';
import { OwnerContext } from '../../lib/resources/resource';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
const USER: OwnerContext = { kind: 'user' };
const OWNED_BY_ACCOUNT: OwnerContext = { kind: 'account', accountId: ACCOUNT };

describe('Resource keys (DESIGN.md table)', () => {
  test.each([
    [Resource.zone(ZONE), `com.cloudflare.api.account.zone.${ZONE}`, '*', 'zone'],
    [Resource.allZonesOfAccount(ACCOUNT), `com.cloudflare.api.account.${ACCOUNT}`, { 'com.cloudflare.api.account.zone.*': '*' }, 'zone'],
    [Resource.allZonesOfAllAccounts(), 'com.cloudflare.api.account.zone.*', '*', 'zone'],
    [Resource.account(ACCOUNT), `com.cloudflare.api.account.${ACCOUNT}`, '*', 'account'],
    [Resource.user(ACCOUNT), `com.cloudflare.api.user.${ACCOUNT}`, '*', 'user'],
    [Resource.r2Bucket(ACCOUNT, 'assets'), `com.cloudflare.edge.r2.bucket.${ACCOUNT}_default_assets`, '*', 'r2Bucket'],
    [Resource.r2Bucket(ACCOUNT, 'logs-eu', { jurisdiction: 'eu' }), `com.cloudflare.edge.r2.bucket.${ACCOUNT}_eu_logs-eu`, '*', 'r2Bucket'],
    [Resource.allR2BucketsOfAccount(ACCOUNT), `com.cloudflare.api.account.${ACCOUNT}`, { 'com.cloudflare.edge.r2.bucket.*': '*' }, 'r2Bucket'],
  ])('%# renders its key for a user-owned token', (resource, key, value, scope) => {
    expect(resource.entry(USER)).toEqual({ key, value });
    expect(resource.scope).toBe(scope);
    expect(resource.problems('r', USER)).toEqual([]);
  });

  test('an account-owned token nests a zone under the owning account', () => {
    expect(Resource.zone(ZONE).entry(OWNED_BY_ACCOUNT)).toEqual({
      key: `com.cloudflare.api.account.${ACCOUNT}`,
      value: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' },
    });
  });

  test('wildcards say so, and describe themselves in capitals', () => {
    expect(Resource.zone(ZONE).isWildcard).toBe(false);
    expect(Resource.allZonesOfAccount(ACCOUNT).isWildcard).toBe(true);
    expect(Resource.allZonesOfAllAccounts().describe()).toBe('ALL zones of ALL accounts');
    expect(Resource.allR2BucketsOfAccount(ACCOUNT).describe()).toBe(`ALL R2 buckets of account ${ACCOUNT}`);
  });

  test('an unresolved reference renders as Terraform interpolation inside the key', () => {
    const zoneRef = Fn.lower('zone-ref');
    const resource = Resource.zone(zoneRef);
    expect(resource.problems('r', USER)).toEqual([]);
    expect(resource.entry(USER).key).toBe(`com.cloudflare.api.account.zone.${zoneRef}`);
  });
});

describe('Resource validation', () => {
  test('a zone name passed as a zone id gets its own message', () => {
    expect(Resource.zone('example.com').problems('policies[0].resources[0]', USER)).toEqual([
      expect.objectContaining({ field: 'policies[0].resources[0]', received: 'example.com', message: 'is a zone name, not a zone id' }),
    ]);
  });

  test('bad bucket name and jurisdiction are reported at their own fields', () => {
    const problems = Resource.r2Bucket(ACCOUNT, 'Bad_Bucket', { jurisdiction: 'mars' as never }).problems('r', USER);
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['r.bucket', 'is not a valid R2 bucket name'],
      ['r.jurisdiction', 'is not an R2 jurisdiction'],
    ]);
  });

  test('an account-owned token refuses all zones of all accounts', () => {
    expect(Resource.allZonesOfAllAccounts().problems('r', OWNED_BY_ACCOUNT)[0]).toMatchObject({
      message: 'cannot be granted to an account-owned token',
      fix: `use Resource.allZonesOfAccount('${ACCOUNT}') or name the zones`,
    });
  });

  test('an account-owned token refuses user resources', () => {
    expect(Resource.user(ACCOUNT).problems('r', OWNED_BY_ACCOUNT)[0].message).toBe('is a user resource, which an account-owned token cannot hold');
  });

  test("an account-owned token refuses another account's resources", () => {
    for (const resource of [Resource.account(OTHER_ACCOUNT), Resource.allZonesOfAccount(OTHER_ACCOUNT), Resource.r2Bucket(OTHER_ACCOUNT, 'assets')]) {
      expect(resource.problems('r', OWNED_BY_ACCOUNT)[0]).toMatchObject({ received: OTHER_ACCOUNT, message: 'is not the account that owns the token' });
    }
  });
});
