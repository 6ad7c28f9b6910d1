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

/**
 * For every token address of a stack, the places its value goes: any output, resource, data
 * source, module input, check, variable or provider setting whose strings reference
 * `<token>.value` or the whole token object (which holds the value), directly or through any
 * chain of blocks reading an attribute (whatever the attribute) of a block that received it:
 * a secret copied from another secret, a data source, a local, a module output, a
 * `terraform_data` output. Every string of the stack is scanned once, and each token's walk
 * visits each block and reference at most once (cycles end there), so the cost is linear in
 * the size of the stack plus the size of the answer.
 */
export function findDeliveries(config: Json): Map<string, Delivery[]> {
  const blocks = blocksOf(config);
  const byAddress = new Map<string, Block>();
  for (const b of blocks) if (b.address !== undefined) byAddress.set(b.address, b);
  const readers = new Map<string, Block[]>();
  const starts = new Map<string, { value: Block[]; resource: Block[] }>();
  for (const b of blocks) {
    for (const address of b.reads) {
      const list = readers.get(address);
      if (list) list.push(b);
      else readers.set(address, [b]);
    }
    for (const [address, via] of b.tokens) {
      const entry = starts.get(address) ?? { value: [], resource: [] };
      entry[via].push(b);
      starts.set(address, entry);
    }
  }
  const result = new Map<string, Delivery[]>();
  for (const [address, entry] of starts) {
    const list: Delivery[] = [];
    // The token itself never receives its own value; a block reached through `.value` anywhere is listed as such.
    const token = byAddress.get(address);
    const seen = new Set<Block>(token ? [token] : []);
    for (const via of ['value', 'resource'] as const) {
      // Worklist, no recursion: from the blocks naming the token to every block reading them on.
      const work = entry[via].filter((b) => !seen.has(b));
      for (const b of work) seen.add(b);
      while (work.length > 0) {
        const current = work.pop()!;
        if (current.listed) list.push({ place: current.place(), via });
        if (current.address === undefined) continue;
        for (const next of readers.get(current.address) ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            work.push(next);
          }
        }
      }
    }
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
