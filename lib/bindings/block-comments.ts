import { TerraformResource } from '../framework';

// Records for readers of the synthesized JSON under a block's `"//"` key, which Terraform
// ignores (`"//"` summary, preset, rotation and least-privilege records of the token resources).
//
// Our own bindings write them together with their attributes. Any other resource (a raw
// provider class the checks read) gets them as an override, as before. Why not an override
// always: cdktf merges every resource's overrides separately, resolves a metadata entry per
// overridden resource and lists each overridden key of every resource in the stack's
// `"//".metadata.overrides`, which at a thousand tokens was a measurable share of synth
// (issue 14, bench/RESULTS.md). The JSON under the block's `"//"` is the same either way
// (test/bindings/block-comments.test.ts). The first override of anything under `"//"` moves
// the records into the overrides, in the order they were written, so that it replaces or
// edits them exactly as it did when they were overrides (cdktf merges an override into the
// attributes, which appends to a list instead of replacing it).

const WRITERS = new WeakSet<TerraformResource>();
const COMMENTS = new WeakMap<TerraformResource, Record<string, unknown>>();

/** Called by a binding that writes its own comments (see {@link commentsOf}). */
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

/** What a binding writes under its block's `"//"`; `undefined` when nothing was recorded. */
export function commentsOf(resource: TerraformResource): Record<string, unknown> | undefined {
  const comments = COMMENTS.get(resource);
  return comments === undefined ? undefined : { ...comments };
}
