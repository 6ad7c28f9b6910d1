import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from '../framework';
import { IConstruct } from 'constructs';
import { libraryTokenFacts } from './library-tokens';
import { FACT_ATTRIBUTES, FactAttribute, literalFactAttributes } from './literal-attributes';
import { readCondition, readPolicies } from './attribute-facts';
import { isExpression, ResourceTarget } from './resource-targets';

// Moved to resource-targets.ts (no cdktf), so the reviewer's audit runs the same rules on API JSON.
export { isExpression, parseResources } from './resource-targets';
export type { ResourceTarget, TargetKind } from './resource-targets';

/** The two provider resource types that create Cloudflare API tokens. */
export const TOKEN_RESOURCE_TYPES = ['cloudflare_api_token', 'cloudflare_account_token'] as const;
export type TokenResourceType = (typeof TOKEN_RESOURCE_TYPES)[number];

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

export function isTokenResource(node: IConstruct): node is TerraformResource {
  return TerraformResource.isTerraformResource(node) && (TOKEN_RESOURCE_TYPES as readonly string[]).includes(node.terraformResourceType);
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Resolves cdktf tokens the way synthesis does: references become `${...}` strings. */
export function resolveForChecks(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
}

/**
 * The attributes the checks read, as synthesis resolves them: the resource's JSON (overrides
 * included) resolved in its stack. What {@link readTokenFacts} falls back to whenever the
 * attributes are not plain literals.
 */
export function resolvedFactAttributes(resource: TerraformResource): Partial<Record<FactAttribute, unknown>> {
  const stack = TerraformStack.of(resource);
  const synthesized = resolveForChecks(stack, resource.toTerraform()) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  // A resource moved with `moveTo` writes no block: this throws, and the checks report CFT0.
  const all = synthesized.resource[resource.terraformResourceType][resource.friendlyUniqueId];
  const out: Partial<Record<FactAttribute, unknown>> = {};
  for (const name of FACT_ATTRIBUTES) if (all[name] !== undefined) out[name] = all[name];
  return out;
}

/**
 * The attributes the checks read, as synthesis writes them: as they are when they are plain
 * literals (what resolving would give them), resolved otherwise.
 */
export function readFactAttributes(resource: TerraformResource): Partial<Record<FactAttribute, unknown>> {
  return literalFactAttributes(resource) ?? resolvedFactAttributes(resource);
}

/**
 * What decides a token's facts besides its own attributes: a stack-level override of it (see
 * {@link readTokenFacts}). The checks compare it, with the attributes, at validation.
 */
export function stackOverrideOfToken(resource: TerraformResource): string | undefined {
  return stackOverrideOf(TerraformStack.of(resource), resource.terraformResourceType as TokenResourceType, resource.friendlyUniqueId);
}

/** Reads a token resource's synthesized attributes (overrides included), or builds the facts from `attributes` read by {@link readFactAttributes}. */
export function readTokenFacts(resource: TerraformResource, attributes = readFactAttributes(resource)): TokenFacts {
  const stack = TerraformStack.of(resource);
  const type = resource.terraformResourceType as TokenResourceType;
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
  const stackOverride = stackOverrideOf(stack, type, resource.friendlyUniqueId);
  if (stackOverride !== undefined) unreadable.push({ finding: 'stack-override', message: stackOverride });
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

/**
 * A stack-level `addOverride` that reaches this token's type: cdktf merges the stack's overrides
 * into the JSON after every element has written its own, so what the checks read from the
 * resource is not what Terraform gets. Either it edits this token, or it adds or replaces
 * tokens of the same type that no construct describes; either way the token's grants are not
 * what the checks saw.
 */
function stackOverrideOf(stack: TerraformStack, type: TokenResourceType, id: string): string | undefined {
  // rawOverrides is protected in cdktf (and cdktn); reading it is the only way to see an override here.
  const raw = (stack as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides;
  const resources = raw?.resource;
  if (resources === undefined) return undefined;
  const ofType = isPlainObject(resources) ? resources[type] : resources;
  if (ofType === undefined) return undefined;
  if (!isPlainObject(ofType) || ofType[id] !== undefined) {
    return `a stack-level override (stack.addOverride('resource.${type}.${id}...')) changes this token after the checks read it, so its permissions, resources, IP condition and expiry were not checked (CFT1-CFT7 not checked)`;
  }
  return `a stack-level override writes ${type} resources no construct describes (${Object.keys(ofType).sort().join(', ')}): tokens made there are not checked`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
