import { Construct } from 'constructs';
import { metaArguments } from './meta-arguments';
import { checkSameFramework } from './same-framework';
import { TerraformMetaArguments, TerraformResource } from '../framework';
import { CLOUDFLARE_PROVIDER } from './provider-versions';
import { commentsBecomeOverrides, mergeCommentsInto, writesOwnComments } from './block-comments';

// Our bindings of cloudflare_api_token and cloudflare_account_token, on the framework's generic
// TerraformResource, so that they work in a cdktf and a cdktn app alike (the prebuilt
// @cdktf/provider-cloudflare is built on cdktf only). They write exactly what
// @cdktf/provider-cloudflare 13.9.1 (provider 5.14.0) writes for the same configuration:
// test/bindings/conformance.test.ts synthesizes both and compares them attribute by attribute.

/** One policy of a token, as the provider's `policies` list holds it. */
export interface TokenPolicyConfig {
  readonly effect: string;
  readonly permissionGroups: readonly { readonly id: string }[];
  /** The resources as a JSON object in a string (provider 5.x). */
  readonly resources: string;
}

/** The token's `condition` block. */
export interface TokenConditionConfig {
  readonly requestIp?: { readonly in?: readonly string[]; readonly notIn?: readonly string[] };
}

/** The arguments of a `cloudflare_api_token`. */
export interface ApiTokenConfig extends TerraformMetaArguments {
  readonly name: string;
  readonly policies: readonly TokenPolicyConfig[];
  readonly condition?: TokenConditionConfig;
  readonly notBefore?: string;
  readonly expiresOn?: string;
  readonly status?: string;
}

/** The arguments of a `cloudflare_account_token`. */
export interface AccountTokenConfig extends ApiTokenConfig {
  readonly accountId: string;
}

abstract class TokenResource extends TerraformResource {
  private readonly config: ApiTokenConfig;

  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: ApiTokenConfig) {
    checkSameFramework(scope);
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { providerName: CLOUDFLARE_PROVIDER.name, providerVersionConstraint: CLOUDFLARE_PROVIDER.versionConstraint },
      ...metaArguments(config),
    });
    this.config = config;
    writesOwnComments(this);
  }

  /** The resource's JSON, with the library's `"//"` records merged in as overrides would be (see block-comments.ts). */
  public toTerraform(): any {
    const synthesized = super.toTerraform();
    mergeCommentsInto(this, synthesized);
    return synthesized;
  }

  /** Overrides as in any resource; one under `"//"` first moves the library's records there (see block-comments.ts). */
  public addOverride(path: string, value: unknown): void {
    if (path === '//' || path.startsWith('//.')) commentsBecomeOverrides(this, (p, v) => super.addOverride(p, v));
    super.addOverride(path, value);
  }

  /** The token's id (not secret). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The token's value: a sensitive reference. */
  public get value(): string {
    return this.getStringAttribute('value');
  }

  public get name(): string {
    return this.getStringAttribute('name');
  }

  public get status(): string {
    return this.getStringAttribute('status');
  }

  public get expiresOn(): string {
    return this.getStringAttribute('expires_on');
  }

  public get notBefore(): string {
    return this.getStringAttribute('not_before');
  }

  public get issuedOn(): string {
    return this.getStringAttribute('issued_on');
  }

  public get modifiedOn(): string {
    return this.getStringAttribute('modified_on');
  }

  public get lastUsedOn(): string {
    return this.getStringAttribute('last_used_on');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const c = this.config;
    return {
      condition: c.condition === undefined ? undefined : { request_ip: c.condition.requestIp === undefined ? undefined : { in: c.condition.requestIp.in, not_in: c.condition.requestIp.notIn } },
      expires_on: c.expiresOn,
      name: c.name,
      not_before: c.notBefore,
      policies: c.policies.map((p) => ({ effect: p.effect, permission_groups: p.permissionGroups.map((g) => ({ id: g.id })), resources: p.resources })),
      status: c.status,
    };
  }
}

/**
 * Whether `fn` is our token bindings' `toTerraform`, which writes what cdktf's writes plus the
 * `"//"` records (the checks' literal reading trusts no other: lib/checks/literal-attributes.ts).
 */
export function isTokenBindingToTerraform(fn: unknown): boolean {
  return fn === TokenResource.prototype.toTerraform;
}

/** A `cloudflare_api_token`: a token owned by the user the provider authenticates as. */
export class ApiToken extends TokenResource {
  public static readonly tfResourceType = 'cloudflare_api_token';

  constructor(scope: Construct, id: string, config: ApiTokenConfig) {
    super(scope, id, ApiToken.tfResourceType, config);
  }
}

/** A `cloudflare_account_token`: a token owned by an account. */
export class AccountToken extends TokenResource {
  public static readonly tfResourceType = 'cloudflare_account_token';
  private readonly accountId: string;

  constructor(scope: Construct, id: string, config: AccountTokenConfig) {
    super(scope, id, AccountToken.tfResourceType, config);
    this.accountId = config.accountId;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { account_id: this.accountId, ...super.synthesizeAttributes() };
  }
}
