import { createHash } from 'crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'fs';
import { basename, dirname, join, relative, resolve, sep } from 'path';
import { TOKEN_TYPES } from './token-types';

/**
 * Something in a stack that can hold or mint a token where the reviewer cannot see it: a
 * module (its resources are not in the stack's JSON), a provisioner (runs commands), a
 * resource type that may create tokens or call APIs, or a Terraform file next to the
 * synthesized one (Terraform loads every `*.tf` / `*.tf.json` of the directory).
 */
export interface StackItem {
  readonly stack: string;
  readonly kind: 'module' | 'provisioner' | 'token-capable resource' | 'extra Terraform file' | 'Cloudflare provider' | 'Terraform settings' | 'removed block' | 'moved block' | 'import block';
  /** In words, for the report. */
  readonly description: string;
  /** What must match between base and head for the item to count as unchanged. */
  readonly identity: string;
  /**
   * Why what the item runs cannot be compared between base and head (a module whose files are
   * outside the synth output or fetched from a mutable ref): the diff counts it as changed
   * every time it is in head (fail closed), with this reason in words.
   */
  readonly uncomparable?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Types other than the tokens read that can create credentials or run arbitrary requests. */
function tokenCapable(kind: 'resource' | 'data', type: string): boolean {
  if ((TOKEN_TYPES as readonly string[]).includes(type)) return false;
  return /token|credential|api_key/i.test(type) || (kind === 'data' && (type === 'external' || type === 'http')) || /^(restapi|http|shell|exec)_/.test(type);
}

function hash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A hash of every file under `dir` (names and bytes), iteratively; `undefined` when it cannot be read. */
function hashDirectory(dir: string): string | undefined {
  try {
    const h = createHash('sha256');
    const work = [dir];
    const files: string[] = [];
    while (work.length > 0) {
      const current = work.pop()!;
      for (const entry of readdirSync(current, { withFileTypes: true })) {
        const path = join(current, entry.name);
        if (entry.isDirectory()) work.push(path);
        else files.push(path);
      }
    }
    files.sort();
    // Regular files by content; anything else (a symbolic link, a device) by what it is, never
    // followed: a link to /dev/zero or outside the output must not be read.
    for (const file of files) {
      const stat = lstatSync(file);
      h.update(`${relative(dir, file)}\n`);
      if (stat.isFile()) h.update(readFileSync(file));
      else h.update(stat.isSymbolicLink() ? `link to ${readlinkSync(file)}` : 'not a regular file');
    }
    return h.digest('hex').slice(0, 16);
  } catch {
    return undefined;
  }
}

/** A module source with any `user:password@` in a URL masked: a report must not carry credentials. */
export function redactSource(source: string): string {
  return source.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
}

/** A git source (go-getter's forms) whose `ref` is a full commit hash: the one remote form that always fetches the same code. */
const PINNED_GIT = /^(git::|git@|github\.com\/|bitbucket\.org\/)[^?]*\?(.*&)?ref=([0-9a-f]{40}|[0-9a-f]{64})(&|$)/;

/**
 * A module's source in words, and, when what it runs cannot be compared between base and head,
 * why: its files are outside the synth output (an absolute path, `../` out of it) or unreadable,
 * or it is fetched from a mutable place (a registry version, a branch or tag, an archive URL: a
 * module registry answers each version with any download address it likes,
 * https://developer.hashicorp.com/terraform/internals/module-registry-protocol). Such a
 * module may run other code while its block reads the same, so the diff counts it as changed.
 * A local module inside the synth output is compared by the hash of its files.
 */
function moduleSource(body: Json, stackDir: string, outDir: string): { text: string; uncomparable?: string } {
  if (typeof body.source !== 'string') return { text: redactSource(JSON.stringify(body.source) ?? 'unset'), uncomparable: 'its source is not a literal path or address' };
  const source = redactSource(body.source);
  if (source.startsWith('/')) return { text: source, uncomparable: 'its files are outside the synth output' };
  if (source.startsWith('./') || source.startsWith('../')) {
    const path = resolve(stackDir, source);
    const inside = path === outDir || path.startsWith(outDir + sep);
    if (!inside) return { text: source, uncomparable: 'its files are outside the synth output' };
    const digest = hashDirectory(path);
    return digest ? { text: `${source} (files ${digest})` } : { text: source, uncomparable: 'its files cannot be read' };
  }
  if (PINNED_GIT.test(body.source)) return { text: source };
  return { text: source, uncomparable: 'it is fetched from a place whose code can change while the source reads the same (not a git ref pinned to a full commit hash)' };
}

/** Every {@link StackItem} of one stack's configuration. */
export function findStackItems(stack: string, stackFile: string, config: Json, outDir: string): StackItem[] {
  const items: StackItem[] = [];
  const stackDir = dirname(stackFile);
  const modules = isObject(config.module) ? config.module : {};
  for (const name of Object.keys(modules)) {
    const body = isObject(modules[name]) ? modules[name] : {};
    const { '//': _meta, ...settings } = body;
    const { text, uncomparable } = moduleSource(body, stackDir, outDir);
    items.push({
      stack,
      kind: 'module',
      description: `module ${name} from ${text}${uncomparable === undefined ? '' : ` (cannot be compared: ${uncomparable})`}`,
      identity: `module ${name} ${text} ${JSON.stringify(body.source)} ${JSON.stringify(settings)}`,
      ...(uncomparable === undefined ? {} : { uncomparable }),
    });
  }
  for (const kind of ['resource', 'data'] as const) {
    const ofKind = isObject(config[kind]) ? config[kind] : {};
    for (const type of Object.keys(ofKind)) {
      const ofType = isObject(ofKind[type]) ? ofKind[type] : {};
      for (const name of Object.keys(ofType)) {
        const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
        const body = isObject(ofType[name]) ? ofType[name] : {};
        if (body.provisioner !== undefined) {
          const kinds = Array.isArray(body.provisioner) ? body.provisioner.flatMap((p) => (isObject(p) ? Object.keys(p) : [])) : Object.keys(isObject(body.provisioner) ? body.provisioner : {});
          items.push({
            stack,
            kind: 'provisioner',
            description: `provisioner ${[...new Set(kinds)].join(', ') || '(unreadable)'} in ${address}`,
            identity: `provisioner ${address} ${JSON.stringify(body.provisioner)}`,
          });
        }
        if (tokenCapable(kind, type)) {
          const { '//': _meta, ...settings } = body;
          items.push({ stack, kind: 'token-capable resource', description: `${address} (may create a credential or call an API)`, identity: `${address} ${JSON.stringify(settings)}` });
        }
      }
    }
  }
  // The provider's credentials decide whose tokens these are (a user token belongs to the
  // provider's user): a change there moves every token of the stack to someone else.
  const providers = isObject(config.provider) ? config.provider : {};
  if (providers.cloudflare !== undefined) {
    const settings = JSON.stringify(providers.cloudflare);
    items.push({ stack, kind: 'Cloudflare provider', description: `provider cloudflare (settings ${hash(settings)})`, identity: `provider cloudflare ${settings}` });
  }
  items.push(terraformSettings(stack, config.terraform));
  for (const item of addressBlocks(stack, config)) items.push(item);
  for (const item of extraTerraformFiles(stack, stackFile)) items.push(item);
  return items;
}

/**
 * Top-level `removed`, `moved` and `import` blocks: they change what Terraform does to existing
 * objects without a resource block saying so. A `removed` block with `destroy = false` makes
 * Terraform forget a token without deleting it (the credential stays alive, unmanaged), so the
 * token reads as "removed" while nothing was revoked; `moved` and `import` re-point state.
 * A `removed` block may also carry destroy-time provisioners (commands).
 * https://developer.hashicorp.com/terraform/language/block/removed
 */
function addressBlocks(stack: string, config: Json): StackItem[] {
  const items: StackItem[] = [];
  for (const kind of ['removed', 'moved', 'import'] as const) {
    const value = config[kind];
    if (value === undefined) continue;
    const blocks = Array.isArray(value) ? value : [value];
    blocks.forEach((block, i) => {
      const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? 'unset' : JSON.stringify(v));
      let description: string;
      if (!isObject(block)) description = `${kind} block ${i}: unreadable`;
      else if (kind === 'removed') description = `${describeRemoved(block, text)}${block.provisioner !== undefined ? '; runs a destroy-time provisioner' : ''}`;
      else if (kind === 'moved') description = `moved ${text(block.from)} to ${text(block.to)}`;
      else description = `import ${text(block.id)} into ${text(block.to)}${block.provider !== undefined ? ` with provider ${text(block.provider)}` : ''}`;
      items.push({ stack, kind: `${kind} block`, description: redactSource(description), identity: `${kind} ${canonicalJson(block)}` });
    });
  }
  return items;
}

function describeRemoved(block: Json, text: (v: unknown) => string): string {
  const from = text(block.from);
  const lifecycle = isObject(block.lifecycle) ? block.lifecycle : undefined;
  const destroy = lifecycle?.destroy;
  const token = (TOKEN_TYPES as readonly string[]).some((type) => from.startsWith(`${type}.`));
  const what = token ? 'the token' : from.startsWith('module.') ? 'every resource of the module (tokens included)' : 'the resource';
  if (block.lifecycle !== undefined && !isObject(lifecycle)) return `removed ${from} with an unreadable lifecycle`;
  if (destroy === false) return `removed ${from} with destroy = false: Terraform forgets ${what} but does NOT delete it; ${token ? 'the credential stays alive, unmanaged' : 'it stays alive, unmanaged'}`;
  if (destroy === undefined || destroy === true) return `removed ${from}: Terraform destroys ${what}`;
  return `removed ${from} with destroy = ${text(destroy)} (not a literal: it may be kept alive, unmanaged)`;
}

/** JSON with object keys sorted, so that the same settings written in another order compare equal. */
function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  return JSON.stringify(canonical(value)) ?? 'undefined';
}

/**
 * The stack's `terraform` block: its required providers decide which code runs with the
 * provider's credentials (a `source` of attacker/cloudflare is someone else's provider) and its
 * backend or cloud block where the state goes (the state holds every token value). Always an
 * item, present or not, so that adding, changing or dropping any of it is a stack change.
 */
function terraformSettings(stack: string, block: unknown): StackItem {
  const identity = `terraform ${canonicalJson(block)}`;
  if (block === undefined) return { stack, kind: 'Terraform settings', description: 'terraform block: none (default providers, local state)', identity };
  const blocks = Array.isArray(block) ? block : [block];
  const words: string[] = [];
  for (const b of blocks) {
    if (!isObject(b)) {
      words.push('unreadable terraform block');
      continue;
    }
    const providers = Array.isArray(b.required_providers) ? b.required_providers : [b.required_providers];
    for (const p of providers) {
      if (p === undefined) continue;
      if (!isObject(p)) {
        words.push('required providers unreadable');
        continue;
      }
      for (const name of Object.keys(p).sort()) {
        const r = p[name];
        const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? 'unset' : JSON.stringify(v));
        words.push(isObject(r) ? `${name} = ${text(r.source)} ${text(r.version)}` : `${name} = ${text(r)}`);
      }
    }
    for (const key of ['backend', 'cloud'] as const) {
      if (b[key] === undefined) continue;
      const kinds = key === 'backend' && isObject(b.backend) ? Object.keys(b.backend).join(', ') : '';
      words.push(key === 'backend' ? `backend ${kinds || '(unreadable)'}` : 'cloud (HCP Terraform)');
    }
  }
  return { stack, kind: 'Terraform settings', description: `terraform block: ${redactSource(words.join('; ') || 'no providers or backend')} (settings ${hash(identity)})`, identity };
}

/** Terraform files beside the synthesized one, which Terraform would load with it. */
function extraTerraformFiles(stack: string, stackFile: string): StackItem[] {
  const dir = dirname(stackFile);
  const items: StackItem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names.sort()) {
    if (name === basename(stackFile) || !/\.tf(\.json)?$/.test(name)) continue;
    const file = join(dir, name);
    let digest = 'unreadable';
    try {
      const stat = lstatSync(file);
      // Never followed: a link (to /dev/zero, or out of the output) is identified by its target.
      digest = stat.isFile() ? hash(readFileSync(file)) : stat.isSymbolicLink() ? `link to ${readlinkSync(file)}` : 'not a regular file';
    } catch {
      // an unreadable file is still reported, as unreadable
    }
    items.push({ stack, kind: 'extra Terraform file', description: `${name} beside the synthesized configuration (Terraform loads it too)`, identity: `file ${name} ${digest}` });
  }
  return items;
}
