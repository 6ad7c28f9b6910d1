import { Token } from '../framework';
import { Invalid, Problem, problemAt } from '../errors';
import { PermissionScope } from '../permissions/scope';
import { checkId } from '../validate/ids';
import { referenceCheck } from '../validate/terraform-string';

/** Where an R2 bucket's data lives; part of the bucket's resource key. */
export type R2Jurisdiction = 'default' | 'eu' | 'fedramp';
const JURISDICTIONS: readonly R2Jurisdiction[] = ['default', 'eu', 'fedramp'];

/** A resource key's value: `"*"`, or keys nested under an account. */
export type ResourceValue = '*' | { readonly [key: string]: '*' };

/** One entry of a policy's `resources` object. */
export interface ResourceEntry {
  readonly key: string;
  readonly value: ResourceValue;
}

/** Who owns the token the resource is granted on; it changes how zones are written. */
export type OwnerContext = { readonly kind: 'user' } | { readonly kind: 'account'; readonly accountId: string };

type Spec =
  | { readonly kind: 'zone'; readonly zoneId: string }
  | { readonly kind: 'allZonesOfAccount'; readonly accountId: string }
  | { readonly kind: 'allZonesOfAllAccounts' }
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'r2Bucket'; readonly accountId: string; readonly bucket: string; readonly jurisdiction: R2Jurisdiction }
  | { readonly kind: 'allR2BucketsOfAccount'; readonly accountId: string };

export type ResourceKind = Spec['kind'];

const SCOPE_OF: Record<ResourceKind, PermissionScope> = {
  zone: 'zone',
  allZonesOfAccount: 'zone',
  allZonesOfAllAccounts: 'zone',
  account: 'account',
  user: 'user',
  r2Bucket: 'r2Bucket',
  allR2BucketsOfAccount: 'r2Bucket',
};

const ACCOUNT = 'com.cloudflare.api.account';
const ZONE = 'com.cloudflare.api.account.zone';
const R2_BUCKET = 'com.cloudflare.edge.r2.bucket';
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Options for {@link Resource.r2Bucket}. */
export interface R2BucketOptions {
  /**
   * The bucket's jurisdiction.
   * @default 'default'
   */
  readonly jurisdiction?: R2Jurisdiction;
}

/**
 * What a policy grants its permission groups on. Built with the static factories; ids are
 * checked when the token that uses the resource is constructed, so that errors can name it.
 * Ids may be unresolved cdktf tokens (e.g. a `DataCloudflareZone`'s `.id`).
 */
export class Resource {
  /** One zone, by its 32-hex zone id (not its domain name). */
  public static zone(zoneId: string): Resource {
    return new Resource({ kind: 'zone', zoneId });
  }

  /** Every zone of one account, including zones added later. Wider than naming the zones. */
  public static allZonesOfAccount(accountId: string): Resource {
    return new Resource({ kind: 'allZonesOfAccount', accountId });
  }

  /**
   * Every zone of every account the token's user can reach, now and later: the widest zone
   * grant there is. User-owned tokens only.
   */
  public static allZonesOfAllAccounts(): Resource {
    return new Resource({ kind: 'allZonesOfAllAccounts' });
  }

  /** One account, for account-scoped permission groups. */
  public static account(accountId: string): Resource {
    return new Resource({ kind: 'account', accountId });
  }

  /** The user who owns the token, for user-scoped permission groups. User-owned tokens only. */
  public static user(userId: string): Resource {
    return new Resource({ kind: 'user', userId });
  }

  /** One R2 bucket of an account. */
  public static r2Bucket(accountId: string, bucket: string, options: R2BucketOptions = {}): Resource {
    return new Resource({ kind: 'r2Bucket', accountId, bucket, jurisdiction: options?.jurisdiction ?? 'default' });
  }

  /** Every R2 bucket of one account, including buckets created later. */
  public static allR2BucketsOfAccount(accountId: string): Resource {
    return new Resource({ kind: 'allR2BucketsOfAccount', accountId });
  }

  private constructor(private readonly spec: Spec) {}

  public get kind(): ResourceKind {
    return this.spec.kind;
  }

  /** The permission scope this resource accepts. */
  public get scope(): PermissionScope {
    return SCOPE_OF[this.spec.kind];
  }

  /** Whether this resource covers resources not named (all zones, all buckets). */
  public get isWildcard(): boolean {
    return this.spec.kind.startsWith('all');
  }

  /** Everything wrong with this resource for a token of `owner`, reported at `field`. */
  public problems(field: string, owner: OwnerContext): Problem[] {
    const s = this.spec;
    const problems: Problem[] = [];
    const id = (kind: 'zone' | 'account' | 'user', value: string, at: string) => {
      const invalid = checkId(kind, value);
      if (invalid) problems.push(problemAt(at, value, invalid));
    };
    switch (s.kind) {
      case 'zone':
        id('zone', s.zoneId, field);
        break;
      case 'user':
        id('user', s.userId, field);
        break;
      case 'r2Bucket': {
        id('account', s.accountId, `${field}.accountId`);
        const invalid = checkBucketName(s.bucket);
        if (invalid) problems.push(problemAt(`${field}.bucket`, s.bucket, invalid));
        if (!JURISDICTIONS.includes(s.jurisdiction)) {
          problems.push(
            problemAt(`${field}.jurisdiction`, s.jurisdiction, {
              message: 'is not an R2 jurisdiction',
              expected: JURISDICTIONS.map((j) => `'${j}'`).join(', '),
              fix: "leave it out for 'default', or use the jurisdiction the bucket was created in",
            }),
          );
        }
        break;
      }
      case 'allZonesOfAllAccounts':
        break;
      default:
        id('account', s.accountId, field);
    }
    if (problems.length > 0 || owner.kind === 'user') return problems;
    return this.accountOwnerProblems(field, owner.accountId);
  }

  /** Account-owned tokens act inside their own account, and have no user. */
  private accountOwnerProblems(field: string, ownerAccountId: string): Problem[] {
    const s = this.spec;
    if (s.kind === 'allZonesOfAllAccounts') {
      return [
        problemAt(field, 'all zones of all accounts', {
          message: 'cannot be granted to an account-owned token',
          expected: 'zones of the owning account',
          fix: `use Resource.allZonesOfAccount('${ownerAccountId}') or name the zones`,
        }),
      ];
    }
    if (s.kind === 'user') {
      return [
        problemAt(field, s.userId, {
          message: 'is a user resource, which an account-owned token cannot hold',
          expected: 'zone, account or R2 bucket resources of the owning account',
          fix: 'drop the user-scoped grant, or make the token user-owned (TokenOwner.user())',
        }),
      ];
    }
    if ('accountId' in s && s.accountId !== ownerAccountId && !Token.isUnresolved(s.accountId) && !Token.isUnresolved(ownerAccountId)) {
      return [
        problemAt(field, s.accountId, {
          message: "is not the account that owns the token",
          expected: `the owning account ${ownerAccountId}`,
          fix: 'grant resources of the owning account only, or create the token in the other account',
        }),
      ];
    }
    return [];
  }

  /** The entry this resource adds to a policy's `resources` object. */
  public entry(owner: OwnerContext): ResourceEntry {
    const { key, nested } = this.entryKeys(owner);
    return { key, value: nested === undefined ? '*' : { [nested]: '*' } };
  }

  /**
   * {@link entry} as strings: the key, and the one key nested under it when the value is not
   * `"*"`. Rendering uses this form: an object keyed by an id (`{ [zoneKey]: '*' }`) costs V8 a
   * new hidden class per distinct id, several microseconds each in a synth of many tokens.
   * @internal
   */
  public entryKeys(owner: OwnerContext): { readonly key: string; readonly nested?: string } {
    const s = this.spec;
    switch (s.kind) {
      case 'zone':
        // The account-token API wants zones nested under the owning account.
        return owner.kind === 'account' ? { key: `${ACCOUNT}.${owner.accountId}`, nested: `${ZONE}.${s.zoneId}` } : { key: `${ZONE}.${s.zoneId}` };
      case 'allZonesOfAccount':
        return { key: `${ACCOUNT}.${s.accountId}`, nested: `${ZONE}.*` };
      case 'allZonesOfAllAccounts':
        return { key: `${ZONE}.*` };
      case 'account':
        return { key: `${ACCOUNT}.${s.accountId}` };
      case 'user':
        return { key: `com.cloudflare.api.user.${s.userId}` };
      case 'r2Bucket':
        return { key: `${R2_BUCKET}.${s.accountId}_${s.jurisdiction}_${s.bucket}` };
      case 'allR2BucketsOfAccount':
        return { key: `${ACCOUNT}.${s.accountId}`, nested: `${R2_BUCKET}.*` };
    }
  }

  /** A short phrase for summaries: "zone <id>", "ALL zones of account <id>", ... */
  public describe(): string {
    const s = this.spec;
    switch (s.kind) {
      case 'zone':
        return `zone ${s.zoneId}`;
      case 'allZonesOfAccount':
        return `ALL zones of account ${s.accountId}`;
      case 'allZonesOfAllAccounts':
        return 'ALL zones of ALL accounts';
      case 'account':
        return `account ${s.accountId}`;
      case 'user':
        return `user ${s.userId}`;
      case 'r2Bucket':
        return `R2 bucket ${s.bucket} (${s.jurisdiction}) of account ${s.accountId}`;
      case 'allR2BucketsOfAccount':
        return `ALL R2 buckets of account ${s.accountId}`;
    }
  }
}

function checkBucketName(bucket: unknown): Invalid | undefined {
  const reference = referenceCheck(bucket, 'the bucket name', 'bucket name');
  if (reference === 'reference') return undefined;
  if (reference !== undefined) return reference;
  if (typeof bucket === 'string' && BUCKET_NAME.test(bucket)) return undefined;
  return {
    message: 'is not a valid R2 bucket name',
    expected: '3 to 63 characters: lower-case letters, digits and hyphens, starting and ending with a letter or digit',
    fix: 'pass the bucket name exactly as it appears in the R2 dashboard',
  };
}
