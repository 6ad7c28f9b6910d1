import { TerraformResource } from '../framework';

// Records for readers of the synthesized JSON under a block's `"//"` key, which Terraform
// ignores (`"//"` summary, preset, rotation and least-privilege records of the token resources).
//
// Our own bindings merge them into their block's `"//"` at the end of `toTerraform`, exactly as
// cdktf merges an override there (lists appended, objects merged, after whatever the attributes
// or a subclass wrote). Any other resource (a raw provider class the checks read) gets them as
// an override, as before. Why not an override always: cdktf merges every resource's overrides
// separately, resolves a metadata entry per overridden resource and lists each overridden key
// of every resource in the stack's `"//".metadata.overrides`, which at a thousand tokens was a
// measurable share of synth (issue 14, bench/RESULTS.md). The JSON under the block's `"//"` is the same either way
// (test/bindings/block-comments.test.ts). The first override of anything under `"//"` moves
// the records into the overrides, in the order they were written, so that it replaces or
// edits them exactly as it did when they were overrides (cdktf merges an override into the
// attributes, which appends to a list instead of replacing it).

const WRITERS = new WeakSet<TerraformResource>();
const COMMENTS = new WeakMap<TerraformResource, Record<string, unknown>>();

/** Called by a binding that writes its own comments into its block (see {@link mergeCommentsInto}). */
export function writesOwnComments(resource: TerraformResource): void {
  WRITERS.add(resource);
}

/** Records `value` under `"//".<key>` of the resource's block. */
export function writeComment(resource: TerraformResource, key: string, value: unknown): void {
  if (!WRITERS.has(resource)) {
    resource.addOverride(`//.${key}`, value);
    return;
  }
  const comments = COMMENTS.get(resource) ?? {};
  comments[key] = value;
  COMMENTS.set(resource, comments);
}

/**
 * Before an override under `"//"`: moves the recorded comments into the overrides with `add`
 * (the binding's own `addOverride`), and writes every later one there too.
 */
export function commentsBecomeOverrides(resource: TerraformResource, add: (path: string, value: unknown) => void): void {
  if (!WRITERS.delete(resource)) return;
  const comments = COMMENTS.get(resource) ?? {};
  COMMENTS.delete(resource);
  for (const [key, value] of Object.entries(comments)) add(`//.${key}`, value);
}

/**
 * Merges the comments recorded for `resource` into its synthesized block (`toTerraform()`
 * output) under `"//"`, as cdktf merges an override (util.js `deepMerge`).
 */
export function mergeCommentsInto(resource: TerraformResource, synthesized: unknown): void {
  const comments = COMMENTS.get(resource);
  if (comments === undefined) return;
  const block = (synthesized as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  if (block === undefined) return;
  const slash = isPlainObject(block['//']) ? block['//'] : {};
  mergeAsOverride(slash, comments);
  block['//'] = slash;
}

/** cdktf's override merge: objects merge key by key, a list is appended to a list, anything else replaces. */
function mergeAsOverride(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      mergeAsOverride(target[key] as Record<string, unknown>, value);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(target[key]) ? [...(target[key] as unknown[]), ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
