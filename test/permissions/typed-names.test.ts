// Compile-time guarantees: `npm test` runs tsc over this file first, and each
// `@ts-expect-error` fails the build if the line below it ever starts to compile.
import { AmbiguousPermissionGroupName, Policy, PermissionGroups, Resource, UnambiguousPermissionGroupName } from '../../lib';
import { renderPolicies } from '../../lib/policy/render';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';

test('permission names are typed literals', () => {
  // @ts-expect-error a typo in a literal name is a compile error
  const typo = () => PermissionGroups.byName('DNS Wrte');
  // @ts-expect-error a scoped name must exist in that scope
  const wrongScope = () => Policy.allow({ permissions: [{ name: 'DNS Write', scope: 'account' }], resources: [Resource.zone(ZONE)] });
  // @ts-expect-error dashboard wording is not an API name
  const dashboard = () => Policy.allow({ permissions: ['DNS Edit'], resources: [Resource.zone(ZONE)] });

  // And at run time, for JavaScript callers and casts, the same mistakes are refused.
  expect(typo).toThrow(/did you mean "DNS Write"/);
  expect(renderPolicies([wrongScope()], { kind: 'user' }).problems[0].message).toMatch(/is not a permission group of scope 'account'/);
  expect(renderPolicies([dashboard()], { kind: 'user' }).problems[0].fix).toMatch(/did you mean "DNS Write"/);
});

test('a name that exists in several scopes is a compile error without its scope', () => {
  // @ts-expect-error 'Logs Write' exists at account and zone scope: say which
  const bare = () => Policy.allow({ permissions: ['Logs Write'], resources: [Resource.zone(ZONE)] });
  // @ts-expect-error the same for every ambiguous name, e.g. the Access groups
  const access = () => Policy.allow({ permissions: ['Access: Apps and Policies Read'], resources: [Resource.zone(ZONE)] });
  // With the scope it compiles; unambiguous names need none.
  const scoped = Policy.allow({ permissions: [{ name: 'Logs Write', scope: 'zone' }, 'DNS Write'], resources: [Resource.zone(ZONE)] });

  expect(renderPolicies([bare()], { kind: 'user' }).problems[0].message).toMatch(/exists in more than one scope \(account, zone\)/);
  expect(renderPolicies([access()], { kind: 'user' }).problems[0].message).toMatch(/exists in more than one scope/);
  expect(renderPolicies([scoped], { kind: 'user' }).problems).toEqual([]);
});

test('the ambiguous names, as a type, are exactly the names the catalog has in more than one scope', () => {
  // A Record over the type: tsc fails if a key is missing or is not an ambiguous name.
  const ambiguous: Record<AmbiguousPermissionGroupName, true> = {
    'Logs Write': true,
    'Logs Read': true,
    'Disable ESC Read': true,
    'Disable ESC Write': true,
    'Access: Apps and Policies Read': true,
    'Access: Apps and Policies Write': true,
    'Access: Apps and Policies Revoke': true,
  };
  const inSeveralScopes = [...new Set(PermissionGroups.all().map((g) => g.name))].filter((n) => PermissionGroups.scopesOf(n).length > 1);
  expect(Object.keys(ambiguous).sort()).toEqual(inSeveralScopes.sort());
  // @ts-expect-error DNS Write exists in one scope only
  const notAmbiguous: AmbiguousPermissionGroupName = 'DNS Write';
  const fine: UnambiguousPermissionGroupName = 'DNS Write';
  expect(notAmbiguous).toBe(fine);
});
