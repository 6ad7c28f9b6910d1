import { createHash } from 'crypto';
import { redactSource } from './stack-items';
import { interpolations, resourceMentions } from '../validate/terraform-references';
import { TOKEN_TYPES } from './token-types';

/** One place a token's value goes: an output, a secret, any other block that references it. */
export interface Delivery {
  /** Where, in words: `GitHub Actions secret CF_TOKEN of repository infra`, `output dns_value (sensitive)`. */
  readonly place: string;
  /** `value` when `.value` is referenced; `resource` when the whole token object is (it holds the value). */
  readonly via: 'value' | 'resource';
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What Terraform ignores or reads as ordering only, at the top level of a block body: a
 * comment (`"//"`, ignored only there) and `depends_on`; `replace_triggered_by` only inside
 * the `lifecycle` block. Anywhere else these keys are data (a `"//"` key inside an attribute
 * value is a map key like any other, and passes its value on).
 */
const BODY_NOT_VALUES = new Set(['//', 'depends_on']);

/**
 * A traversal: identifiers joined by dots (`github_actions_secret.s.plaintext_value`,
 * `data.http.x.body`). Every two consecutive parts (three after `data`) are a candidate
 * address, wherever they start in the chain; only candidates naming a block of the stack are
 * kept, so reading too many costs a set lookup, never a wrong "nowhere".
 */
const TRAVERSAL = /[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/g;

/** Adds to `into` every block address of `known` that the traversal `chain` may start with, at any of its parts. */
function addressesIn(chain: string, known: ReadonlySet<string>, into: Set<string>): void {
  const parts = chain.split('.');
  for (let i = 0; i + 1 < parts.length; i++) {
    const pair = `${parts[i]}.${parts[i + 1]}`;
    if (known.has(pair)) into.add(pair);
    if (parts[i] === 'data' && i + 2 < parts.length) {
      const data = `${pair}.${parts[i + 2]}`;
      if (known.has(data)) into.add(data);
    }
  }
}

/** A block of the stack and the references its strings hold. */
interface Block {
  /** `output.x`, `local.x`, `module.x`, `resource.<type>.<name>`, `data.<type>.<name>`, `provider.<type>`, `check.x`, `variable.x`. */
  readonly id: string;
  /** The place in words, built on first use: most blocks (every token, for one) are never a place of any token's value. */
  readonly place: () => string;
  /** Token address -> how it is referenced. */
  readonly tokens: Map<string, 'value' | 'resource'>;
  /** Addresses of other blocks of the stack (`local.x`, `module.x`, `<type>.<name>`, `data.<type>.<name>`) whose attributes this one reads. */
  readonly reads: Set<string>;
  /** The address others reference this block by; none for outputs, providers, checks, variables. */
  readonly address?: string;
  /** Whether it is a place of its own in the report (a local is not: it only passes values on). */
  readonly listed: boolean;
}

/**
 * Every string in `value`, object keys included: in Terraform JSON the property names of an
 * object value are templates too (`{"${x.value}": 1}` has the value as its key; checked with
 * terraform 1.11.4, and HCL's JSON spec). When `value` is a block body, the keys Terraform
 * ignores or reads as ordering at its top level (and `lifecycle.replace_triggered_by`) are
 * skipped; nothing deeper is. Iterative: no depth limit.
 */
function stringsOf(value: unknown, isBody: boolean, visit: (s: string) => void): void {
  const stack: unknown[] = [];
  if (isBody && isObject(value)) {
    for (const key of Object.keys(value)) {
      if (BODY_NOT_VALUES.has(key)) continue;
      const v = value[key];
      if (key === 'lifecycle' && isObject(v)) {
        for (const k of Object.keys(v)) if (k !== 'replace_triggered_by') stack.push(v[k]);
      } else stack.push(v);
    }
  } else stack.push(value);
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') visit(item);
    else if (Array.isArray(item)) for (const v of item) stack.push(v);
    else if (isObject(item)) {
      for (const key of Object.keys(item)) {
        visit(key);
        stack.push(item[key]);
      }
    }
  }
}

/**
 * `isBody`: `body` is a block body (output, module, resource, data source), not a value (a
 * local) or a provider list. `known`: the addresses of the stack's blocks, so that only
 * references to them are kept.
 */
function block(known: ReadonlySet<string>, id: string, describe: () => string, body: unknown, address?: string, isBody = true): Block {
  const tokens = new Map<string, 'value' | 'resource'>();
  const reads = new Set<string>();
  stringsOf(body, isBody, (text) => {
    if (!text.includes('.')) return;
    // Any mention but `.id` / `.name` carries the value (spaces and comments inside `${...}` included).
    for (const { address: token, via } of resourceMentions(text, TOKEN_TYPES)) {
      if (via === 'metadata') continue;
      if (via === 'value' || tokens.get(token) !== 'value') tokens.set(token, via);
    }
    for (const source of text.includes('{') ? [text, ...interpolations(text)] : [text]) {
      for (const m of source.matchAll(TRAVERSAL)) addressesIn(m[0], known, reads);
    }
  });
  if (address !== undefined) reads.delete(address);
  let place: string | undefined;
  return { id, place: () => (place ??= describe()), tokens, reads, address, listed: !id.startsWith('local.') };
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Settings that say where something goes, shown as they are; every other setting only as a hash (it may be a secret). */
const WHERE = /^(repository|environment|secret_name|name|owner|organization|project|bucket|zone_id|account_id|key|path)$/;

/**
 * The top-level settings of a block, so that a destination that moves reads as a new place:
 * where-settings in words, the rest as a hash of their JSON (never their values: a literal
 * password of another resource must not reach a report).
 */
function settings(body: Json): string {
  const shown: string[] = [];
  const hidden: string[] = [];
  for (const key of Object.keys(body).sort()) {
    if (BODY_NOT_VALUES.has(key)) continue;
    const v = body[key];
    if (WHERE.test(key) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) shown.push(`${key}=${JSON.stringify(v)}`);
    else hidden.push(`${key}=${JSON.stringify(v)}`);
  }
  if (hidden.length > 0) shown.push(`other settings ${createHash('sha256').update(hidden.join('\n')).digest('hex').slice(0, 12)}`);
  return shown.length === 0 ? '' : ` (${shown.join(', ')})`;
}

function resourcePlace(type: string, name: string, body: Json): string {
  if (type === 'github_actions_secret') return `GitHub Actions secret ${quoted(body.secret_name)} of repository ${quoted(body.repository)} (${type}.${name})`;
  if (type === 'github_actions_environment_secret') {
    return `GitHub Actions secret ${quoted(body.secret_name)} of environment ${quoted(body.environment)} of repository ${quoted(body.repository)} (${type}.${name})`;
  }
  return `${type}.${name}${settings(body)}`;
}

/** The blocks of one kind (`resource`, `data`): `[type, name, body]` of each. */
function typedBlocks(config: Json, kind: 'resource' | 'data'): [string, string, Json][] {
  const out: [string, string, Json][] = [];
  const ofKind = isObject(config[kind]) ? config[kind] : {};
  for (const type of Object.keys(ofKind)) {
    const ofType = isObject(ofKind[type]) ? ofKind[type] : {};
    for (const name of Object.keys(ofType)) out.push([type, name, isObject(ofType[name]) ? ofType[name] : {}]);
  }
  return out;
}

function namesOf(config: Json, kind: string): [string, unknown][] {
  const of = config[kind];
  return isObject(of) ? Object.keys(of).map((name) => [name, of[name]]) : [];
}

/** Every block of a stack that may receive a value. */
function blocksOf(config: Json): Block[] {
  const resources = typedBlocks(config, 'resource');
  const dataSources = typedBlocks(config, 'data');
  const locals = namesOf(config, 'locals');
  const modules = namesOf(config, 'module');
  // Everything another block can read an attribute of: any of them may hold a value it was given.
  const known = new Set<string>([
    ...resources.map(([type, name]) => `${type}.${name}`),
    ...dataSources.map(([type, name]) => `data.${type}.${name}`),
    ...locals.map(([name]) => `local.${name}`),
    ...modules.map(([name]) => `module.${name}`),
  ]);
  const blocks: Block[] = [];
  for (const [name, value] of namesOf(config, 'output')) {
    const body = isObject(value) ? value : {};
    blocks.push(block(known, `output.${name}`, () => `output ${name}${body.sensitive === true ? ' (sensitive)' : ' (NOT sensitive)'}`, value));
  }
  for (const [name, value] of locals) blocks.push(block(known, `local.${name}`, () => `local ${name}`, value, `local.${name}`, false));
  for (const [name, value] of modules) {
    const body = isObject(value) ? value : {};
    blocks.push(block(known, `module.${name}`, () => `module ${name} (source ${redactSource(quoted(body.source))})`, value, `module.${name}`));
  }
  for (const [type, name, body] of resources) blocks.push(block(known, `resource.${type}.${name}`, () => resourcePlace(type, name, body), body, `${type}.${name}`));
  for (const [type, name, body] of dataSources) blocks.push(block(known, `data.${type}.${name}`, () => `data.${resourcePlace(type, name, body)}`, body, `data.${type}.${name}`));
  // A check's assertion messages are printed by every plan; a variable's validation may read other blocks (Terraform >= 1.9).
  for (const [name, value] of namesOf(config, 'check')) blocks.push(block(known, `check.${name}`, () => `check ${name} (its messages are printed by every plan)`, value));
  for (const [name, value] of namesOf(config, 'variable')) blocks.push(block(known, `variable.${name}`, () => `variable ${name}`, value));
  for (const [type, value] of namesOf(config, 'provider')) blocks.push(block(known, `provider.${type}`, () => `provider ${type}`, value, undefined, false));
  return blocks;
}

/** Token address -> how it reaches a block (`value` wins over `resource`). */
type Reaching = Map<string, 'value' | 'resource'>;

/**
 * The strongly connected components of a graph of `n` nodes (Tarjan's algorithm with an
 * explicit stack: no recursion), numbered so that every edge goes from a higher number to a
 * lower or the same one: descending numbers are a topological order of the components.
 */
function components(n: number, next: readonly (readonly number[])[]): { component: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // Frames: [node, position in its successor list].
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const [v, i] = frame;
      if (i < next[v].length) {
        frame[1]++;
        const w = next[v][i];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { component, count };
}

/**
 * For every token address of a stack, the places its value goes: any output, resource, data
 * source, module input, check, variable or provider setting whose strings reference
 * `<token>.value` or the whole token object (which holds the value), directly or through any
 * chain of blocks reading an attribute (whatever the attribute) of a block that received it:
 * a secret copied from another secret, a data source, a local, a module output, a
 * `terraform_data` output. Every string of the stack is scanned once; then the tokens reaching
 * each block are carried along the references once, in topological order of the blocks'
 * strongly connected components (a cycle is one component, so it ends), a block with a single
 * source sharing that source's set: a chain of thousands of locals costs no more than its
 * length, whatever the number of tokens. No recursion.
 */
export function findDeliveries(config: Json): Map<string, Delivery[]> {
  const blocks = blocksOf(config);
  const indexOf = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (b.address !== undefined) indexOf.set(b.address, i);
  });
  // Edges from a block to the blocks that read it.
  const next: number[][] = blocks.map(() => []);
  blocks.forEach((b, i) => {
    for (const address of b.reads) {
      const from = indexOf.get(address);
      if (from !== undefined) next[from].push(i);
    }
  });
  const { component, count } = components(blocks.length, next);
  const members: number[][] = Array.from({ length: count }, () => []);
  blocks.forEach((_, i) => members[component[i]].push(i));

  // What reaches each component (its blocks' own mentions of tokens, and what the components it
  // reads pass on), and what it passes on in turn.
  const reached: (Reaching | undefined)[] = new Array(count);
  const passed: (Reaching | undefined)[] = new Array(count);
  const sources: number[][] = Array.from({ length: count }, () => []);
  for (let c = count - 1; c >= 0; c--) {
    const own: Reaching = new Map();
    for (const i of members[c]) for (const [token, via] of blocks[i].tokens) if (via === 'value' || own.get(token) !== 'value') own.set(token, via);
    const from = [...new Set(sources[c])].map((s) => passed[s]).filter((r): r is Reaching => r !== undefined && r.size > 0);
    let set: Reaching | undefined;
    if (own.size === 0 && from.length <= 1) set = from[0];
    else {
      set = own;
      for (const r of from) for (const [token, via] of r) if (via === 'value' || set.get(token) !== 'value') set.set(token, via);
    }
    reached[c] = set;
    // A token passes on what reaches it, never its own value (that is its deliveries, not a chain).
    const tokensHere = members[c].map((i) => blocks[i].address).filter((a): a is string => a !== undefined && set?.has(a) === true);
    if (set !== undefined && tokensHere.length > 0) {
      const without = new Map(set);
      for (const a of tokensHere) without.delete(a);
      passed[c] = without;
    } else passed[c] = set;
    for (const i of members[c]) for (const j of next[i]) if (component[j] !== c) sources[component[j]].push(c);
  }

  const result = new Map<string, Delivery[]>();
  blocks.forEach((b, i) => {
    const set = reached[component[i]];
    if (!b.listed || set === undefined) return;
    for (const [token, via] of set) {
      if (token === b.address) continue;
      const list = result.get(token);
      const delivery = { place: b.place(), via };
      if (list) list.push(delivery);
      else result.set(token, [delivery]);
    }
  });
  for (const [address, list] of result) {
    const unique = new Map<string, Delivery>();
    for (const d of list) {
      const prior = unique.get(d.place);
      if (!prior || (prior.via === 'resource' && d.via === 'value')) unique.set(d.place, d);
    }
    result.set(address, [...unique.values()].sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0)));
  }
  return result;
}

/** A delivery in words. */
export function describeDelivery(delivery: Delivery): string {
  return delivery.via === 'value' ? delivery.place : `${delivery.place} (references the whole token resource, value included)`;
}
