import { createHash } from 'crypto';
import { existsSync, realpathSync, statSync } from 'fs';
import { isAbsolute, join, resolve, sep } from 'path';
import { findDeliveries } from './deliveries';
import { GrantTarget, RecordedFinding, RecordedSuppression, ReviewedOwner, ReviewedPolicy, ReviewedToken, StackChecks, SynthOutput } from './model';
import { grantedPermission } from './permission-names';
import { parseJsonText, readJsonFile } from './read-json-file';
import { isExpression, parseResourceKeys } from './resource-keys';
import { ReviewInputError } from './review-input-error';
import { readRotationSchedule } from './rotation-schedule';
import { recomputeFindings, synthesizedTokenFacts, unrecordedFindings } from './recompute-findings';
import { findStackItems, StackItem } from './stack-items';
import { TOKEN_TYPES } from './token-types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads every Cloudflare token of every stack of a `cdktf synth` output directory
 * (`manifest.json` and the `cdk.tf.json` of each stack it lists): tokens made with this
 * library's constructs and raw `cloudflare_api_token` / `cloudflare_account_token`
 * resources alike. Only the attributes a reviewer needs are copied; nothing else (in
 * particular no `value`) reaches the model.
 *
 * @throws ReviewInputError when the directory is missing, is not a synth output, or a file
 *   in it is malformed; the message names the file and what is wrong.
 */
export function readSynthOutput(dir: string): SynthOutput {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new ReviewInputError(dir, 'no such directory (pass the directory `cdktf synth` wrote, usually cdktf.out)');
  }
  if (!isDirectory) throw new ReviewInputError(dir, 'is not a directory (pass the directory `cdktf synth` wrote, usually cdktf.out)');

  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new ReviewInputError(manifestFile, 'missing: the directory is not a cdktf synth output (run `cdktf synth` and pass its output directory, usually cdktf.out)');
  }
  const manifest = readJsonFile(manifestFile);
  if (!isObject(manifest) || !isObject(manifest.stacks)) {
    throw new ReviewInputError(manifestFile, 'has no "stacks" object: not a cdktf synth manifest');
  }

  const stacks = Object.keys(manifest.stacks).sort();
  const tokens: ReviewedToken[] = [];
  const checks: StackChecks[] = [];
  const stackItems: StackItem[] = [];
  const root = realpathSync(dir);
  for (const stack of stacks) {
    const entry = manifest.stacks[stack];
    const stackPath = isObject(entry) ? entry.synthesizedStackPath : undefined;
    if (typeof stackPath !== 'string' || stackPath === '') {
      throw new ReviewInputError(manifestFile, `stack ${JSON.stringify(stack)} has no "synthesizedStackPath" string`);
    }
    const stackFile = insideDirectory(root, dir, stackPath, manifestFile, stack);
    const config = readJsonFile(stackFile);
    refuseBlockLists(stackFile, config);
    try {
      for (const token of readStackTokens(stack, stackFile, config)) tokens.push(token);
      if (isObject(config)) for (const item of findStackItems(stack, stackFile, config, root)) stackItems.push(item);
      checks.push(readStackChecks(stack, config));
    } catch (error) {
      if (error instanceof ReviewInputError) throw error;
      // A bug or a resource limit: still one line naming the file, never the content.
      throw new ReviewInputError(stackFile, `cannot be reviewed (${error instanceof Error ? error.name : 'error'}: ${error instanceof Error ? error.message.split(/[\r\n]/)[0] : String(error)})`);
    }
  }
  tokens.sort((a, b) => compare(a.stack, b.stack) || compare(a.matchKey, b.matchKey));
  return { dir, stacks, tokens, stackItems, checks };
}

/** Blocks the reviewer reads as objects of names (`resource` and `data` one level deeper: of types, then of names). */
const NAMED_BLOCKS: Record<string, number> = { resource: 2, data: 2, module: 1, output: 1, variable: 1, locals: 0 };

/**
 * Terraform JSON also accepts a list of objects wherever a block or label level is expected
 * (`"module": [{"m": {...}}]`, `"resource": {"null_resource": [{"x": {...}}]}`), and
 * merges them. The reviewer reads those levels as objects, so a list there would hide its
 * blocks: refused, naming the JSON path. `provider.<name>` lists (which cdktf writes) and
 * the blocks the reviewer does not read this way are left alone.
 */
function refuseBlockLists(file: string, config: unknown): void {
  if (!isObject(config)) return;
  const describe = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`);
  for (const kind of Object.keys(NAMED_BLOCKS)) {
    if (!(kind in config)) continue;
    // Breadth-first over the label levels: [JSON path, value, levels of labels below it].
    const work: [string, unknown, number][] = [[kind, config[kind], NAMED_BLOCKS[kind]]];
    while (work.length > 0) {
      const [path, value, depth] = work.pop()!;
      if (!isObject(value)) {
        throw new ReviewInputError(file, `${path} is ${describe(value)}, not an object: Terraform reads every element of such a list as blocks, this reviewer does not; write it as one object (refused)`);
      }
      if (depth > 0) for (const key of Object.keys(value)) work.push([`${path}.${label(key)}`, value[key], depth - 1]);
    }
  }
}

/** A key as a JSON path step: as is when it is a plain name, else quoted (escaped) and cut. */
function label(key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key)) return key;
  const quoted = JSON.stringify(key);
  return quoted.length > 60 ? `${quoted.slice(0, 57)}..."` : quoted;
}

/** The record the checks write at the root of a stack's JSON (`"//".leastPrivilege`). */
function readStackChecks(stack: string, config: unknown): StackChecks {
  const meta = isObject(config) && isObject(config['//']) ? config['//'] : {};
  const record = isObject(meta.leastPrivilege) ? meta.leastPrivilege : {};
  if (record.level === 'default' || record.level === 'strict') {
    // Only a limit other than the checks' default (365 days) is carried, and shown: it changes what CFT3 lets through.
    const days = record.maxValidityDays;
    return { stack, level: record.level, ...(typeof days === 'number' && Number.isFinite(days) && days > 0 && days !== 365 ? { maxValidityDays: days } : {}) };
  }
  if (record.level === 'off') return { stack, level: 'off', reason: typeof record.reason === 'string' ? record.reason : '(no reason recorded)' };
  return { stack, level: 'not checked' };
}

/**
 * The stack file a manifest names, refused unless it is inside the synth output directory
 * after resolving `..` and symbolic links: a manifest from the code under review must not
 * make the reviewer read (or report on) files elsewhere on the machine.
 */
function insideDirectory(root: string, dir: string, stackPath: string, manifestFile: string, stack: string): string {
  const refuse = () => {
    throw new ReviewInputError(manifestFile, `stack ${JSON.stringify(stack)} names ${JSON.stringify(stackPath)}, outside the synth output directory: refused`);
  };
  if (isAbsolute(stackPath)) refuse();
  const joined = join(dir, stackPath);
  let real: string;
  try {
    real = realpathSync(joined);
  } catch {
    real = resolve(root, stackPath);
  }
  if (!real.startsWith(root + sep)) refuse();
  return joined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readStackTokens(stack: string, file: string, config: unknown): ReviewedToken[] {
  if (!isObject(config)) throw new ReviewInputError(file, 'is not a Terraform JSON object');
  const resources = config.resource;
  if (resources === undefined) return [];
  if (!isObject(resources)) throw new ReviewInputError(file, '"resource" is not an object');
  const tokens: ReviewedToken[] = [];
  const deliveries = findDeliveries(config);
  const stackChecks = readStackChecks(stack, config);
  for (const type of TOKEN_TYPES) {
    const ofType = resources[type];
    if (ofType === undefined) continue;
    if (!isObject(ofType)) throw new ReviewInputError(file, `resource.${type} is not an object`);
    for (const name of Object.keys(ofType)) {
      const token = new TokenReader(stack, file, type, name).read(ofType[name], config);
      const { findings, recordDisagrees } = recomputedFindings(token, type, name, ofType[name] as Json, stackChecks);
      tokens.push({ ...token, deliveries: deliveries.get(token.address) ?? [], findings, ...(recordDisagrees === undefined ? {} : { recordDisagrees }) });
    }
  }
  // The construct path comes from metadata the code under review writes: two tokens claiming
  // one path are matched by their (unique) addresses too, so one cannot hide behind the other.
  const pathCount = new Map<string, number>();
  for (const t of tokens) pathCount.set(t.matchKey, (pathCount.get(t.matchKey) ?? 0) + 1);
  return tokens.map((t) => ((pathCount.get(t.matchKey) ?? 0) > 1 ? { ...t, matchKey: `${t.matchKey}#${t.address}` } : t));
}

/**
 * The token's findings with those of the reviewer's own run of the rules on its JSON added where
 * the record the checks wrote lacks them (an edited or overridden record must not read as
 * clean), and why the record cannot be believed. A token with no record in a stack whose checks
 * ran lost its record the same way.
 */
function recomputedFindings(
  token: ReviewedToken,
  type: (typeof TOKEN_TYPES)[number],
  name: string,
  resource: Json,
  stackChecks: StackChecks,
): { findings: ReviewedToken['findings']; recordDisagrees?: string } {
  const level = token.checkedAt ?? (stackChecks.level === 'default' || stackChecks.level === 'strict' ? stackChecks.level : undefined);
  const recomputed = recomputeFindings(synthesizedTokenFacts(type, name, resource, token.rotation), { level, maxValidityDays: stackChecks.maxValidityDays, rotation: token.rotation });
  const missing = unrecordedFindings(recomputed, token.findings, token.suppressions);
  const stackChecked = stackChecks.level === 'default' || stackChecks.level === 'strict';
  let recordDisagrees: string | undefined;
  if (token.checkedAt === undefined && stackChecked) {
    recordDisagrees = `the stack's checks ran at the ${stackChecks.level} level but the token carries no record of them`;
  } else if (token.checkedAt !== undefined && missing.length > 0) {
    recordDisagrees = `the rules find ${missing.map((f) => `${f.rule} (${f.finding ?? f.rule})`).join(', ')} on the token's JSON, which the record of the checks lacks`;
  }
  return { findings: missing.length === 0 ? token.findings : [...token.findings, ...missing], recordDisagrees };
}

/** Reads one token resource; every error names the file, the address and the attribute. */
class TokenReader {
  private readonly address: string;

  constructor(
    private readonly stack: string,
    private readonly file: string,
    private readonly type: (typeof TOKEN_TYPES)[number],
    name: string,
  ) {
    this.address = `${type}.${name}`;
  }

  public read(resource: unknown, stackConfig: Json): ReviewedToken {
    if (!isObject(resource)) this.fail('', 'is not an object');
    const meta = isObject(resource['//']) ? resource['//'] : {};
    const metadata = isObject(meta.metadata) ? meta.metadata : {};
    const constructPath = typeof metadata.path === 'string' ? metadata.path : undefined;
    const leastPrivilege = isObject(meta.leastPrivilege) ? meta.leastPrivilege : {};
    const condition = this.condition(resource.condition);
    const lifecycle = isObject(resource.lifecycle) ? resource.lifecycle : {};
    return {
      stack: this.stack,
      address: this.address,
      resourceType: this.type,
      constructPath,
      matchKey: `${this.stack}:${constructPath ?? this.address}`,
      name: this.optionalString(resource.name, 'name'),
      owner: this.owner(resource),
      policies: this.policies(resource.policies),
      allowedIps: condition.allowed,
      deniedIps: condition.denied ?? [],
      notBefore: this.optionalString(resource.not_before, 'not_before'),
      expiresOn: this.optionalString(resource.expires_on, 'expires_on'),
      replaceTriggeredBy: this.stringList(lifecycle.replace_triggered_by, 'lifecycle.replace_triggered_by') ?? [],
      rotation: readRotationSchedule(resource, stackConfig),
      unmodelled: unmodelledAttributes(resource),
      deliveries: [],
      status: this.optionalString(resource.status, 'status'),
      summary: Array.isArray(meta.summary) ? meta.summary.filter((s): s is string => typeof s === 'string') : [],
      findings: records(leastPrivilege.findings, readFinding),
      suppressions: records(leastPrivilege.suppressions, readSuppression),
      // A record without a level predates it: the checks ran, at a level not recorded.
      ...(isObject(meta.leastPrivilege) ? { checkedAt: typeof leastPrivilege.checks === 'string' ? leastPrivilege.checks : 'default' } : {}),
    };
  }

  private fail(field: string, problem: string): never {
    throw new ReviewInputError(this.file, `${this.address}${field === '' ? '' : `.${field}`} ${problem}`);
  }

  private optionalString(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(field, `is a ${typeof value}, not a string`);
    return value;
  }

  private stringList(value: unknown, field: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && isExpression(value)) return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) this.fail(field, 'is not a list of strings');
    return [...value].sort();
  }

  private owner(resource: Json): ReviewedOwner {
    if (this.type === 'cloudflare_api_token') return { kind: 'user' };
    const accountId = this.optionalString(resource.account_id, 'account_id');
    if (accountId === undefined) this.fail('account_id', 'is missing (an account token needs its account)');
    return { kind: 'account', accountId };
  }

  private condition(condition: unknown): { allowed?: string[]; denied?: string[] } {
    if (condition === undefined || condition === null) return {};
    if (typeof condition === 'string' && isExpression(condition)) return { allowed: [condition] };
    if (!isObject(condition)) this.fail('condition', 'is not an object');
    const requestIp = condition.request_ip;
    if (requestIp === undefined || requestIp === null) return {};
    if (typeof requestIp === 'string' && isExpression(requestIp)) return { allowed: [requestIp] };
    if (!isObject(requestIp)) this.fail('condition.request_ip', 'is not an object');
    return {
      allowed: this.stringList(requestIp.in, 'condition.request_ip.in'),
      denied: this.stringList(requestIp.not_in, 'condition.request_ip.not_in'),
    };
  }

  private policies(policies: unknown): ReviewedPolicy[] {
    if (!Array.isArray(policies)) this.fail('policies', policies === undefined ? 'is missing' : 'is not a list');
    return policies.map((policy, i) => {
      const at = `policies[${i}]`;
      if (!isObject(policy)) this.fail(at, 'is not an object');
      const effect = this.optionalString(policy.effect, `${at}.effect`);
      if (effect === undefined) this.fail(`${at}.effect`, 'is missing');
      const groups = policy.permission_groups;
      if (!Array.isArray(groups)) this.fail(`${at}.permission_groups`, 'is not a list');
      const permissions = groups.map((group, j) => {
        const id = isObject(group) ? group.id : undefined;
        if (typeof id !== 'string') this.fail(`${at}.permission_groups[${j}].id`, 'is not a string');
        return grantedPermission(id);
      });
      permissions.sort((a, b) => compare(a.name ?? `~${a.id}`, b.name ?? `~${b.id}`));
      return { effect, permissions, resources: this.resources(policy.resources, `${at}.resources`) };
    });
  }

  private resources(value: unknown, field: string): GrantTarget[] {
    let parsed: unknown = value;
    if (typeof value === 'string') {
      const text = value.trim();
      // A whole-attribute expression (`${jsonencode(...)}`) is only known at plan time.
      if (text.startsWith('${') && text.endsWith('}')) return [{ kind: 'expression', expression: text }];
      parsed = parseJsonText(value, this.file, `${this.address}.${field} is a string that is not valid JSON`, `${this.address}.${field} `);
    }
    if (!isObject(parsed)) this.fail(field, 'is not a JSON object of resource keys');
    const targets = parseResourceKeys(parsed);
    if (targets.length === 0) this.fail(field, 'is an empty object: the policy grants on nothing');
    return targets;
  }
}

/** Attributes the reviewer reads, or that only order or keep resources (no power in them). */
const MODELLED = new Set(['//', 'name', 'policies', 'condition', 'expires_on', 'not_before', 'status', 'account_id', 'lifecycle', 'depends_on']);
const MODELLED_LIFECYCLE = new Set(['replace_triggered_by', 'create_before_destroy']);

/** Meta-arguments shown as written; any other attribute only as a hash (it may hold a secret, such as a planted `value`). */
const SHOWN = new Set(['count', 'for_each', 'provider', 'lifecycle.ignore_changes', 'lifecycle.prevent_destroy']);

/** Everything else on the token resource by name (`lifecycle.<key>` for lifecycle settings): its JSON, or a hash of it. */
function unmodelledAttributes(resource: Json): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, value: unknown) => {
    const json = JSON.stringify(value) ?? 'undefined';
    out[key] = SHOWN.has(key) ? json : `(content hash ${createHash('sha256').update(json).digest('hex').slice(0, 12)})`;
  };
  for (const key of Object.keys(resource).sort()) if (!MODELLED.has(key)) add(key, resource[key]);
  if (isObject(resource.lifecycle)) {
    for (const key of Object.keys(resource.lifecycle).sort()) if (!MODELLED_LIFECYCLE.has(key)) add(`lifecycle.${key}`, resource.lifecycle[key]);
  } else if (resource.lifecycle !== undefined) {
    add('lifecycle', resource.lifecycle);
  }
  return out;
}

function records<T>(value: unknown, read: (entry: Json) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((entry) => {
    const record = read(entry);
    return record === undefined ? [] : [record];
  });
}

function readFinding(entry: Json): RecordedFinding | undefined {
  if (typeof entry.rule !== 'string') return undefined;
  return {
    rule: entry.rule,
    level: typeof entry.level === 'string' ? entry.level : 'warning',
    message: typeof entry.message === 'string' ? entry.message : '',
    ...(typeof entry.finding === 'string' ? { finding: entry.finding } : {}),
  };
}

function readSuppression(entry: Json): RecordedSuppression | undefined {
  if (typeof entry.rule !== 'string') return undefined;
  return {
    rule: entry.rule,
    reason: typeof entry.reason === 'string' ? entry.reason : '',
    ...(typeof entry.appliesTo === 'string' ? { appliesTo: entry.appliesTo } : {}),
  };
}
