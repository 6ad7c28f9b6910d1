import { listProblems, throwIfNotProps, throwIfProblems } from '../errors';
import { Resource } from '../resources/resource';
import { PermissionRef } from './permission-ref';

export type Effect = 'allow' | 'deny';

export interface PolicyProps {
  /** The permission groups granted (or denied). At least one. */
  readonly permissions: readonly PermissionRef[];
  /** Where they apply, all of one scope (zones, accounts, the user, or R2 buckets). At least one. */
  readonly resources: readonly Resource[];
}

/**
 * One statement of a token: permission groups allowed or denied on resources. Cloudflare
 * evaluates explicit deny, then explicit allow, then denies anything else.
 *
 * Checked when the token using it is constructed (scope match, ids, names), so that the
 * error names the token.
 */
export class Policy {
  /** Grants `permissions` on `resources`. */
  public static allow(props: PolicyProps): Policy {
    return new Policy('allow', props);
  }

  /** Denies `permissions` on `resources`, overriding any allow (e.g. carve one zone out of all). */
  public static deny(props: PolicyProps): Policy {
    return new Policy('deny', props);
  }

  public readonly permissions: readonly PermissionRef[];
  public readonly resources: readonly Resource[];

  private constructor(public readonly effect: Effect, props: PolicyProps) {
    // Checked here, not only at the token: a bad shape would otherwise be a bare TypeError
    // or, for a hole, an entry silently read as undefined.
    const where = `Policy.${effect}`;
    throwIfNotProps(where, props, 'permissions, resources');
    throwIfProblems(where, [...listProblems('permissions', props.permissions, "permissions: ['DNS Write']"), ...listProblems('resources', props.resources, 'resources: [Resource.zone(zoneId)]')]);
    this.permissions = Object.freeze([...props.permissions]);
    this.resources = Object.freeze([...props.resources]);
  }
}
