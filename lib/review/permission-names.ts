import { PermissionGroups } from '../permissions/catalog';
import { GrantedPermission } from './model';

/**
 * A granted permission group with its catalog name. Names that exist in several scopes
 * (`Logs Write` for zones and accounts) get the scope added, so a reviewer can tell them
 * apart; ids the catalog lacks (newer groups, typos, expressions) keep no name.
 */
export function grantedPermission(id: string): GrantedPermission {
  if (!PermissionGroups.has(id)) return { id };
  const group = PermissionGroups.byId(id);
  const name = PermissionGroups.scopesOf(group.name).length > 1 ? `${group.name} (${group.scope})` : group.name;
  return { id, name };
}

/** The permission as a reviewer reads it: its name, or its id marked as unknown. */
export function describePermission(permission: GrantedPermission): string {
  return permission.name ?? `unknown permission group ${permission.id}`;
}
