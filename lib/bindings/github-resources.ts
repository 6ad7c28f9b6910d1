import { Construct } from 'constructs';
import { metaArguments } from './meta-arguments';
import { checkSameFramework } from './same-framework';
import { TerraformMetaArguments, TerraformProvider, TerraformResource } from '../framework';
import { GITHUB_PROVIDER } from './provider-versions';

// Our bindings of the integrations/github provider block and the two Actions secret resources,
// on the framework's generic classes, so that delivery works in a cdktf and a cdktn app alike.
// They write what @cdktf/provider-github 15.3.1 writes for the same arguments
// (test/bindings/conformance.test.ts), except required_providers: a range, not the pin 6.9.0.

/** The `github` provider block the delivery adds when the stack has none (no arguments: it reads GITHUB_TOKEN and GITHUB_OWNER). */
export class GithubProvider extends TerraformProvider {
  public static readonly tfResourceType = 'github';
  private providerAlias?: string;

  constructor(scope: Construct, id: string, config: { readonly alias?: string } = {}) {
    super(scope, id, {
      terraformResourceType: GithubProvider.tfResourceType,
      terraformGeneratorMetadata: { providerName: GITHUB_PROVIDER.name, providerVersionConstraint: GITHUB_PROVIDER.versionConstraint },
      terraformProviderSource: GITHUB_PROVIDER.source,
    });
    this.providerAlias = config.alias;
  }

  public get alias(): string | undefined {
    return this.providerAlias;
  }

  public set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { alias: this.providerAlias };
  }
}

/** The arguments of `github_actions_secret`. */
export interface ActionsSecretConfig extends TerraformMetaArguments {
  readonly repository: string;
  readonly secretName: string;
  readonly plaintextValue?: string;
}

/** The arguments of `github_actions_environment_secret`. */
export interface ActionsEnvironmentSecretConfig extends ActionsSecretConfig {
  readonly environment: string;
}

abstract class SecretResource extends TerraformResource {
  private readonly secretConfig: ActionsSecretConfig;

  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: ActionsSecretConfig) {
    checkSameFramework(scope);
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { providerName: GITHUB_PROVIDER.name, providerVersionConstraint: GITHUB_PROVIDER.versionConstraint },
      ...metaArguments(config),
    });
    this.secretConfig = config;
  }

  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const c = this.secretConfig;
    return { plaintext_value: c.plaintextValue, repository: c.repository, secret_name: c.secretName };
  }
}

/** A `github_actions_secret`: a repository secret. */
export class ActionsSecret extends SecretResource {
  public static readonly tfResourceType = 'github_actions_secret';

  constructor(scope: Construct, id: string, config: ActionsSecretConfig) {
    super(scope, id, ActionsSecret.tfResourceType, config);
  }
}

/** A `github_actions_environment_secret`: a secret of one deployment environment. */
export class ActionsEnvironmentSecret extends SecretResource {
  public static readonly tfResourceType = 'github_actions_environment_secret';
  private readonly environment: string;

  constructor(scope: Construct, id: string, config: ActionsEnvironmentSecretConfig) {
    super(scope, id, ActionsEnvironmentSecret.tfResourceType, config);
    this.environment = config.environment;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { environment: this.environment, ...super.synthesizeAttributes() };
  }
}
