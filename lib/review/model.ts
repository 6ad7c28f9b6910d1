import type { RecordedFinding as CheckRecordedFinding, RecordedSuppression } from '../checks/recorded';
import type { Delivery } from './deliveries';
import type { ReadRotation } from './rotation-schedule';
import type { StackItem } from './stack-items';
export type { RecordedSuppression };
/**
 * The reviewer's model of a synthesized token: what it may do, where, from where, until
 * when. Read back from `cdk.tf.json`, so it holds only what the synth output says (never
 * the token value, which is not in the output and which the reader never copies).
 */

/** What a policy grants on: one resource key of a policy's `resources` JSON. */
export type GrantTarget =
  /** One zone; `accountId` when nested under an account (account-owned tokens). */
  | { readonly kind: 'zone'; readonly zoneId: string; readonly accountId?: string }
  | { readonly kind: 'allZonesOfAccount'; readonly accountId: string }
  | { readonly kind: 'allZonesOfAllAccounts' }
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'allAccounts' }
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'r2Bucket'; readonly accountId: string; readonly jurisdiction: string; readonly bucket: string }
  | { readonly kind: 'allR2BucketsOfAccount'; readonly accountId: string }
  /** A key this tool does not know, kept verbatim (as the JSON of key and value). */
  | { readonly kind: 'unrecognised'; readonly key: string; readonly value: string }
  /** The whole `resources` attribute is a Terraform expression, unknown until plan. */
  | { readonly kind: 'expression'; readonly expression: string };

export type GrantTargetKind = GrantTarget['kind'];

/** A permission group as granted: its id, and its catalog name when the catalog has it. */
export interface GrantedPermission {
  readonly id: string;
  /** Catalog name, with the scope added when the name exists in several scopes. */
  readonly name?: string;
}

export interface ReviewedPolicy {
  readonly effect: string;
  readonly permissions: readonly GrantedPermission[];
  readonly resources: readonly GrantTarget[];
}

export type ReviewedOwner = { readonly kind: 'user' } | { readonly kind: 'account'; readonly accountId: string };

/**
 * A finding of the least-privilege checks, as read back from the metadata. The level is
 * whatever string the synth output holds (it may come from another version of the checks).
 */
export interface RecordedFinding extends Omit<CheckRecordedFinding, 'level'> {
  readonly level: string;
  /**
   * Found by the reviewer running the rules on the token's JSON, and missing from the record
   * the checks wrote (or at a lower level there): the record was edited or overridden.
   */
  readonly notInRecord?: true;
}

export interface ReviewedToken {
  /** The stack's name in `manifest.json`. */
  readonly stack: string;
  /** `cloudflare_api_token.<name>` or `cloudflare_account_token.<name>`. */
  readonly address: string;
  readonly resourceType: 'cloudflare_api_token' | 'cloudflare_account_token';
  /** The construct path from the metadata, when cdktf recorded one. */
  readonly constructPath?: string;
  /** What the diff matches base and head tokens by: stack and construct path, else address. */
  readonly matchKey: string;
  /** The token's name (literal or expression). */
  readonly name?: string;
  readonly owner: ReviewedOwner;
  readonly policies: readonly ReviewedPolicy[];
  /** Allowed client CIDRs (or expressions); `undefined` when any address may use the token. */
  readonly allowedIps?: readonly string[];
  /** Denied client CIDRs (or expressions); empty when none. */
  readonly deniedIps: readonly string[];
  readonly notBefore?: string;
  readonly expiresOn?: string;
  /** `lifecycle.replace_triggered_by` references: what replaces (rotates) the token. */
  readonly replaceTriggeredBy: readonly string[];
  /** Rotation period and grace, `unreadable`, or `undefined` when the token does not rotate. */
  readonly rotation?: ReadRotation;
  /**
   * Attributes of the token resource this tool does not model (`count`, `for_each`,
   * `provider`, `dynamic`, lifecycle settings other than replacement), as JSON text by name:
   * any change to them counts as wider.
   */
  readonly unmodelled?: Readonly<Record<string, string>>;
  /** Where the token's value goes (outputs, secrets, anything referencing it), sorted. */
  readonly deliveries: readonly Delivery[];
  readonly status?: string;
  /** The summary lines our constructs record; empty for raw provider tokens. */
  readonly summary: readonly string[];
  /** The findings recorded at synth, then those the reviewer's own run of the rules adds (`notInRecord`). */
  readonly findings: readonly RecordedFinding[];
  readonly suppressions: readonly RecordedSuppression[];
  /**
   * Why the record the checks wrote cannot be believed, when it cannot: it lacks findings the
   * rules find on the token's JSON, or the token carries none while its stack's checks ran.
   */
  readonly recordDisagrees?: string;
  /**
   * The level the least-privilege checks ran at on this token (`default`, `strict`);
   * `undefined` when no checks recorded anything on it: not checked, which is not "no findings".
   */
  readonly checkedAt?: string;
}

/** Which least-privilege checks ran on a stack, as its synth output records them. */
export interface StackChecks {
  readonly stack: string;
  /** `default`, `strict`, `off` (turned off, with `reason`), or `not checked` (nothing recorded). */
  readonly level: 'default' | 'strict' | 'off' | 'not checked';
  readonly reason?: string;
  /** The longest validity the checks allowed (CFT3), when recorded as a positive number of days other than the default 365. */
  readonly maxValidityDays?: number;
}

/** Every token of every stack in one synth output directory. */
export interface SynthOutput {
  /** The directory read. */
  readonly dir: string;
  /** The stacks in `manifest.json`, sorted. */
  readonly stacks: readonly string[];
  /** Tokens sorted by stack, then construct path or address. */
  readonly tokens: readonly ReviewedToken[];
  /** Per stack (sorted), which least-privilege checks ran. */
  readonly checks?: readonly StackChecks[];
  /** Modules, provisioners, token-capable resources and extra Terraform files, by stack. */
  readonly stackItems: readonly StackItem[];
}
