import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { SCOPE_KEYS } from '../permissions/scope';

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
  | 'unknown';

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
  readonly allowedIps: readonly string[];
  readonly deniedIps: readonly string[];
  readonly expiresOn?: string;
  readonly notBefore?: string;
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
  const condition = asRecord(asRecord(attributes.condition)?.request_ip);
  return {
    path: resource.node.path,
    resourceType: type,
    address: `${type}.${resource.friendlyUniqueId}`,
    name: optionalString(attributes.name),
    owner: type === 'cloudflare_account_token' ? { kind: 'account', accountId: String(attributes.account_id) } : { kind: 'user' },
    policies: Array.isArray(attributes.policies) ? attributes.policies.map((p, i) => readPolicy(p, i)) : undefined,
    allowedIps: stringList(condition?.in),
    deniedIps: stringList(condition?.not_in),
    expiresOn: optionalString(attributes.expires_on),
    notBefore: optionalString(attributes.not_before),
  };
}

function readPolicy(raw: unknown, index: number): PolicyFacts {
  const policy = asRecord(raw) ?? {};
  const groups = Array.isArray(policy.permission_groups) ? policy.permission_groups : [];
  const resourcesText = typeof policy.resources === 'string' ? policy.resources : JSON.stringify(policy.resources ?? null);
  return {
    index,
    effect: String(policy.effect),
    permissionGroupIds: groups.map((g) => String(asRecord(g)?.id)),
    resources: parseResources(policy.resources),
    resourcesText,
  };
}

/** Flattens a policy's `resources` JSON into targets; `undefined` when it cannot be read at synth. */
export function parseResources(resources: unknown): ResourceTarget[] | undefined {
  let parsed: unknown = resources;
  if (typeof resources === 'string') {
    if (isExpression(resources)) return undefined;
    try {
      parsed = JSON.parse(resources);
    } catch {
      return undefined;
    }
  }
  const top = asRecord(parsed);
  if (top === undefined) return undefined;
  const targets: ResourceTarget[] = [];
  for (const [key, value] of Object.entries(top)) {
    const nested = asRecord(value);
    if (nested === undefined) {
      targets.push(classify(key));
      continue;
    }
    for (const child of Object.keys(nested)) targets.push(classify(child, key));
  }
  return targets;
}

const HEX32 = /^[0-9a-f]{32}$/;

function classify(key: string, parent?: string): ResourceTarget {
  const label = parent === undefined ? key : `${parent}/${key}`;
  const parentAccount = parent?.startsWith(`${SCOPE_KEYS.account}.`) ? parent.slice(SCOPE_KEYS.account.length + 1) : undefined;
  const at = (kind: TargetKind, id?: string): ResourceTarget => ({ key, parent, kind, id, label });
  if (key === `${SCOPE_KEYS.zone}.*`) return parentAccount === undefined ? at('allZonesOfAllAccounts') : at('allZonesOfAccount', parentAccount);
  if (key === `${SCOPE_KEYS.r2Bucket}.*`) return at('allR2BucketsOfAccount', parentAccount);
  if (key === `${SCOPE_KEYS.account}.*`) return at('allAccounts');
  if (key.startsWith(`${SCOPE_KEYS.zone}.`)) return at('zone', key.slice(SCOPE_KEYS.zone.length + 1));
  if (key.startsWith(`${SCOPE_KEYS.r2Bucket}.`)) return at('r2Bucket');
  if (key.startsWith(`${SCOPE_KEYS.user}.`)) return key.endsWith('*') ? at('otherWildcard') : at('user', key.slice(SCOPE_KEYS.user.length + 1));
  if (key.startsWith(`${SCOPE_KEYS.account}.`)) {
    const id = key.slice(SCOPE_KEYS.account.length + 1);
    return HEX32.test(id) || isExpression(id) ? at('account', id) : key.includes('*') ? at('otherWildcard') : at('unknown');
  }
  return key.includes('*') ? at('otherWildcard') : at('unknown');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
