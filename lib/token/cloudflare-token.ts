import { AccountToken } from '../bindings/cloudflare-token-resources';
import { writeComment } from '../bindings/block-comments';
import { ApiToken } from '../bindings/cloudflare-token-resources';
import { DataResource, TerraformOutput } from '../framework';
import { defaultOutputName, exportSensitiveValue } from './export-value';
import { Construct } from 'constructs';
import { recordLibraryToken } from '../checks/library-tokens';
import { LeastPrivilegeChecks } from '../checks/least-privilege-checks';
import { holeProblem, Problem, problemAt, throwIfNotProps, throwIfProblems } from '../errors';
import { memoiseByString } from '../private/memoise';
import { Policy } from '../policy/policy';
import { renderPolicies, RenderedPolicy } from '../policy/render';
import { normaliseCidr } from '../validate/cidr';
import { normaliseInstant } from '../validate/instant';
import { referenceCheck, terraformString } from '../validate/terraform-string';
import { checkTokenName } from '../validate/token-name';
import { adoptExisting, adoptProblems } from './adopt-existing';
import { TokenOwner } from './owner';
import { addExpiryCheck } from './expiry-check';
import { addRotation, generationExpiry, replaceWithGeneration, rotationProblems, TokenRotation } from './rotation';

/** Whether Cloudflare accepts the token. */
export type TokenStatus = 'active' | 'disabled';

/** Options every token construct accepts: who owns it, from where and when it may be used. */
export interface TokenOptions {
  /**
   * Who owns the token.
   * @default TokenOwner.user() - a `cloudflare_api_token` owned by the deploying user
   */
  readonly owner?: TokenOwner;

  /**
   * The token's name in the Cloudflare dashboard: 1 to 120 characters, counted in code points
   * as Cloudflare's API schema does; no control or bidirectional-formatting characters, no
   * leading or trailing white space. Written as literal text (Terraform's `${` and `%{` are
   * escaped), or one whole reference.
   * @default - the construct path, e.g. `prod/ci/dns`, unique within the app
   */
  readonly name?: string;

  /**
   * Client IP addresses or CIDRs (IPv4 or IPv6) the token may be used from. A bare address
   * means that one address.
   * @default - any address
   */
  readonly allowedIps?: readonly string[];

  /**
   * Client IP addresses or CIDRs the token may never be used from, even inside `allowedIps`.
   * @default - none
   */
  readonly deniedIps?: readonly string[];

  /**
   * The instant before which the token is not valid: an absolute RFC 3339 instant such as
   * `2027-01-01T00:00:00Z`, or a Terraform expression. Never computed from the clock.
   * @default - valid as soon as it is created
   */
  readonly notBefore?: string;

  /**
   * The instant from which the token is no longer valid: an absolute RFC 3339 instant, or a
   * Terraform expression. Never computed from the clock at synth.
   * @default - never expires (the least-privilege checks flag this), or, with `rotation`,
   * the next rotation plus the grace period
   */
  readonly expiresOn?: string;

  /**
   * Replace the token on a schedule: every `everyDays` days from the first deploy, the first
   * plan on or after the day a rotation is due replaces the token, new one first, and updates
   * everything fed from its value; each token expires `graceDays` after its rotation is due
   * (computed by Terraform at plan from `plantimestamp()`, never at synth). Needs no provider
   * besides Terraform's own `terraform_data`. Cannot be combined with `expiresOn`. See the
   * README, Rotation, and test/terraform/rotation.test.ts.
   * @default - no rotation
   */
  readonly rotation?: TokenRotation;

  /**
   * Whether Cloudflare accepts the token (`disabled` keeps it, unusable).
   * @default - not set: Cloudflare makes new tokens active
   */
  readonly status?: TokenStatus;

  /**
   * Adopts an existing token (made in the dashboard or by another tool) by its id instead of
   * creating a new one: writes a Terraform `import` block (Terraform 1.5+) for the token
   * resource with the id the provider expects (`<token_id>`, or `<account_id>/<token_id>` for
   * an account-owned token). The first apply imports the token and then updates its policies,
   * IPs, dates and name in place to what this code says: `cf-token-review diff` and
   * `cdktf plan` show whether that is narrower or wider. The value in use keeps working, but
   * Terraform never learns it (the provider does not read it back): `value`, `exportValue()`
   * and deliveries stay empty until the token is replaced, e.g. by rotation. Remove the option
   * once the import is applied. See the README, "Bringing existing tokens under code".
   * @default - a new token is created
   */
  readonly adoptTokenId?: string;
}

export interface CloudflareTokenProps extends TokenOptions {
  /** What the token may do, where. At least one policy. */
  readonly policies: readonly Policy[];
}

/** Options for {@link CloudflareToken.exportValue}. */
export interface ExportValueOptions {
  /**
   * The output's description.
   * @default - "Cloudflare API token <name> (sensitive)"
   */
  readonly description?: string;
}

const STATUSES: readonly TokenStatus[] = ['active', 'disabled'];
// Tokens of one app share their IP lists and expiries: validate each distinct string once.
const normaliseCidrOnce = memoiseByString(normaliseCidr);
const normaliseInstantOnce = memoiseByString(normaliseInstant);

/**
 * A Cloudflare API token granting exactly the policies given, validated at construction.
 *
 * Renders a `cloudflare_api_token` (user-owned) or `cloudflare_account_token` (account-owned)
 * whose policies are canonical (merged, sorted), and records a one-line summary of each
 * policy next to the resource in the synthesized JSON (`"//": { "summary": [...] }`) so that
 * a reviewer can read what the token may do without decoding ids.
 */
export class CloudflareToken extends Construct {
  /** The underlying provider resource. */
  public readonly resource: ApiToken | AccountToken;
  public readonly owner: TokenOwner;
  /** The token's name as sent to Cloudflare. */
  public readonly tokenName: string;
  /** The validated, canonical policies. */
  public readonly policies: readonly RenderedPolicy[];
  /** One line per policy: effect, permission names and resources. Never holds the value. */
  public readonly summary: readonly string[];
  /** Canonical allowed CIDRs (sorted, de-duplicated). */
  public readonly allowedIps: readonly string[];
  /** Canonical denied CIDRs (sorted, de-duplicated). */
  public readonly deniedIps: readonly string[];
  /** The normalised `expires_on`, when set. */
  public readonly expiresOn?: string;
  /** The normalised `not_before`, when set. */
  public readonly notBefore?: string;
  /** The rotation option, when set. */
  public readonly rotation?: TokenRotation;
  /** The `terraform_data` generation record whose change replaces the token, when `rotation` is set. */
  public readonly rotationGeneration?: DataResource;

  constructor(scope: Construct, id: string, props: CloudflareTokenProps) {
    super(scope, id);
    const problems: Problem[] = [];
    throwIfNotProps(this.node.path, props, 'policies: [Policy.allow({ permissions, resources })]');
    this.owner = props.owner ?? TokenOwner.user();
    if (!(this.owner instanceof TokenOwner)) {
      problems.push(problemAt('owner', props.owner, { message: 'is not a TokenOwner', expected: 'TokenOwner.user() or TokenOwner.account(accountId)', fix: 'build the owner with TokenOwner' }));
      throwIfProblems(this.node.path, problems);
    }
    problems.push(...this.owner.problems('owner'));

    this.tokenName = props.name ?? this.node.path;
    const nameInvalid = checkTokenName(this.tokenName, props.name === undefined);
    if (nameInvalid) problems.push(problemAt('name', this.tokenName, nameInvalid));

    const rendered = renderPolicies(props.policies, this.owner.context);
    problems.push(...rendered.problems);
    this.policies = rendered.policies;
    this.summary = rendered.policies.map((p) => p.summary);

    this.allowedIps = normaliseIpList('allowedIps', props.allowedIps, problems);
    this.deniedIps = normaliseIpList('deniedIps', props.deniedIps, problems);
    for (const cidr of this.allowedIps.filter((c) => this.deniedIps.includes(c))) {
      problems.push(
        problemAt('deniedIps', cidr, {
          message: 'is also in allowedIps',
          expected: 'each CIDR in one list only',
          fix: 'remove it from one of the two lists',
        }),
      );
    }

    const notBefore = normaliseTime('notBefore', props.notBefore, problems);
    const expiresOn = normaliseTime('expiresOn', props.expiresOn, problems);
    if (notBefore?.epochMs !== undefined && expiresOn?.epochMs !== undefined && notBefore.epochMs >= expiresOn.epochMs) {
      problems.push(
        problemAt('expiresOn', props.expiresOn, {
          message: `is not after notBefore (${notBefore.instant})`,
          expected: 'an instant after notBefore',
          fix: 'move expiresOn later or notBefore earlier',
        }),
      );
    }
    this.notBefore = notBefore?.instant;
    this.expiresOn = expiresOn?.instant;

    if (props.rotation !== undefined) {
      problems.push(...rotationProblems('rotation', props.rotation));
      if (props.expiresOn !== undefined) {
        problems.push(
          problemAt('expiresOn', props.expiresOn, {
            message: 'is set together with rotation',
            expected: 'either a fixed expiresOn or rotation, not both (rotation sets expires_on itself)',
            fix: 'remove expiresOn to rotate, or remove rotation to keep a fixed expiry',
          }),
        );
      }
    }

    if (props.status !== undefined && !STATUSES.includes(props.status)) {
      problems.push(
        problemAt('status', props.status, {
          message: 'is not a status a token can be given',
          expected: "'active' or 'disabled' ('expired' is set by Cloudflare)",
          fix: "use 'disabled' to switch the token off, or leave status out",
        }),
      );
    }
    problems.push(...adoptProblems('adoptTokenId', props.adoptTokenId));
    throwIfProblems(this.node.path, problems);

    if (props.rotation !== undefined) {
      this.rotation = { everyDays: props.rotation.everyDays, graceDays: props.rotation.graceDays };
      this.rotationGeneration = addRotation(this, this.rotation);
      this.expiresOn = generationExpiry(this.rotationGeneration);
    }

    const config = {
      // A literal name is written escaped, so that Terraform never evaluates "${...}" in it.
      name: terraformString(this.tokenName),
      policies: this.policies.map((p) => ({
        effect: p.effect,
        permissionGroups: p.permissionGroups.map((g) => ({ id: g.id })),
        resources: p.resourcesJson,
      })),
      condition:
        this.allowedIps.length + this.deniedIps.length > 0
          ? {
              requestIp: {
                in: this.allowedIps.length > 0 ? [...this.allowedIps] : undefined,
                notIn: this.deniedIps.length > 0 ? [...this.deniedIps] : undefined,
              },
            }
          : undefined,
      notBefore: this.notBefore,
      expiresOn: this.expiresOn,
      status: props.status,
    };
    const accountId = this.owner.accountId;
    this.resource = accountId === undefined ? new ApiToken(this, 'token', config) : new AccountToken(this, 'token', { ...config, accountId });
    writeComment(this.resource, 'summary', [...this.summary]);
    if (props.adoptTokenId !== undefined) adoptExisting(this.resource, this.owner, props.adoptTokenId);
    if (this.rotation && this.rotationGeneration) {
      replaceWithGeneration(this.resource, this.rotationGeneration, { ...this.rotation, maxValidityDays: this.rotation.everyDays + this.rotation.graceDays });
      recordLibraryToken(this.resource, { rotationValidityDays: this.rotation.everyDays + this.rotation.graceDays, rotationExpiresOn: this.expiresOn });
    }
    if (expiresOn?.epochMs !== undefined) addExpiryCheck(this.resource, this.tokenName, this.node.path, expiresOn.instant);
    LeastPrivilegeChecks.enableByDefault(this);
  }

  /** The token's id (not secret). */
  public get tokenId(): string {
    return this.resource.id;
  }

  /**
   * The token's value: a sensitive Terraform reference, known only when the token is
   * created. Pass it only to sensitive places (a sensitive output, a secret store).
   */
  public get value(): string {
    return this.resource.value;
  }

  /**
   * Exports the value as a sensitive Terraform output named exactly `name` (default: the
   * construct id), so `terraform output -raw <name>` reads it. Names are unique per stack: a
   * clash is a {@link TokenConfigError} naming both constructs.
   */
  public exportValue(name: string = defaultOutputName(this), options: ExportValueOptions = {}): TerraformOutput {
    return exportSensitiveValue(this, name, this.value, options.description ?? `Cloudflare API token ${this.tokenName} (sensitive)`);
  }
}

function normaliseIpList(field: string, list: readonly string[] | undefined, problems: Problem[]): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(problemAt(field, list, { message: 'is not a list', expected: 'an array of CIDR strings', fix: `pass ${field}: ['192.0.2.0/24']` }));
    return [];
  }
  if (list.length === 0) {
    problems.push(
      problemAt(field, list, { message: 'is an empty list', expected: 'at least one CIDR, or the option left out', fix: `leave ${field} out, or name the addresses` }),
    );
  }
  const out = new Set<string>();
  // An index loop, not forEach: forEach skips holes, and `[,]` would drop the restriction.
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) {
      problems.push(holeProblem(`${field}[${i}]`));
      continue;
    }
    const value = list[i];
    const reference = referenceCheck(value, field, 'CIDR');
    if (reference === 'reference') {
      out.add(value);
      continue;
    }
    const result = reference === undefined ? normaliseCidrOnce(value) : { invalid: reference };
    if ('invalid' in result) problems.push(problemAt(`${field}[${i}]`, value, result.invalid));
    else out.add(result.cidr);
  }
  return [...out].sort();
}

function normaliseTime(field: string, value: string | undefined, problems: Problem[]) {
  if (value === undefined) return undefined;
  const result = normaliseInstantOnce(value);
  if ('invalid' in result) {
    problems.push(problemAt(field, value, result.invalid));
    return undefined;
  }
  return result;
}
