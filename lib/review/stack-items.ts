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
  readonly kind: 'module' | 'provisioner' | 'token-capable resource' | 'extra Terraform file' | 'Cloudflare provider';
  /** In words, for the report. */
  readonly description: string;
  /** What must match between base and head for the item to count as unchanged. */
  readonly identity: string;
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

/** A module's source, and for a local one inside the synth output the hash of its files (its code may change while its block does not). */
function moduleSource(body: Json, stackDir: string, outDir: string): string {
  const source = redactSource(typeof body.source === 'string' ? body.source : JSON.stringify(body.source) ?? 'unset');
  if (typeof body.source === 'string' && source.startsWith('/')) return `${source} (files outside the synth output: not compared)`;
  if (typeof body.source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return source;
  const path = resolve(stackDir, source);
  const inside = path === outDir || path.startsWith(outDir + sep);
  const digest = inside ? hashDirectory(path) : undefined;
  return `${source} (${digest ? `files ${digest}` : 'files unreadable'})`;
}

/** Every {@link StackItem} of one stack's configuration. */
export function findStackItems(stack: string, stackFile: string, config: Json, outDir: string): StackItem[] {
  const items: StackItem[] = [];
  const stackDir = dirname(stackFile);
  const modules = isObject(config.module) ? config.module : {};
  for (const name of Object.keys(modules)) {
    const body = isObject(modules[name]) ? modules[name] : {};
    const { '//': _meta, ...settings } = body;
    const source = moduleSource(body, stackDir, outDir);
    items.push({ stack, kind: 'module', description: `module ${name} from ${source}`, identity: `module ${name} ${source} ${JSON.stringify(body.source)} ${JSON.stringify(settings)}` });
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
  for (const item of extraTerraformFiles(stack, stackFile)) items.push(item);
  return items;
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
