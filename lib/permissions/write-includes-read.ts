import { PermissionGroups } from './catalog';

/**
 * Cloudflare's "Edit" (API name "Write") permission groups include reading what they edit:
 * the create-token docs describe Edit as full create/read/update/delete/list access
 * (developers.cloudflare.com/fundamentals/api/reference/permissions/). The reviewer and the
 * checks (CFT6) model that by name, from the catalog: "<X> Write" implies "<X> Read" of the
 * same scope, when the catalog has both. Write groups without a Read namesake (Apps Write, Page Shield Write, ...)
 * imply nothing; ids the catalog lacks imply nothing (fail closed: their Read stays a
 * separate grant, so dropping it can only look narrower, never hide a widening).
 *
 * In the reviewer only allows are widened by this rule: a denied Write does not deny its Read.
 */
export const READ_IMPLIED_BY_WRITE: ReadonlyMap<string, string> = (() => {
  const byNameAndScope = new Map<string, string>();
  for (const group of PermissionGroups.all()) byNameAndScope.set(`${group.scope}\n${group.name}`, group.id);
  const pairs = new Map<string, string>();
  for (const group of PermissionGroups.all()) {
    if (!group.name.endsWith(' Write')) continue;
    const readId = byNameAndScope.get(`${group.scope}\n${group.name.slice(0, -' Write'.length)} Read`);
    if (readId !== undefined) pairs.set(group.id, readId);
  }
  return pairs;
})();

