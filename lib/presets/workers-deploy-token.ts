import { Construct } from 'constructs';
import { Problem, throwIfProblems } from '../errors';
import { UnambiguousPermissionGroupName } from '../permissions/catalog';
import { Policy } from '../policy/policy';
import { Resource } from '../resources/resource';
import { TokenOptions } from '../token/cloudflare-token';
import { presetAccountId } from './private/owner-account';
import { checkIdList, checkSwitch, requireProps } from './private/props';
import { PresetToken } from './preset-token';

/** The optional account-level bindings a Workers deploy may need write access to. */
export type WorkersBindingOption = 'kv' | 'r2' | 'd1' | 'tail';

/** Props of {@link WorkersDeployToken}. */
export interface WorkersDeployTokenProps extends TokenOptions {
  /**
   * The account (32 hex) the Workers are deployed to. Give wrangler the same id
   * (`account_id` in the wrangler config, or `CLOUDFLARE_ACCOUNT_ID`): then it never calls
   * `/memberships`, and the token needs no user permission.
   * @default - the owning account of an account-owned token (required for a user-owned one)
   */
  readonly accountId?: string;

  /**
   * The zones (32-hex ids) whose routes the deploy writes (`routes` in the wrangler config).
   * Deploys to `*.workers.dev` or custom domains managed elsewhere need none.
   * @default - no zone grant: the deploy cannot touch any zone's routes
   */
  readonly routeZones?: readonly string[];

  /**
   * The zones whose cache the pipeline purges after deploying.
   * @default - no Cache Purge grant
   */
  readonly cachePurgeZones?: readonly string[];

  /**
   * Grant Workers KV Storage Write on the account, for a pipeline that creates or writes KV
   * namespaces (`wrangler kv ...`).
   * @default false
   */
  readonly kv?: boolean;

  /**
   * Grant Workers R2 Storage Write on the account, for a pipeline that creates R2 buckets, or
   * a Worker that binds one (wrangler looks a bound bucket up before deploying).
   * @default false
   */
  readonly r2?: boolean;

  /**
   * Grant D1 Write on the account, for a deploy that runs `wrangler d1 migrations apply`.
   * @default false
   */
  readonly d1?: boolean;

  /**
   * Grant Workers Tail Read on the account, for `wrangler tail` from the pipeline.
   * @default false
   */
  readonly tail?: boolean;
}

const BINDING_PERMISSIONS: Readonly<Record<WorkersBindingOption, UnambiguousPermissionGroupName>> = Object.freeze({
  kv: 'Workers KV Storage Write',
  r2: 'Workers R2 Storage Write',
  d1: 'D1 Write',
  tail: 'Workers Tail Read',
});

const ZONES_EXAMPLE = "['023e105f4ecef8ad9ca31a8372d0c353']";

/**
 * A token for `wrangler deploy` from CI, with the account id set.
 *
 * Grants:
 * - on the account: `Workers Scripts Write` (e086da7e2179491d91ee5f35b3ca210a); plus, only when asked for,
 *   `Workers KV Storage Write` (`kv`), `Workers R2 Storage Write` (`r2`), `D1 Write` (`d1`),
 *   `Workers Tail Read` (`tail`);
 * - on each of `routeZones`, only if given: `Workers Routes Write` (28f4b596e7d643029c524985477ae49a);
 * - on each of `cachePurgeZones`, only if given: `Cache Purge` (e17beae8b8cb423a99b1730f21238bed).
 *
 * Closest dashboard template: "Edit Cloudflare Workers", which also grants KV, R2 and Tail
 * whether or not the Worker uses them, User Details Read and Memberships Read on the user,
 * and Workers Routes Write on the zones picked (often "All zones"). Ours drops the user
 * grants (wrangler needs them only to guess the account; with the account id set it never
 * asks, and account-owned tokens cannot hold them anyway), grants storage only on request,
 * and routes only on the zones named. Nothing here touches billing, DNS or zone settings.
 *
 * Not granted, deliberately: `Account Settings Read`, which the template includes. With the
 * account id set, wrangler resolves the account without any API call, and no deploy path
 * reads account settings: `fetchAllAccounts` (`GET /accounts` and `/memberships`) runs only
 * when no account id is configured (cloudflare/workers-sdk f8308360,
 * packages/workers-auth/src/core/factory.ts `getOrSelectAccountId`; the deploy requests in
 * packages/deploy-helpers/src are all under `/accounts/<id>/workers`, `/storage/kv`, `/r2`,
 * `/d1`, `/queues`, ... and `/zones/<id>/workers/routes`).
 */
export class WorkersDeployToken extends PresetToken {
  /** Always granted on the account. */
  public static readonly ACCOUNT_PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Workers Scripts Write'] as const);
  /** Granted on the account only when the matching option is true. */
  public static readonly OPTIONAL_ACCOUNT_PERMISSIONS: Readonly<Record<WorkersBindingOption, UnambiguousPermissionGroupName>> = BINDING_PERMISSIONS;
  /** Granted on each of `routeZones`. */
  public static readonly ROUTE_PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Workers Routes Write'] as const);
  /** Granted on each of `cachePurgeZones`. */
  public static readonly CACHE_PURGE_PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Cache Purge'] as const);

  constructor(scope: Construct, id: string, props: WorkersDeployTokenProps) {
    super(scope, id);
    requireProps(this.node.path, props, '{ owner: TokenOwner.account(...) } or { accountId: ... }', 'pass the account the Workers are deployed to');
    const problems: Problem[] = [];
    const accountId = presetAccountId(props.accountId, props.owner, problems, 'the Workers are deployed to');
    const routeZones = checkIdList('routeZones', 'zone', props.routeZones, problems, ZONES_EXAMPLE);
    const purgeZones = checkIdList('cachePurgeZones', 'zone', props.cachePurgeZones, problems, ZONES_EXAMPLE);
    const options = Object.keys(BINDING_PERMISSIONS) as WorkersBindingOption[];
    for (const option of options) checkSwitch(option, props[option], problems);
    throwIfProblems(this.node.path, problems);
    if (accountId === undefined) return; // unreachable: a missing account is a problem above

    const accountPermissions = [...WorkersDeployToken.ACCOUNT_PERMISSIONS, ...options.filter((o) => props[o] === true).map((o) => BINDING_PERMISSIONS[o])];
    const policies = [Policy.allow({ permissions: accountPermissions, resources: [Resource.account(accountId)] })];
    if (routeZones.length > 0) {
      policies.push(Policy.allow({ permissions: WorkersDeployToken.ROUTE_PERMISSIONS, resources: routeZones.map((z) => Resource.zone(z)) }));
    }
    if (purgeZones.length > 0) {
      policies.push(Policy.allow({ permissions: WorkersDeployToken.CACHE_PURGE_PERMISSIONS, resources: purgeZones.map((z) => Resource.zone(z)) }));
    }
    this.buildToken('WorkersDeployToken', props, policies);
  }
}
