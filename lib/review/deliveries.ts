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

// References to blocks that pass values on unchanged: locals, modules, terraform_data / null_resource.
const PASS_REF = /\b(local|module|terraform_data|null_resource)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** A block of the stack and the references its strings hold. */
interface Block {
  /** `output.x`, `local.x`, `module.x`, `resource.<type>.<name>`, `data.<type>.<name>`, `provider.<type>`. */
  readonly id: string;
  readonly place: string;
  /** Token address -> how it is referenced. */
  readonly tokens: Map<string, 'value' | 'resource'>;
  /** `local.x`, `module.x`, `terraform_data.x`: blocks whose value this one reads. */
  readonly passes: Set<string>;
  /** The address others reference this block by, when it passes values on. */
  readonly passAddress?: string;
}

/**
 * Every string in `value`. When `value` is a block body, the keys Terraform ignores or reads as
 * ordering at its top level (and `lifecycle.replace_triggered_by`) are skipped; nothing
 * deeper is. Iterative: no depth limit.
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
    else if (isObject(item)) for (const key of Object.keys(item)) stack.push(item[key]);
  }
}

/** `isBody`: `body` is a block body (output, module, resource, data source), not a value (a local) or a provider list. */
function block(id: string, place: string, body: unknown, passAddress?: string, isBody = true): Block {
  const tokens = new Map<string, 'value' | 'resource'>();
  const passes = new Set<string>();
  stringsOf(body, isBody, (text) => {
    if (!text.includes('.')) return;
    // Any mention but `.id` / `.name` carries the value (spaces and comments inside `${...}` included).
    for (const { address, via } of resourceMentions(text, TOKEN_TYPES)) {
      if (via === 'metadata') continue;
      if (via === 'value' || tokens.get(address) !== 'value') tokens.set(address, via);
    }
    for (const source of text.includes('{') ? [text, ...interpolations(text)] : [text]) for (const m of source.matchAll(PASS_REF)) passes.add(`${m[1]}.${m[2]}`);
  });
  return { id, place, tokens, passes, passAddress };
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

/** Every block of a stack that may receive a value. */
function blocksOf(config: Json): Block[] {
  const blocks: Block[] = [];
  const outputs = isObject(config.output) ? config.output : {};
  for (const name of Object.keys(outputs)) {
    const body = isObject(outputs[name]) ? outputs[name] : {};
    blocks.push(block(`output.${name}`, `output ${name}${body.sensitive === true ? ' (sensitive)' : ' (NOT sensitive)'}`, outputs[name]));
  }
  const locals = isObject(config.locals) ? config.locals : {};
  for (const name of Object.keys(locals)) blocks.push(block(`local.${name}`, `local ${name}`, locals[name], `local.${name}`, false));
  const modules = isObject(config.module) ? config.module : {};
  for (const name of Object.keys(modules)) {
    const body = isObject(modules[name]) ? modules[name] : {};
    blocks.push(block(`module.${name}`, `module ${name} (source ${redactSource(quoted(body.source))})`, modules[name], `module.${name}`));
  }
  for (const [kind, prefix] of [
    ['resource', ''],
    ['data', 'data.'],
  ] as const) {
    const ofKind = isObject(config[kind]) ? config[kind] : {};
    for (const type of Object.keys(ofKind)) {
      const ofType = isObject(ofKind[type]) ? ofKind[type] : {};
      for (const name of Object.keys(ofType)) {
        const body = isObject(ofType[name]) ? ofType[name] : {};
        const passAddress = kind === 'resource' && (type === 'terraform_data' || type === 'null_resource') ? `${type}.${name}` : undefined;
        blocks.push(block(`${kind}.${type}.${name}`, `${prefix}${resourcePlace(type, name, body)}`, body, passAddress));
      }
    }
  }
  const providers = isObject(config.provider) ? config.provider : {};
  for (const type of Object.keys(providers)) blocks.push(block(`provider.${type}`, `provider ${type}`, providers[type], undefined, false));
  return blocks;
}

/**
 * For every token address of a stack, the places its value goes: any output, resource, data
 * source, module input or provider setting whose strings reference `<token>.value`, or the
 * whole token object (which holds the value), directly or through locals, modules and
 * `terraform_data` / `null_resource` (which pass values on). Found by scanning every string
 * of the stack once, so the cost is linear in the size of the stack.
 */
export function findDeliveries(config: Json): Map<string, Delivery[]> {
  const blocks = blocksOf(config);
  const readers = new Map<string, Block[]>();
  for (const b of blocks) {
    for (const address of b.passes) {
      const list = readers.get(address);
      if (list) list.push(b);
      else readers.set(address, [b]);
    }
  }
  const result = new Map<string, Delivery[]>();
  for (const start of blocks) {
    for (const [address, via] of start.tokens) {
      // Walk from the block that references the token to every block reading it on (worklist, no recursion).
      const seen = new Set<string>([start.id]);
      const work: Block[] = [start];
      while (work.length > 0) {
        const current = work.pop()!;
        if (!current.id.startsWith('local.')) {
          const list = result.get(address) ?? [];
          list.push({ place: current.place, via });
          result.set(address, list);
        }
        if (!current.passAddress) continue;
        for (const next of readers.get(current.passAddress) ?? []) {
          if (!seen.has(next.id)) {
            seen.add(next.id);
            work.push(next);
          }
        }
      }
    }
  }
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
