import { Construct } from 'constructs';
import { Problem, problemAt, throwIfProblems } from '../errors';
import { PermissionGroup, PermissionGroupName, PermissionGroups } from '../permissions/catalog';
import { PermissionScope } from '../permissions/scope';
import { compareCodeUnits } from '../policy/canonical-json';
import { Policy } from '../policy/policy';
import { Resource } from '../resources/resource';
import { TokenOptions } from '../token/cloudflare-token';
import { TokenOwner } from '../token/owner';
import { checkOwnedBy } from './private/owner-account';
import { DATA_READ_GROUPS, DataReadGroup } from './data-read-groups';
import { checkIdList, checkSingleId, checkSwitch, requireProps } from './private/props';
import { PresetToken } from './preset-token';

/** Props of {@link ReadOnlyToken}. Name at least one of `zones`, `accounts` and `userId`. */
export interface ReadOnlyTokenProps extends TokenOptions {
  /**
   * Zones (32-hex ids) to read: every zone-scope Read group is granted on each.
   * @default - no zone grant
   */
  readonly zones?: readonly string[];

  /**
   * Accounts (32-hex ids) to read: every account-scope Read group is granted on each. An
   * account-owned token can only name its owning account.
   * @default - no account grant
   */
  readonly accounts?: readonly string[];

  /**
   * The user (32-hex id, from `GET /user`) to read: every user-scope Read group (user
   * details, memberships, the user's API tokens list). User-owned tokens only.
   * @default - no user grant
   */
  readonly userId?: string;

  /**
   * Read groups to leave out, by name: e.g. the data reads a configuration auditor need not
   * see (`'Workers KV Storage Read'`, `'Logs Read'`). Each must be a group the token would
   * otherwise grant; a name that exists in several scopes is left out of all of them.
   * @default - none left out
   */
  readonly except?: readonly PermissionGroupName[];

  /**
   * Configuration only: leave out every group of {@link ReadOnlyToken.DATA_READ_GROUPS}, the
   * groups that read stored data (KV, R2, D1, ...), logs and analytics, personal data or
   * billing. For a configuration auditor or drift detection.
   * @default false - every Read group of the scopes named
   */
  readonly configurationOnly?: boolean;
}

const READ_SUFFIX = ' Read';

/**
 * A token that can read, and only read, the zones, accounts and user it names: for audits,
 * inventory, dashboards, drift detection (`terraform plan` with a read-only token).
 *
 * Grants, derived from the vendored catalog ({@link ReadOnlyToken.readGroupsOf}):
 * - on each of `zones`: every zone-scope group whose name ends in " Read";
 * - on each of `accounts`: every account-scope group whose name ends in " Read";
 * - on `userId`, if given: every user-scope group whose name ends in " Read";
 * minus any named in `except`. Groups the catalog marks `unverified` are left out (their ids
 * may not exist), and no group that writes, runs, purges or revokes is ever included.
 *
 * Closest dashboard template: "Read all resources", which grants every Read group on all
 * accounts, all zones and the user. Ours grants the same kind of groups, but only on the
 * resources named. Note that "Read" includes data, not only configuration (KV values, logs,
 * analytics): name only what the reader must see.
 */
export class ReadOnlyToken extends PresetToken {
  /** The groups `configurationOnly` leaves out, with what each reads. */
  public static readonly DATA_READ_GROUPS: readonly DataReadGroup[] = DATA_READ_GROUPS;

  /**
   * The Read groups granted on resources of `scope`: catalog groups of that scope whose name
   * ends in " Read" and whose catalog confidence is not `unverified`, sorted by name.
   */
  public static readGroupsOf(scope: PermissionScope): readonly PermissionGroup[] {
    return PermissionGroups.inScope(scope)
      .filter((g) => g.name.endsWith(READ_SUFFIX) && g.confidence !== 'unverified')
      .slice()
      .sort((a, b) => compareCodeUnits(a.name, b.name));
  }

  constructor(scope: Construct, id: string, props: ReadOnlyTokenProps) {
    super(scope, id);
    requireProps(this.node.path, props, '{ zones?, accounts?, userId? }', 'name what the token may read');
    const problems: Problem[] = [];
    const zones = checkIdList('zones', 'zone', props.zones, problems, "['023e105f4ecef8ad9ca31a8372d0c353']");
    const accounts = checkIdList('accounts', 'account', props.accounts, problems, "['0123456789abcdef0123456789abcdef']");
    (Array.isArray(props.accounts) ? props.accounts : []).forEach((account: unknown, i) => {
      if (typeof account === 'string' && accounts.includes(account)) checkOwnedBy(`accounts[${i}]`, account, props.owner, problems);
    });
    if (props.userId !== undefined && props.owner instanceof TokenOwner && props.owner.kind === 'account') {
      problems.push(
        problemAt('userId', props.userId, {
          message: 'names a user, which an account-owned token cannot read',
          expected: 'userId only on a user-owned token',
          fix: 'leave userId out, or make the token user-owned (owner: TokenOwner.user())',
        }),
      );
    }
    if (props.userId !== undefined) checkSingleId('userId', 'user', props.userId, problems);
    if (props.zones === undefined && props.accounts === undefined && props.userId === undefined) {
      problems.push(
        problemAt('zones', undefined, {
          message: 'and accounts and userId are all missing',
          expected: 'at least one of zones, accounts and userId',
          fix: "name what the token may read, e.g. zones: ['023e105f4ecef8ad9ca31a8372d0c353']",
        }),
      );
    }
    const named: [PermissionScope, Resource[]][] = [
      ['zone', zones.map((z) => Resource.zone(z))],
      ['account', accounts.map((a) => Resource.account(a))],
      ['user', props.userId === undefined ? [] : [Resource.user(props.userId)]],
    ];
    const granted = named.filter(([, resources]) => resources.length > 0);
    const except = checkExcept(props.except, granted.map(([s]) => s), problems);
    checkSwitch('configurationOnly', props.configurationOnly, problems);
    const dataReads = new Set<string>(props.configurationOnly === true ? DATA_READ_GROUPS.map((g) => g.name) : []);
    const policies: Policy[] = [];
    for (const [scopeName, resources] of granted) {
      const permissions = ReadOnlyToken.readGroupsOf(scopeName).filter((g) => !except.has(g.name) && !dataReads.has(g.name));
      if (permissions.length === 0) {
        problems.push(
          problemAt('except', props.except, {
            message: `leaves no Read group on the ${scopeName} resources named`,
            expected: `at least one ${scopeName} Read group left`,
            fix: `stop naming the ${scopeName} resources instead of excluding all their groups`,
          }),
        );
      } else policies.push(Policy.allow({ permissions, resources }));
    }
    throwIfProblems(this.node.path, problems);
    this.buildToken('ReadOnlyToken', props, policies);
  }
}

/** The names in `except`, each of which must be a Read group of one of the scopes granted. */
function checkExcept(except: unknown, scopes: readonly PermissionScope[], problems: Problem[]): Set<string> {
  if (except === undefined) return new Set();
  if (!Array.isArray(except)) {
    problems.push(problemAt('except', except, { message: 'is not a list', expected: 'an array of Read group names', fix: "pass except: ['Workers KV Storage Read']" }));
    return new Set();
  }
  const grantable = new Set(scopes.flatMap((s) => ReadOnlyToken.readGroupsOf(s).map((g) => g.name)));
  except.forEach((name: unknown, i) => {
    if (typeof name !== 'string' || !grantable.has(name)) {
      problems.push(
        problemAt(`except[${i}]`, name, {
          message: 'is not a Read group this token grants',
          expected: `the name of a Read group of the scopes named (${scopes.join(', ') || 'none'})`,
          fix: 'remove it; ReadOnlyToken.readGroupsOf(scope) lists the groups granted',
        }),
      );
    }
  });
  return new Set(except.filter((n): n is string => typeof n === 'string'));
}
