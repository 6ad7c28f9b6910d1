import { CATALOG_DATA } from './catalog-data';
import { closestMatches } from './closest';
import { ALL_SCOPES, PermissionScope, SCOPE_KEYS, scopeFromKey } from './scope';

type Entry = (typeof CATALOG_DATA)[number];

/** Every permission-group name in the vendored catalog. A typo in a literal is a compile error. */
export type PermissionGroupName = Entry['name'];

/** The names of the groups that can be granted on resources of scope `S`. */
export type PermissionGroupNameIn<S extends PermissionScope> = Extract<Entry, { scope: (typeof SCOPE_KEYS)[S] }>['name'];

/**
 * The names that exist in more than one scope, with a different group (and id) in each:
 * `Logs Write`, `Logs Read`, ... A bare name cannot say which is meant, so these are granted
 * only with their scope (`{ name: 'Logs Write', scope: 'zone' }`).
 */
export type AmbiguousPermissionGroupName = {
  [S in PermissionScope]: PermissionGroupNameIn<S> & PermissionGroupNameIn<Exclude<PermissionScope, S>>;
}[PermissionScope];

/** The names that exist in exactly one scope: a bare name picks one group. */
export type UnambiguousPermissionGroupName = Exclude<PermissionGroupName, AmbiguousPermissionGroupName>;

/** How sure we are of a catalog entry (see README, "Permission catalog"). */
export type CatalogConfidence = Entry['confidence'];

/** A Cloudflare API token permission group. */
export interface PermissionGroup {
  /** The 32-hex id: the stable key Cloudflare documents. */
  readonly id: string;
  /** The API name (Cloudflare may rename; the id stays). */
  readonly name: string;
  /** The kind of resource this group can be granted on. */
  readonly scope: PermissionScope;
  /** `confirmed`, `api-dump-only` or `unverified`; `uncatalogued` for a raw id the catalog lacks. */
  readonly confidence: CatalogConfidence | 'uncatalogued';
  /** Earlier names of this group. */
  readonly formerly: readonly string[];
}

const GROUPS: readonly PermissionGroup[] = Object.freeze(
  CATALOG_DATA.map((entry) => {
    const scope = scopeFromKey(entry.scope);
    if (scope === undefined) throw new Error(`catalog entry ${entry.id} has unknown scope ${entry.scope}`);
    const formerly: readonly string[] = 'formerly' in entry ? entry.formerly : [];
    return Object.freeze({ id: entry.id, name: entry.name, scope, confidence: entry.confidence, formerly });
  }),
);
const BY_ID = new Map(GROUPS.map((g) => [g.id, g]));
const BY_NAME = new Map<string, PermissionGroup[]>();
for (const group of GROUPS) {
  for (const name of [group.name, ...group.formerly]) {
    BY_NAME.set(name, [...(BY_NAME.get(name) ?? []), group]);
  }
}

/** Why a look-up failed, with what to do instead. */
export interface LookupFailure {
  readonly message: string;
  readonly expected: string;
  readonly fix: string;
}

export type LookupResult = { readonly group: PermissionGroup } | { readonly failure: LookupFailure };

/** Looks a group up by name, optionally within one scope, without throwing. */
export function lookupByName(name: string, scope?: PermissionScope): LookupResult {
  const candidates = BY_NAME.get(name) ?? [];
  const inScope = scope === undefined ? candidates : candidates.filter((g) => g.scope === scope);
  if (inScope.length === 1) return { group: inScope[0] };
  if (inScope.length > 1) {
    const scopes = inScope.map((g) => g.scope).sort();
    return {
      failure: {
        message: `is a permission-group name that exists in more than one scope (${scopes.join(', ')})`,
        expected: 'a name together with its scope',
        fix: `name the scope: { name: ${JSON.stringify(name)}, scope: ${scopes.map((s) => `'${s}'`).join(' | ')} }`,
      },
    };
  }
  if (candidates.length > 0 && scope !== undefined) {
    const scopes = candidates.map((g) => g.scope).sort();
    return {
      failure: {
        message: `is not a permission group of scope '${scope}' (it exists only in: ${scopes.join(', ')})`,
        expected: `a permission group of scope '${scope}'`,
        fix: `grant it on a resource of scope ${scopes.map((s) => `'${s}'`).join(' or ')}, or pick a '${scope}' group`,
      },
    };
  }
  const pool = scope === undefined ? GROUPS : GROUPS.filter((g) => g.scope === scope);
  const suggestions = closestMatches(name, [...new Set(pool.map((g) => g.name))], 3);
  return {
    failure: {
      message: 'is not a known permission-group name',
      expected: `one of the ${pool.length} names in the catalog${scope ? ` for scope '${scope}'` : ''}`,
      fix:
        (suggestions.length > 0 ? `did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}? ` : '') +
        'API names say "Write" where the dashboard says "Edit" (e.g. "DNS Write"); a group newer than the catalog can be granted with PermissionGroups.uncatalogued(id, scope)',
    },
  };
}

/** Looks a group up by its 32-hex id, without throwing. */
export function lookupById(id: string): LookupResult {
  const group = BY_ID.get(id);
  if (group) return { group };
  return {
    failure: {
      message: 'is not the id of any permission group in the catalog',
      expected: 'the 32-hex id of a catalogued permission group',
      fix: 'check the id, or grant a group newer than the catalog explicitly with PermissionGroups.uncatalogued(id, scope)',
    },
  };
}

/** Thrown by the eager look-ups of {@link PermissionGroups}. */
export class PermissionLookupError extends Error {
  constructor(received: string, failure: LookupFailure) {
    super(`${JSON.stringify(received)} ${failure.message}; expected ${failure.expected}. Fix: ${failure.fix}`);
    this.name = 'PermissionLookupError';
  }
}

function orThrow(received: string, result: LookupResult): PermissionGroup {
  if ('failure' in result) throw new PermissionLookupError(received, result.failure);
  return result.group;
}

/**
 * The vendored catalog of Cloudflare permission groups (336 groups, snapshot of 2026-11).
 *
 * Look-ups here throw at once, for code that inspects the catalog. Policies take names and
 * resolve them when the token is constructed, so that their errors can name the construct.
 */
export class PermissionGroups {
  /** Every catalogued group, sorted by scope, name and id. */
  public static all(): readonly PermissionGroup[] {
    return GROUPS;
  }

  /** The groups that can be granted on resources of `scope`. */
  public static inScope(scope: PermissionScope): readonly PermissionGroup[] {
    return GROUPS.filter((g) => g.scope === scope);
  }

  /** A group by id; throws when the catalog does not have it. */
  public static byId(id: string): PermissionGroup {
    return orThrow(id, lookupById(id));
  }

  /**
   * A group by API name. Names that exist in more than one scope (`Logs Write`, ...) need
   * `scope`; an unknown name throws with the closest known names.
   */
  public static byName(name: PermissionGroupName, scope?: PermissionScope): PermissionGroup {
    return orThrow(name, lookupByName(name, scope));
  }

  /**
   * A group newer than the catalog, granted explicitly by id and scope. Visible as such in
   * summaries and reports ("uncatalogued <id>").
   */
  public static uncatalogued(id: string, scope: PermissionScope, name?: string): PermissionGroup {
    return uncataloguedPermissionGroup(id, scope, name);
  }

  /** Whether the catalog has a group with this id. */
  public static has(id: string): boolean {
    return BY_ID.has(id);
  }

  /** The scopes a name exists in (empty for an unknown name). */
  public static scopesOf(name: string): readonly PermissionScope[] {
    return ALL_SCOPES.filter((s) => (BY_NAME.get(name) ?? []).some((g) => g.scope === s));
  }
}

/**
 * A permission group the catalog does not have yet (Cloudflare adds groups often), granted
 * by id. The scope must be stated, since nothing else can tell which resources it fits.
 * Checked when the token is constructed; a later catalog update makes it a regular group.
 */
export function uncataloguedPermissionGroup(id: string, scope: PermissionScope, name?: string): PermissionGroup {
  return Object.freeze({ id, name: name ?? `uncatalogued ${id}`, scope, confidence: 'uncatalogued' as const, formerly: [] });
}
