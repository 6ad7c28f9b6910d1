import { ActionsEnvironmentSecret } from '../bindings/github-resources';
import { ActionsSecret } from '../bindings/github-resources';
import { GithubProvider } from '../bindings/github-resources';
import { DataResource, DefaultTokenResolver, StringConcat, TerraformProvider, Token, Tokenization } from '../framework';
import { Construct } from 'constructs';
import { Invalid, Problem, problemAt, throwIfNotProps, throwIfProblems } from '../errors';
import { referenceCheck, stringShape, terraformString } from '../validate/terraform-string';
import { ensureProvider } from '../private/ensure-provider';

/** Anything that hands out a token value as a Terraform reference: a `CloudflareToken`, an `OverlappingToken`, a preset. */
export interface TokenValueSource {
  /** The sensitive value, as a Terraform reference (never a literal). */
  readonly value: string;
  /**
   * The id of the token whose value this is, as a Terraform reference: it changes exactly when
   * the value does (a new token). With it, the secret is rewritten only then; without it, also
   * whenever the provider plans the value as unknown (any in-place change of the token).
   */
  readonly tokenId?: string;
}

export interface GithubActionsSecretDeliveryProps {
  /** The token whose value the secret holds. */
  readonly token: TokenValueSource;

  /**
   * The repository's name, without the owner (`infra`, not `acme/infra`): the owner is the
   * GitHub provider's (`GITHUB_OWNER`).
   */
  readonly repository: string;

  /** The secret's name: upper-case letters, digits and `_`, not starting with a digit or `GITHUB_`. */
  readonly secretName: string;

  /**
   * A deployment environment of the repository: the secret is then visible only to jobs
   * that run in it (and pass its protection rules).
   * @default - a repository secret, visible to every workflow of the repository
   */
  readonly environment?: string;

  /**
   * The GitHub provider to write with (for an aliased provider, e.g. a second organisation).
   * @default - the stack's default `github` provider, added when the stack has none; it
   * reads its credentials (`GITHUB_TOKEN`) and owner (`GITHUB_OWNER`) from the environment
   */
  readonly provider?: TerraformProvider;
}

const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/;
const REPOSITORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Writes a token's value into a GitHub Actions secret (`github_actions_secret`, or
 * `github_actions_environment_secret` with `environment`).
 *
 * The value goes from the token resource to the secret's `plaintext_value` inside
 * Terraform: the synthesized JSON holds only the reference, `plaintext_value` is a
 * sensitive argument of the GitHub provider (it encrypts it with the repository's public key
 * before sending it), and nobody sees the value. The Terraform state holds it, as it holds
 * the token's: keep state in an encrypted backend. When the token rotates, the next deploy
 * writes the new value: every argument of the secret is ForceNew, so the secret is deleted and
 * created again in that apply, and is missing in between (README, "Delivering the value to
 * GitHub Actions"; test/terraform/rotation.test.ts, test/terraform/delivery.test.ts).
 */
export class GithubActionsSecretDelivery extends Construct {
  /** The secret resource. */
  public readonly secret: ActionsSecret | ActionsEnvironmentSecret;
  public readonly repository: string;
  public readonly secretName: string;
  public readonly environment?: string;
  /**
   * The `terraform_data` holding the delivered token's id, whose change (a new token) replaces
   * the secret; undefined when the source has no `tokenId`.
   */
  public readonly tokenIdRecord?: DataResource;

  constructor(scope: Construct, id: string, props: GithubActionsSecretDeliveryProps) {
    super(scope, id);
    throwIfNotProps(this.node.path, props, 'token, repository, secretName');
    const problems: Problem[] = [];
    const value = props.token?.value;
    const valueProblem = checkTokenValue(this, value);
    if (valueProblem !== undefined) {
      // Never echo the text: it may be the secret itself.
      problems.push(problemAt('token.value', typeof value !== 'string' ? value : Token.isUnresolved(value) ? '<a string, not shown>' : '<a literal string, not shown>', valueProblem));
    }
    checkName(problems, 'repository', props.repository, REPOSITORY_NAME, {
      expected: 'a repository name without the owner: letters, digits, ".", "-" and "_", at most 100 characters',
      fix:
        typeof props.repository === 'string' && props.repository.includes('/')
          ? `pass repository: '${props.repository.split('/').pop()}' and set the owner with GITHUB_OWNER`
          : 'pass the name as shown in the repository URL',
    });
    const reserved = typeof props.secretName === 'string' && /^GITHUB_/i.test(props.secretName);
    if (reserved) {
      problems.push(
        problemAt('secretName', props.secretName, {
          message: 'starts with GITHUB_, which GitHub reserves',
          expected: 'a name such as CLOUDFLARE_API_TOKEN',
          fix: 'drop the GITHUB_ prefix',
        }),
      );
    } else {
      checkName(problems, 'secretName', props.secretName, SECRET_NAME, {
        expected: 'upper-case letters, digits and "_", not starting with a digit (GitHub stores names upper-cased)',
        fix: typeof props.secretName === 'string' ? `use '${props.secretName.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}'` : 'pass a name such as CLOUDFLARE_API_TOKEN',
      });
    }
    const environmentReference = referenceCheck(props.environment, 'environment', 'environment name');
    if (environmentReference !== undefined && environmentReference !== 'reference') {
      problems.push(problemAt('environment', props.environment, environmentReference));
    } else if (props.environment !== undefined && (typeof props.environment !== 'string' || props.environment.trim() === '')) {
      problems.push(
        problemAt('environment', props.environment, {
          message: 'is not an environment name',
          expected: 'the name of a deployment environment of the repository, e.g. "production"',
          fix: 'name the environment, or leave environment out for a repository secret',
        }),
      );
    }
    throwIfProblems(this.node.path, problems);

    this.repository = props.repository;
    this.secretName = props.secretName;
    this.environment = props.environment;
    if (props.provider === undefined) {
      ensureProvider(this, GithubProvider.tfResourceType, (stack, providerId) => new GithubProvider(stack, providerId, {}));
    }
    const common = { provider: props.provider, repository: props.repository, secretName: props.secretName, plaintextValue: value as string };
    this.secret =
      props.environment === undefined
        ? new ActionsSecret(this, 'secret', common)
        : new ActionsEnvironmentSecret(this, 'secret', { ...common, environment: terraformString(props.environment) });
    const tokenId = props.token.tokenId;
    if (typeof tokenId === 'string' && Token.isUnresolved(tokenId)) {
      // Every argument of the secret is ForceNew (integrations/github 6.9.0,
      // github/resource_github_actions_secret.go), and provider 5.14 plans a token's `value` as
      // unknown on any in-place change (cloudflare/terraform-provider-cloudflare,
      // internal/services/api_token/schema.go: no UseStateForUnknown on `value`; `id` keeps its
      // state). So a rename would delete the secret and create it again with the same value.
      // Instead the secret ignores its value and is replaced when the token's id changes: a new
      // token, or another token delivered (test/terraform/delivery.test.ts).
      this.tokenIdRecord = new DataResource(this, 'token-id', { input: { token_id: tokenId } });
      this.secret.lifecycle = {
        ignoreChanges: ['plaintext_value'],
        replaceTriggeredBy: [`${DataResource.tfResourceType}.${this.tokenIdRecord.friendlyUniqueId}`],
      };
    }
  }
}

// The one attribute a token's value may come from: `<token resource>.value`, possibly chosen
// by a condition (OverlappingToken). A token's id, or any other attribute, is not a secret value.
const VALUE_ATTRIBUTE = /\bcloudflare_(?:api|account)_token\.[A-Za-z0-9_-]+\.value\b/;
const OTHER_TOKEN_ATTRIBUTE = /\bcloudflare_(?:api|account)_token\.[A-Za-z0-9_-]+\.(?!value\b)[A-Za-z_]+/;

/** Why `value` cannot be delivered: not one whole reference, or a reference to something other than a token's value. */
function checkTokenValue(scope: Construct, value: unknown): Invalid | undefined {
  const expected = "a token's value, e.g. token: new CloudflareToken(...)";
  if (typeof value !== 'string' || !Token.isUnresolved(value)) {
    return { message: 'is not a Terraform reference', expected, fix: 'pass the token construct; never put a token value in code, where it would land in the synthesized JSON' };
  }
  if (stringShape(value) !== 'reference') {
    return { message: 'mixes literal text with a reference, which would write the text into the secret', expected, fix: 'pass the token construct itself, whose value is one whole reference' };
  }
  let resolved: unknown;
  try {
    resolved = Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  } catch {
    resolved = undefined;
  }
  if (typeof resolved !== 'string' || !VALUE_ATTRIBUTE.test(resolved) || OTHER_TOKEN_ATTRIBUTE.test(resolved)) {
    return {
      message: `is not a token's value (it reads ${typeof resolved === 'string' ? resolved : 'something the library cannot resolve'})`,
      expected,
      fix: 'pass the token construct (its .value is delivered), not its tokenId or another attribute',
    };
  }
  return undefined;
}

function checkName(problems: Problem[], field: string, value: unknown, pattern: RegExp, advice: { expected: string; fix: string }): void {
  const reference = referenceCheck(value, field, 'name');
  if (reference === 'reference') return;
  if (reference !== undefined) {
    problems.push(problemAt(field, value, reference));
    return;
  }
  if (typeof value === 'string' && pattern.test(value)) return;
  problems.push(problemAt(field, value, { message: typeof value === 'string' ? 'is not a valid name' : 'is not a string', ...advice }));
}
