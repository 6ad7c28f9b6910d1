import { Construct } from 'constructs';
import { Problem, throwIfProblems } from '../errors';
import { UnambiguousPermissionGroupName } from '../permissions/catalog';
import { Policy } from '../policy/policy';
import { TokenOptions } from '../token/cloudflare-token';
import { requireProps, selectZones } from './private/props';
import { PresetToken } from './preset-token';

/** Props of {@link CachePurgeToken}. Give exactly one of `zones` and `allZonesOfAccount`. */
export interface CachePurgeTokenProps extends TokenOptions {
  /**
   * The zone ids (32 hex, not domain names) whose cache the token purges. At least one.
   * Required unless `allZonesOfAccount` is given.
   * @default - none: one of `zones` and `allZonesOfAccount` is required
   */
  readonly zones?: readonly string[];

  /**
   * WIDE: purge on every zone of this account, including zones added later, instead of
   * naming zones. Summaries show it as "ALL zones of account <id>".
   * @default - none: only the zones named in `zones`
   */
  readonly allZonesOfAccount?: string;
}

/**
 * A token that can purge the cache of the zones named, and nothing else: for a deploy
 * step, a CMS webhook, a cache-invalidation job.
 *
 * Grants `Cache Purge` (e17beae8b8cb423a99b1730f21238bed) on each zone named. That is the one
 * permission `POST /zones/{zone_id}/purge_cache` requires (by URL, tag, host, prefix or
 * everything); it cannot read or change any setting or record.
 *
 * Closest dashboard template: none (there is no cache-purge template); people usually reach
 * for "Edit zone DNS" or a custom token on "All zones". Ours names the zones and grants no
 * Zone Read: the purge endpoint takes the zone id, so the token never needs to look it up.
 */
export class CachePurgeToken extends PresetToken {
  /** The permission groups granted on each zone. */
  public static readonly PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Cache Purge'] as const);

  constructor(scope: Construct, id: string, props: CachePurgeTokenProps) {
    super(scope, id);
    requireProps(this.node.path, props, '{ zones: [...] }', 'pass the zones whose cache the token purges');
    const problems: Problem[] = [];
    const zones = selectZones(props, problems);
    throwIfProblems(this.node.path, problems);
    this.buildToken('CachePurgeToken', props, [Policy.allow({ permissions: CachePurgeToken.PERMISSIONS, resources: zones })]);
  }
}
