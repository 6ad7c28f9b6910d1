import { Construct } from 'constructs';
import { TerraformProvider } from '../framework';
import { CLOUDFLARE_PROVIDER } from './provider-versions';

/** The arguments of the cloudflare provider block that token stacks use. */
export interface CloudflareProviderConfig {
  /**
   * The API token Terraform authenticates with: pass a sensitive reference (a variable), never
   * a literal.
   * @default - the provider reads CLOUDFLARE_API_TOKEN from the environment
   */
  readonly apiToken?: string;
  /**
   * An alias, for a second configuration of the provider.
   * @default - the default configuration
   */
  readonly alias?: string;
}

/**
 * The `cloudflare` provider block, for apps without `@cdktf/provider-cloudflare` (a CDK Terrain
 * app: no prebuilt provider package exists for it). Writes what `@cdktf/provider-cloudflare`'s
 * CloudflareProvider writes for the same arguments, except that required_providers states the
 * range the library's JSON is valid for instead of pinning 5.14.0.
 */
export class CloudflareProvider extends TerraformProvider {
  public static readonly tfResourceType = 'cloudflare';
  private readonly apiToken?: string;
  private providerAlias?: string;

  constructor(scope: Construct, id: string, config: CloudflareProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: CloudflareProvider.tfResourceType,
      terraformGeneratorMetadata: { providerName: CLOUDFLARE_PROVIDER.name, providerVersionConstraint: CLOUDFLARE_PROVIDER.versionConstraint },
      terraformProviderSource: CLOUDFLARE_PROVIDER.source,
    });
    this.apiToken = config.apiToken;
    this.providerAlias = config.alias;
  }

  public get alias(): string | undefined {
    return this.providerAlias;
  }

  public set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { api_token: this.apiToken, alias: this.providerAlias };
  }
}
