import { PermissionGroups } from '../permissions/catalog';

/**
 * Cloudflare's "Edit" (API name "Write") permission groups include reading what they edit:
 * the create-token docs describe Edit as full create/read/update/delete/list access
 * (developers.cloudflare.com/fundamentals/api/reference/permissions/). The reviewer models
 * that by name, from the catalog: "<X> Write" implies "<X> Read" of the same scope, when the
 * catalog has both. Write groups without a Read namesake (Apps Write, Page Shield Write, ...)
 * imply nothing; ids the catalog lacks imply nothing (fail closed: their Read stays a
 * separate grant, so dropping it can only look narrower, never hide a widening).
 *
 * Only allows are widened by this rule: a denied Write does not deny its Read.
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

/** Write ids that imply each Read id (the inverse of {@link READ_IMPLIED_BY_WRITE}). */
const WRITES_IMPLYING_READ: ReadonlyMap<string, readonly string[]> = (() => {
  const inverse = new Map<string, string[]>();
  for (const [writeId, readId] of READ_IMPLIED_BY_WRITE) {
    const writes = inverse.get(readId) ?? [];
    writes.push(writeId);
    inverse.set(readId, writes);
  }
  return inverse;
})();

/** The permission ids whose allow grants at least `id`: itself, and its Write when `id` is a Read. */
export function idsGrantingAtLeast(id: string): readonly string[] {
  const writes = WRITES_IMPLYING_READ.get(id);
  return writes === undefined ? [id] : [id, ...writes];
}
