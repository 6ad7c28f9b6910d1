import { Policy, PermissionGroups, Resource } from '../../lib';
import { OwnerContext } from '../../lib/resources/resource';
import { renderPolicies } from '../../lib/policy/render';

const ZONE_A = '023e105f4ecef8ad9ca31a8372d0c353';
const ZONE_B = '1123456789abcdef0123456789abcdef';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const USER: OwnerContext = { kind: 'user' };
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';

function ok(policies: Policy[], owner: OwnerContext = USER) {
  const result = renderPolicies(policies, owner);
  expect(result.problems).toEqual([]);
  return result.policies;
}

describe('renderPolicies', () => {
  test('renders canonical JSON: sorted keys, no white space', () => {
    const [policy] = ok([Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_B), Resource.zone(ZONE_A)] })]);
    expect(policy.resourcesJson).toBe(`{"com.cloudflare.api.account.zone.${ZONE_A}":"*","com.cloudflare.api.account.zone.${ZONE_B}":"*"}`);
  });

  test('sorts and de-duplicates permission ids', () => {
    const [policy] = ok([Policy.allow({ permissions: ['Zone Read', 'DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE_A)] })]);
    expect(policy.permissionGroups.map((g) => g.id)).toEqual([DNS_WRITE, ZONE_READ]);
  });

  test('merges policies with the same effect and resources', () => {
    const policies = ok([
      Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_A)] }),
      Policy.allow({ permissions: ['Zone Read'], resources: [Resource.zone(ZONE_A)] }),
    ]);
    expect(policies).toHaveLength(1);
    expect(policies[0].permissionGroups.map((g) => g.id)).toEqual([DNS_WRITE, ZONE_READ]);
  });

  test('keeps allow and deny apart and orders policies stably, whatever the input order', () => {
    const a = Policy.deny({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_B)] });
    const b = Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] });
    const c = Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.account(ACCOUNT)] });
    const forward = ok([a, b, c]);
    expect(ok([c, a, b])).toEqual(forward);
    expect(forward.map((p) => p.effect)).toEqual(['allow', 'allow', 'deny']);
  });

  test('writes a one-line summary with names, not ids', () => {
    const [policy] = ok([Policy.allow({ permissions: ['Zone Read', 'DNS Write'], resources: [Resource.zone(ZONE_A)] })]);
    expect(policy.summary).toBe(`allow DNS Write, Zone Read on zone ${ZONE_A}`);
  });

  test('accepts a name with its scope and a group from the catalog', () => {
    const [policy] = ok([
      Policy.allow({ permissions: [{ name: 'Logs Write', scope: 'zone' }, PermissionGroups.byId(ZONE_READ)], resources: [Resource.zone(ZONE_A)] }),
    ]);
    expect(policy.permissionGroups.map((g) => g.id)).toEqual([PermissionGroups.byName('Logs Write', 'zone').id, ZONE_READ].sort());
  });

  test('grants an uncatalogued id explicitly, and says so in the summary', () => {
    const raw = PermissionGroups.uncatalogued('ffffffffffffffffffffffffffffffff', 'account');
    const [policy] = ok([Policy.allow({ permissions: [raw], resources: [Resource.account(ACCOUNT)] })]);
    expect(policy.permissionGroups[0].id).toBe('ffffffffffffffffffffffffffffffff');
    expect(policy.summary).toBe(`allow uncatalogued ffffffffffffffffffffffffffffffff on account ${ACCOUNT}`);
  });

  test('an uncatalogued id the catalog knows resolves to the catalogued group', () => {
    const [policy] = ok([Policy.allow({ permissions: [PermissionGroups.uncatalogued(DNS_WRITE, 'zone')], resources: [Resource.zone(ZONE_A)] })]);
    expect(policy.permissionGroups[0].name).toBe('DNS Write');
  });

  test('merges account-token zones under the owning account', () => {
    const [policy] = ok([Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_A), Resource.zone(ZONE_B)] })], {
      kind: 'account',
      accountId: ACCOUNT,
    });
    expect(JSON.parse(policy.resourcesJson)).toEqual({
      [`com.cloudflare.api.account.${ACCOUNT}`]: {
        [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*',
        [`com.cloudflare.api.account.zone.${ZONE_B}`]: '*',
      },
    });
  });
});

describe('renderPolicies errors', () => {
  const problems = (policies: unknown) => renderPolicies(policies as Policy[], USER).problems;

  test('an empty policy list', () => {
    expect(problems([])).toEqual([expect.objectContaining({ field: 'policies', message: 'is empty', fix: expect.stringMatching(/Policy\.allow/) })]);
  });

  test('empty permissions and resources', () => {
    expect(problems([Policy.allow({ permissions: [], resources: [] })]).map((p) => [p.field, p.message])).toEqual([
      ['policies[0].permissions', 'is empty'],
      ['policies[0].resources', 'is empty'],
    ]);
  });

  test('a zone group on an account is a scope mismatch', () => {
    expect(problems([Policy.allow({ permissions: ['DNS Write'], resources: [Resource.account(ACCOUNT)] })])[0]).toMatchObject({
      field: 'policies[0].permissions[0]',
      received: 'DNS Write',
      message: "is a permission group of scope 'zone', granted on an account resource",
      fix: "move 'DNS Write' to a policy whose resources are of scope 'zone'",
    });
  });

  test('an account group on a zone is a scope mismatch', () => {
    expect(problems([Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.zone(ZONE_A)] })])[0].message).toBe(
      "is a permission group of scope 'account', granted on a zone resource",
    );
  });

  test('resources of several scopes in one policy', () => {
    expect(problems([Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_A), Resource.account(ACCOUNT)] })])[0]).toMatchObject({
      field: 'policies[0].resources',
      message: 'mixes resources of several scopes (account, zone)',
    });
  });

  test('an ambiguous name without a scope', () => {
    expect(problems([Policy.allow({ permissions: ['Logs Write' as never], resources: [Resource.zone(ZONE_A)] })])[0]).toMatchObject({
      field: 'policies[0].permissions[0]',
      message: 'is a permission-group name that exists in more than one scope (account, zone)',
    });
  });

  test('a scoped name in a scope it does not exist in', () => {
    expect(problems([Policy.allow({ permissions: [{ name: 'DNS Write', scope: 'account' } as never], resources: [Resource.account(ACCOUNT)] })])[0].message).toBe(
      "is not a permission group of scope 'account' (it exists only in: zone)",
    );
  });

  test('uncatalogued ids must be hex, with a known scope that agrees with the catalog', () => {
    const at = (ref: unknown) => problems([Policy.allow({ permissions: [ref as never], resources: [Resource.zone(ZONE_A)] })])[0];
    expect(at(PermissionGroups.uncatalogued('not-an-id', 'zone'))).toMatchObject({ field: 'policies[0].permissions[0].id', message: 'is not a permission-group id' });
    expect(at(PermissionGroups.uncatalogued('ffffffffffffffffffffffffffffffff', 'galaxy' as never)).field).toBe('policies[0].permissions[0].scope');
    expect(at(PermissionGroups.uncatalogued(DNS_WRITE, 'account')).message).toMatch(/contradicts the catalog/);
  });

  test('things that are not policies, resources or references', () => {
    expect(problems([{ effect: 'allow' }])[0].message).toBe('is not a Policy');
    expect(problems([Policy.allow({ permissions: ['DNS Write'], resources: [ZONE_A as never] })])[0].message).toBe('is not a Resource');
    expect(problems([Policy.allow({ permissions: [42 as never], resources: [Resource.zone(ZONE_A)] })])[0].message).toBe('is not a permission reference');
  });
});
