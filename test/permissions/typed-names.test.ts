// Compile-time guarantees: `npm test` runs tsc over this file first, and each
// `@ts-expect-error` fails the build if the line below it ever starts to compile.
import { Policy, PermissionGroups, Resource } from '../../lib';
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
