import { Problem, problemAt } from '../errors';
import { lookupById, lookupByName, PermissionGroup, PermissionGroupNameIn, UnambiguousPermissionGroupName } from '../permissions/catalog';
import { isPermissionScope, PermissionScope } from '../permissions/scope';

/** A name that exists in more than one scope, with the scope that picks one. */
export type ScopedPermissionName = {
  [S in PermissionScope]: { readonly name: PermissionGroupNameIn<S>; readonly scope: S };
}[PermissionScope];

/**
 * How a policy names a permission group: its API name (`'DNS Write'`), a name with its scope
 * (`{ name: 'Logs Write', scope: 'zone' }`), or a group from {@link PermissionGroups}
 * (`PermissionGroups.byId(...)`, `PermissionGroups.uncatalogued(...)`). A name that exists in
 * several scopes is a compile error without its scope (and a run-time error from JavaScript).
 */
export type PermissionRef = UnambiguousPermissionGroupName | ScopedPermissionName | PermissionGroup;

const HEX32 = /^[0-9a-f]{32}$/;

/** Resolves a reference against the catalog; a problem names `field` when it cannot. */
export function resolvePermission(ref: PermissionRef, field: string): { group: PermissionGroup } | { problem: Problem } {
  if (typeof ref === 'string') {
    const result = lookupByName(ref);
    return 'group' in result ? result : { problem: problemAt(field, ref, result.failure) };
  }
  if (ref === null || typeof ref !== 'object') {
    return {
      problem: problemAt(field, ref, {
        message: 'is not a permission reference',
        expected: "a permission-group name, { name, scope }, or a PermissionGroups.* result",
        fix: "write the group's API name, e.g. 'DNS Write'",
      }),
    };
  }
  if (!('id' in ref)) {
    if (!isPermissionScope(ref.scope)) return { problem: badScope(`${field}.scope`, ref.scope) };
    const result = lookupByName(ref.name, ref.scope);
    return 'group' in result ? result : { problem: problemAt(field, ref.name, result.failure) };
  }
  if (ref.confidence !== 'uncatalogued') {
    const result = lookupById(ref.id);
    return 'group' in result ? result : { problem: problemAt(`${field}.id`, ref.id, result.failure) };
  }
  if (typeof ref.id !== 'string' || !HEX32.test(ref.id)) {
    return {
      problem: problemAt(`${field}.id`, ref.id, {
        message: 'is not a permission-group id',
        expected: '32 lowercase hex characters',
        fix: 'copy the id from GET /user/tokens/permission_groups (or the provider data source cloudflare_api_token_permission_groups_list)',
      }),
    };
  }
  if (!isPermissionScope(ref.scope)) return { problem: badScope(`${field}.scope`, ref.scope) };
  const known = lookupById(ref.id);
  if ('group' in known) {
    // The catalog knows it after all: use the catalogued facts, but a stated scope must agree.
    if (known.group.scope !== ref.scope) {
      return {
        problem: problemAt(`${field}.scope`, ref.scope, {
          message: `contradicts the catalog, where ${ref.id} ("${known.group.name}") has scope '${known.group.scope}'`,
          expected: `'${known.group.scope}'`,
          fix: `use PermissionGroups.byId('${ref.id}') instead`,
        }),
      };
    }
    return known;
  }
  return { group: ref };
}

function badScope(field: string, scope: unknown): Problem {
  return problemAt(field, scope, {
    message: 'is not a permission scope',
    expected: "'zone', 'account', 'user' or 'r2Bucket'",
    fix: 'name the kind of resource the group is granted on',
  });
}
