import { Construct } from 'constructs';
import { Problem, problemAt, throwIfProblems } from '../errors';
import { UnambiguousPermissionGroupName } from '../permissions/catalog';
import { Policy } from '../policy/policy';
import { TokenOptions } from '../token/cloudflare-token';
import { Resource } from '../resources/resource';
import { checkOwnedBy } from './private/owner-account';
import { checkSingleId, checkSwitch, requireProps, selectZones } from './private/props';
import { PresetToken } from './preset-token';

/** Props of {@link ScopedDnsToken}. Give exactly one of `zones` and `allZonesOfAccount`. */
export interface ScopedDnsTokenProps extends TokenOptions {
  /**
   * The zone ids (32 hex, not domain names) whose DNS records the token manages. At least
   * one. Required unless `allZonesOfAccount` is given.
   * @default - none: one of `zones` and `allZonesOfAccount` is required
   */
  readonly zones?: readonly string[];

  /**
   * WIDE: grant on every zone of this account, including zones added later, instead of
   * naming zones. Only for tools that really manage DNS account-wide (e.g. external-dns
   * across all zones); summaries show it as "ALL zones of account <id>".
   * @default - none: only the zones named in `zones`
   */
  readonly allZonesOfAccount?: string;

  /**
   * WIDER ZONE READ, for DNS-01 clients that look a zone up by name (cert-manager, Caddy's
   * libdns, acme.sh with `CF_Account_ID`, external-dns with domain filters, simple-acme):
   * `GET /zones?name=...` finds only zones the token can read on every zone of the account,
   * so these tools fail with the zones named alone. With this set, the token gets DNS Write
   * (or DNS Read) on the zones in `zones` only, and `Zone Read` (the zone's name, id, plan and
   * status; no records, no settings) on every zone of this account, including later ones.
   * The summary shows it as "Zone Read on ALL zones of account <id>". Needs `zones`.
   * @default - Zone Read only on the zones named
   */
  readonly zoneReadOnAllZonesOfAccount?: string;

  /**
   * Read the records only (DNS Read and Zone Read) instead of managing them.
   * @default false - DNS Write and Zone Read
   */
  readonly readOnly?: boolean;
}

/**
 * A token that manages the DNS records of the zones named, and nothing else: for a
 * Terraform DNS pipeline, external-dns, an ACME DNS-01 client.
 *
 * Grants, on each zone named (`zones`), nothing else:
 * - `DNS Write` (4755a26eedb94da69e1066d98aa820be) and `Zone Read` (c8fed203ed3043cba015a93ad1616f1f);
 * - with `readOnly: true`: `DNS Read` (82e64a83756745bbbb1c9c2701bf816b) and `Zone Read`.
 *
 * Closest dashboard template: "Edit zone DNS" (DNS Write on whatever zones are picked, "All
 * zones" included). Ours has no default: it names the zones, and "every zone of an account"
 * is the visibly named `allZonesOfAccount` option.
 * Zone Read is added because DNS tools look the zone up (by id or name) before touching its
 * records.
 */
export class ScopedDnsToken extends PresetToken {
  /** The permission groups granted on each zone, by mode. */
  public static readonly PERMISSIONS: { readonly write: readonly UnambiguousPermissionGroupName[]; readonly readOnly: readonly UnambiguousPermissionGroupName[] } = Object.freeze({
    write: Object.freeze(['DNS Write', 'Zone Read'] as const),
    readOnly: Object.freeze(['DNS Read', 'Zone Read'] as const),
  });

  /** Granted on every zone of `zoneReadOnAllZonesOfAccount`, when given. */
  public static readonly ZONE_LOOKUP_PERMISSIONS: readonly UnambiguousPermissionGroupName[] = Object.freeze(['Zone Read'] as const);

  /** Whether the token only reads records. */
  public readonly readOnly: boolean;

  constructor(scope: Construct, id: string, props: ScopedDnsTokenProps) {
    super(scope, id);
    requireProps(this.node.path, props, '{ zones: [...] }', 'pass the zones the token manages');
    const problems: Problem[] = [];
    const zones = selectZones(props, problems);
    checkSwitch('readOnly', props.readOnly, problems);
    const lookupAccount = zoneLookupAccount(props, problems);
    throwIfProblems(this.node.path, problems);

    this.readOnly = props.readOnly === true;
    const permissions = this.readOnly ? ScopedDnsToken.PERMISSIONS.readOnly : ScopedDnsToken.PERMISSIONS.write;
    if (lookupAccount === undefined) {
      this.buildToken('ScopedDnsToken', props, [Policy.allow({ permissions, resources: zones })]);
    } else {
      const records = permissions.filter((p) => p !== 'Zone Read');
      this.buildToken('ScopedDnsToken', props, [
        Policy.allow({ permissions: records, resources: zones }),
        Policy.allow({ permissions: ScopedDnsToken.ZONE_LOOKUP_PERMISSIONS, resources: [Resource.allZonesOfAccount(lookupAccount)] }),
      ]);
    }
  }
}

/** The account whose zones the token may look up by name, checked; undefined when not asked for. */
function zoneLookupAccount(props: ScopedDnsTokenProps, problems: Problem[]): string | undefined {
  const account = props.zoneReadOnAllZonesOfAccount;
  if (account === undefined) return undefined;
  const before = problems.length;
  if (props.allZonesOfAccount !== undefined) {
    problems.push(
      problemAt('zoneReadOnAllZonesOfAccount', account, {
        message: 'is set together with allZonesOfAccount',
        expected: 'zones (DNS Write on those) with zoneReadOnAllZonesOfAccount (Zone Read on all), or allZonesOfAccount alone',
        fix: 'name the zones the tool writes in zones and drop allZonesOfAccount',
      }),
    );
    return undefined;
  }
  checkSingleId('zoneReadOnAllZonesOfAccount', 'account', account, problems);
  if (problems.length === before) checkOwnedBy('zoneReadOnAllZonesOfAccount', account, props.owner, problems);
  return problems.length === before ? account : undefined;
}
