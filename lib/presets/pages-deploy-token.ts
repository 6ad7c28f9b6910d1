import { Construct } from 'constructs';
import { Problem, throwIfProblems } from '../errors';
import { UnambiguousPermissionGroupName } from '../permissions/catalog';
import { Policy } from '../policy/policy';
import { Resource } from '../resources/resource';
import { TokenOptions } from '../token/cloudflare-token';
import { presetAccountId } from './private/owner-account';
import { requireProps } from './private/props';
import { PresetToken } from './preset-token';

/** Props of {@link PagesDeployToken}. */
export interface PagesDeployTokenProps extends TokenOptions {
  /**
   * The account (32 hex) that holds the Pages projects. Set the same id as
   * `CLOUDFLARE_ACCOUNT_ID` in CI, so that wrangler does not need to look the account up.
   * @default - the owning account of an account-owned token (required for a user-owned one)
   */
  readonly accountId?: string;
}

/**
 * A token for `wrangler pages deploy` (Direct Upload) from CI.
 *
 * Grants `Pages Write` (8d28297797f24fb8a0c332fe0866ec89, "Cloudflare Pages: Edit" in the
 * dashboard) on the one account named, nothing else: no zone, no user, no Workers.
 *
 * Closest dashboard template: none; Cloudflare's Direct Upload CI guide asks for a custom
 * token with Account > Cloudflare Pages > Edit, which is this. The account id must be given to
 * wrangler (`CLOUDFLARE_ACCOUNT_ID`): without it wrangler lists the user's memberships and
 * would need User Details Read and Memberships Read as well, which this token does not grant.
 */
export class PagesDeployToken extends PresetToken {
  /** The permission groups granted on the account. */
  public static readonly PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Pages Write'] as const);

  constructor(scope: Construct, id: string, props: PagesDeployTokenProps) {
    super(scope, id);
    requireProps(this.node.path, props, '{ owner: TokenOwner.account(...) } or { accountId: ... }', 'pass the account that holds the Pages projects');
    const problems: Problem[] = [];
    const accountId = presetAccountId(props.accountId, props.owner, problems, 'that holds the Pages projects');
    throwIfProblems(this.node.path, problems);
    if (accountId === undefined) return; // unreachable: a missing account is a problem above
    this.buildToken('PagesDeployToken', props, [Policy.allow({ permissions: PagesDeployToken.PERMISSIONS, resources: [Resource.account(accountId)] })]);
  }
}
