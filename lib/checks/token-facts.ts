import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from '../framework';
import { IConstruct } from 'constructs';
import { SCOPE_KEYS } from '../permissions/scope';
import { libraryTokenFacts } from './library-tokens';

/** The two provider resource types that create Cloudflare API tokens. */
export const TOKEN_RESOURCE_TYPES = ['cloudflare_api_token', 'cloudflare_account_token'] as const;
export type TokenResourceType = (typeof TOKEN_RESOURCE_TYPES)[number];

/** What a policy's resource key names. `wildcard*` kinds cover resources nobody named. */
export type TargetKind =
  | 'zone'
  | 'account'
  | 'user'
  | 'r2Bucket'
  | 'allZonesOfAllAccounts'
  | 'allZonesOfAccount'
  | 'allR2BucketsOfAccount'
  | 'allAccounts'
  | 'otherWildcard'
  | 'unknown'
  | 'unreadable';

/** One resource a policy applies to: a top-level key, or a key nested under an account. */
export interface ResourceTarget {
  /** The resource key, e.g. `com.cloudflare.api.account.zone.<id>`. */
  readonly key: string;
  /** The account key it is nested under, for nested keys. */
  readonly parent?: string;
  readonly kind: TargetKind;
  /** The zone, account or user id the key names, when it names one. */
  readonly id?: string;
  /** `key`, or `parent/key`: equal strings mean the same grant target. */
  readonly label: string;
}

/** One policy of a token, as synthesized. */
export interface PolicyFacts {
  readonly index: number;
  /** `allow`, `deny`, or a Terraform expression (treated as allow by the rules: the wider reading). */
  readonly effect: string;
  readonly permissionGroupIds: readonly string[];
  /** The parsed resources; `undefined` when `resources` is a Terraform expression that cannot be read at synth. */
  readonly resources: readonly ResourceTarget[] | undefined;
  /** The `resources` attribute exactly as synthesized. */
  readonly resourcesText: string;
}

/**
 * One token's synthesized configuration, resolved: what every rule reads. Built from the
 * provider resource, so tokens declared with the raw `ApiToken`/`AccountToken` classes are
 * read exactly like those of `CloudflareToken`. Never holds the token's value.
 */
export interface TokenFacts {
  /** The construct path of the provider resource. */
  readonly path: string;
  readonly resourceType: TokenResourceType;
  /** The Terraform address, e.g. `cloudflare_api_token.dns_token_1A2B3C4D`. */
  readonly address: string;
  readonly name?: string;
  readonly owner: { readonly kind: 'user' } | { readonly kind: 'account'; readonly accountId: string };
  /** `undefined` when `policies` as a whole is a Terraform expression. */
  readonly policies: readonly PolicyFacts[] | undefined;
  /** The literal allowed CIDRs; `undefined` when the list (or an entry) is an expression. */
  readonly allowedIps: readonly string[] | undefined;
  /** The literal denied CIDRs; `undefined` when the list (or an entry) is an expression. */
  readonly deniedIps: readonly string[] | undefined;
  readonly expiresOn?: string;
  readonly notBefore?: string;
  /**
   * For a token a library construct rotates, with `expires_on` as the construct wrote it: the
   * longest the token stays valid (rotation period plus grace), in days.
   */
  readonly rotationValidityDays?: number;
  /** Every part of the token the checks could not read, each with what could not be checked. */
  readonly unreadable: readonly UnreadablePart[];
}

/** A part of a token's configuration that is not literal at synth. */
export interface UnreadablePart {
  /** The attribute path, e.g. `policies[0].permission_groups`: the finding id. */
  readonly finding: string;
  /** What it holds and which checks it escaped. */
  readonly message: string;
}

/** Whether a synthesized string is (or contains) a Terraform expression, unknown until plan. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

export function isTokenResource(node: IConstruct): node is TerraformResource {
  return TerraformResource.isTerraformResource(node) && (TOKEN_RESOURCE_TYPES as readonly string[]).includes(node.terraformResourceType);
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Resolves cdktf tokens the way synthesis does: references become `${...}` strings. */
export function resolveForChecks(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
}

/** Reads a token resource's synthesized attributes (overrides included). */
export function readTokenFacts(resource: TerraformResource): TokenFacts {
  const stack = TerraformStack.of(resource);
  const type = resource.terraformResourceType as TokenResourceType;
  const synthesized = resolveForChecks(stack, resource.toTerraform()) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const attributes = synthesized.resource[type][resource.friendlyUniqueId];
  const unreadable: UnreadablePart[] = [];
  const policies = readPolicies(attributes.policies, unreadable);
  const condition = readCondition(attributes.condition, unreadable);
  const expiresOn = optionalString(attributes.expires_on);
  const library = libraryTokenFacts(resource);
  const rotates =
    library?.rotationValidityDays !== undefined &&
    library.rotationExpiresOn !== undefined &&
    expiresOn !== undefined &&
    resolveForChecks(stack, library.rotationExpiresOn) === expiresOn;
  if (expiresOn !== undefined && isExpression(expiresOn) && !rotates) {
    unreadable.push({ finding: 'expires_on', message: `expires_on is the Terraform expression ${expiresOn}, so how long the token stays valid cannot be measured at synth (CFT3 not checked)` });
  }
  return {
    path: resource.node.path,
    resourceType: type,
    address: `${type}.${resource.friendlyUniqueId}`,
    name: optionalString(attributes.name),
    owner: type === 'cloudflare_account_token' ? { kind: 'account', accountId: String(attributes.account_id) } : { kind: 'user' },
    policies,
    allowedIps: condition.allowed,
    deniedIps: condition.denied,
    expiresOn,
    notBefore: optionalString(attributes.not_before),
    ...(rotates ? { rotationValidityDays: library.rotationValidityDays } : {}),
    unreadable,
  };
}

function readPolicies(raw: unknown, unreadable: UnreadablePart[]): PolicyFacts[] | undefined {
  if (!Array.isArray(raw)) {
    unreadable.push({
      finding: 'policies',
      message: `policies is ${describeUnreadable(raw)}, so none of its permissions or resources can be checked at synth (CFT1, CFT2, CFT5 to CFT8, CFT12 not checked)`,
    });
    return undefined;
  }
  return raw.map((p, i) => readPolicy(p, i, unreadable));
}

function readPolicy(raw: unknown, index: number, unreadable: UnreadablePart[]): PolicyFacts {
  const at = `policies[${index}]`;
  const policy = asRecord(raw);
  if (policy === undefined) {
    unreadable.push({ finding: at, message: `${at} is ${describeUnreadable(raw)}, so its permissions and resources cannot be checked at synth` });
    return { index, effect: 'allow', permissionGroupIds: [], resources: [], resourcesText: JSON.stringify(raw ?? null) };
  }
  if (typeof policy.effect !== 'string' || isExpression(policy.effect)) {
    unreadable.push({ finding: `${at}.effect`, message: `${at}.effect is ${describeUnreadable(policy.effect)}; the policy is read as an allow (the wider reading)` });
  }
  const permissionGroupIds: string[] = [];
  if (!Array.isArray(policy.permission_groups)) {
    unreadable.push({
      finding: `${at}.permission_groups`,
      message: `${at}.permission_groups is ${describeUnreadable(policy.permission_groups)}, so the permissions it grants cannot be checked at synth (CFT2, CFT5, CFT6, CFT7, CFT8 not checked)`,
    });
  } else {
    for (const group of policy.permission_groups) {
      const id = asRecord(group)?.id;
      // An id given by an expression is kept: CFT8 names it as not in the catalog.
      permissionGroupIds.push(typeof id === 'string' ? id : JSON.stringify(id ?? null));
    }
  }
  const resourcesText = typeof policy.resources === 'string' ? policy.resources : JSON.stringify(policy.resources ?? null);
  const resources = parseResources(policy.resources);
  if (resources === undefined) {
    unreadable.push({ finding: `${at}.resources`, message: `${at}.resources is not literal JSON (${resourcesText}), so where it grants cannot be checked at synth (CFT1, CFT6, CFT7, CFT12 not checked)` });
  } else {
    for (const target of resources.filter((t) => t.kind === 'unreadable')) {
      unreadable.push({ finding: `${at}.resources:${target.label}`, message: `${at}.resources names ${target.label}, whose id is only known at plan and could be any value, "*" included` });
    }
  }
  return { index, effect: typeof policy.effect === 'string' ? policy.effect : 'allow', permissionGroupIds, resources, resourcesText };
}

function readCondition(raw: unknown, unreadable: UnreadablePart[]): { allowed: string[] | undefined; denied: string[] | undefined } {
  if (raw === undefined || raw === null) return { allowed: [], denied: [] };
  const condition = asRecord(raw);
  const requestIp = condition === undefined ? undefined : condition.request_ip;
  if (condition === undefined || (requestIp !== undefined && requestIp !== null && asRecord(requestIp) === undefined)) {
    unreadable.push({ finding: 'condition', message: `condition is ${describeUnreadable(raw)}, so which client IPs may use the token cannot be checked at synth (CFT4 not checked)` });
    return { allowed: undefined, denied: undefined };
  }
  const ips = asRecord(requestIp);
  const list = (value: unknown, field: string): string[] | undefined => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || isExpression(v))) {
      unreadable.push({ finding: field, message: `${field} is ${describeUnreadable(value)}, so which client IPs it lists cannot be checked at synth (CFT4 not checked)` });
      return undefined;
    }
    return value as string[];
  };
  return { allowed: list(ips?.in, 'condition.request_ip.in'), denied: list(ips?.not_in, 'condition.request_ip.not_in') };
}

function describeUnreadable(value: unknown): string {
  if (typeof value === 'string') return `the Terraform expression ${value}`;
  if (value === undefined || value === null) return 'missing';
  return `not in the provider's shape (${JSON.stringify(value).slice(0, 200)})`;
}

// References inside a resource key are replaced by placeholders while the JSON is parsed.
// The placeholder is a private-use character; text that already holds one is not read.
const MARK = '\uE000';
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

/** Replaces every `${...}` of `text` with a placeholder; `undefined` when braces do not balance. */
function withPlaceholders(text: string, references: string[]): string | undefined {
  if (text.includes(MARK)) return undefined;
  let out = '';
  let from = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', from)) {
    let depth = 0;
    let end = -1;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    out += `${text.slice(from, start)}${MARK}${references.length}${MARK}`;
    references.push(text.slice(start, end + 1));
    from = end + 1;
  }
  return out + text.slice(from);
}

/**
 * Flattens a policy's `resources` JSON into targets; `undefined` when it cannot be read at
 * synth. References inside keys (a zone id from a `DataCloudflareZone`) are kept: such a key
 * names one resource whose id Terraform fills in.
 */
export function parseResources(resources: unknown): ResourceTarget[] | undefined {
  let parsed: unknown = resources;
  const references: string[] = [];
  if (typeof resources === 'string') {
    const text = isExpression(resources) ? withPlaceholders(resources, references) : resources;
    if (text === undefined) return undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const restore = (key: string) => (references.length === 0 ? key : key.replace(PLACEHOLDER, (_m, n: string) => references[Number(n)]));
  const top = asRecord(parsed);
  if (top === undefined) return undefined;
  const targets: ResourceTarget[] = [];
  for (const [key, value] of Object.entries(top)) {
    const nested = asRecord(value);
    if (nested === undefined) {
      targets.push(value === '*' ? classify(restore(key)) : unknownValue(restore(key)));
      continue;
    }
    for (const [child, childValue] of Object.entries(nested)) {
      targets.push(childValue === '*' ? classify(restore(child), restore(key)) : unknownValue(restore(child), restore(key)));
    }
  }
  return targets;
}

function unknownValue(key: string, parent?: string): ResourceTarget {
  return { key, parent, kind: 'unknown', label: parent === undefined ? key : `${parent}/${key}` };
}

const HEX32 = /^[0-9a-f]{32}$/;

// A reference that names one resource: an attribute of a resource or data source
// (`data.cloudflare_zone.main.id`). A variable, a local or a function call could hold "*".
const ONE_RESOURCE_REFERENCE = /^\$\{(?!var\.|local\.)[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])+\}$/;

/** How the id part of a key reads: a literal id, one resource's reference, an unreadable expression, a wildcard or junk. */
function idKind(id: string): 'id' | 'reference' | 'unreadable' | 'wildcard' | 'unknown' {
  if (HEX32.test(id)) return 'id';
  if (isExpression(id)) return ONE_RESOURCE_REFERENCE.test(id) ? 'reference' : 'unreadable';
  return id.includes('*') ? 'wildcard' : 'unknown';
}

function classify(key: string, parent?: string): ResourceTarget {
  const label = parent === undefined ? key : `${parent}/${key}`;
  const parentAccount = parent?.startsWith(`${SCOPE_KEYS.account}.`) ? parent.slice(SCOPE_KEYS.account.length + 1) : undefined;
  const at = (kind: TargetKind, id?: string): ResourceTarget => ({ key, parent, kind, id, label });
  const named = (kind: 'zone' | 'account' | 'user', id: string): ResourceTarget => {
    switch (idKind(id)) {
      case 'id':
      case 'reference':
        return at(kind, id);
      case 'unreadable':
        return at('unreadable', id);
      case 'wildcard':
        return at('otherWildcard');
      default:
        return at('unknown');
    }
  };
  if (parent !== undefined && parentAccount === undefined) return at('unknown');
  if (key === `${SCOPE_KEYS.zone}.*`) return parentAccount === undefined ? at('allZonesOfAllAccounts') : at('allZonesOfAccount', parentAccount);
  if (key === `${SCOPE_KEYS.r2Bucket}.*`) return parentAccount === undefined ? at('otherWildcard') : at('allR2BucketsOfAccount', parentAccount);
  if (key === `${SCOPE_KEYS.account}.*`) return at('allAccounts');
  if (key.startsWith(`${SCOPE_KEYS.zone}.`)) return named('zone', key.slice(SCOPE_KEYS.zone.length + 1));
  if (key.startsWith(`${SCOPE_KEYS.r2Bucket}.`)) return key.includes('*') ? at('otherWildcard') : isExpression(key) ? at('unreadable') : at('r2Bucket');
  if (key.startsWith(`${SCOPE_KEYS.user}.`)) return parent === undefined ? named('user', key.slice(SCOPE_KEYS.user.length + 1)) : at('unknown');
  if (key.startsWith(`${SCOPE_KEYS.account}.`) && parent === undefined) return named('account', key.slice(SCOPE_KEYS.account.length + 1));
  return key.includes('*') ? at('otherWildcard') : at('unknown');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
