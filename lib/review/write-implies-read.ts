import { READ_IMPLIED_BY_WRITE } from '../permissions/write-includes-read';

export { READ_IMPLIED_BY_WRITE };

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
