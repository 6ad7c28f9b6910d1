import { writeComment } from '../bindings/block-comments';
import { TerraformOutput } from '../framework';
import { Construct } from 'constructs';
import { problemAt, throwIfProblems, TokenConfigError } from '../errors';
import { Policy } from '../policy/policy';
import { RenderedPolicy } from '../policy/render';
import { CloudflareToken, ExportValueOptions, TokenOptions } from '../token/cloudflare-token';
import { defaultOutputName } from '../token/export-value';
import { checkTokenName } from '../validate/token-name';

/**
 * What every preset has in common: it validates its own, intent-named props, then builds one
 * {@link CloudflareToken} (child id `Token`) with a fixed permission set, and exposes it.
 *
 * The token's name defaults to the preset's construct path (e.g. `prod/ci-workers`), not the
 * inner token's, so the dashboard shows the name the user chose.
 */
export abstract class PresetToken extends Construct {
  private built?: CloudflareToken;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /**
   * Builds the token; each subclass calls it once, after validating its props. `preset`
   * (the class name) is recorded next to the summary in the synthesized JSON
   * (`"//": { "preset": ... }`), so a reviewer sees which intent the grants come from.
   */
  protected buildToken(preset: string, options: TokenOptions, policies: readonly Policy[]): CloudflareToken {
    const name = options.name ?? this.node.path;
    // A default name too long for Cloudflare is the preset's path, so report it here.
    const defaultNameInvalid = options.name === undefined ? checkTokenName(name, true) : undefined;
    if (defaultNameInvalid) throwIfProblems(this.node.path, [problemAt('name', name, defaultNameInvalid)]);
    try {
      this.built = new CloudflareToken(this, 'Token', { ...options, name, policies });
    } catch (error) {
      // The token options (allowedIps, expiresOn, ...) are the preset's props: report them at
      // the path the user wrote, not at the inner `Token` construct.
      if (error instanceof TokenConfigError && error.constructPath === `${this.node.path}/Token`) throw new TokenConfigError(this.node.path, error.problems);
      throw error;
    }
    writeComment(this.built.resource, 'preset', preset);
    return this.built;
  }

  /** The token construct this preset built (its `resource` is the provider resource). */
  public get token(): CloudflareToken {
    if (this.built === undefined) throw new Error(`${this.node.path}: the preset has not built its token yet`);
    return this.built;
  }

  /**
   * What the token may do, where: the canonical policies (effect, permission groups with id,
   * name and scope, resources and their JSON), exactly as synthesized.
   */
  public get grants(): readonly RenderedPolicy[] {
    return this.token.policies;
  }

  /** One line per policy, for reviewers: effect, permission names, resources. */
  public get summary(): readonly string[] {
    return this.token.summary;
  }

  /** The token's id (not secret). */
  public get tokenId(): string {
    return this.token.tokenId;
  }

  /** The token's value: a sensitive Terraform reference. Pass it only to sensitive places. */
  public get value(): string {
    return this.token.value;
  }

  /**
   * Exports the value as a sensitive Terraform output named exactly `name` (default: this
   * preset's construct id); see {@link CloudflareToken.exportValue}.
   */
  public exportValue(name: string = defaultOutputName(this), options?: ExportValueOptions): TerraformOutput {
    return this.token.exportValue(name, options);
  }
}
