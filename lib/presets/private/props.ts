import { holeProblem, Problem, problemAt, throwIfProblems } from '../../errors';
import { Resource } from '../../resources/resource';
import { TokenOwner } from '../../token/owner';
import { checkId, IdKind } from '../../validate/ids';
import { checkOwnedBy } from './owner-account';

/**
 * Checks a list of ids at `field`: a list, not empty when given, each a valid id (`optional`:
 * whether leaving the option out is a fix worth suggesting).
 * Returns the ids that passed (an empty list when none, or when the list was left out).
 */
export function checkIdList(field: string, kind: IdKind, list: unknown, problems: Problem[], example: string, optional = true): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(problemAt(field, list, { message: 'is not a list', expected: `an array of ${kind} ids`, fix: `pass ${field}: ${example}` }));
    return [];
  }
  if (list.length === 0) {
    problems.push(
      problemAt(field, list, {
        message: 'is an empty list',
        expected: optional ? `at least one ${kind} id, or the option left out` : `at least one ${kind} id`,
        fix: `name the ${kind}s, e.g. ${field}: ${example}` + (optional ? `, or leave ${field} out` : ''),
      }),
    );
    return [];
  }
  const valid: string[] = [];
  // An index loop: forEach skips holes, and `[,]` would silently name no zone.
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) {
      problems.push(holeProblem(`${field}[${i}]`));
      continue;
    }
    const invalid = checkId(kind, list[i]);
    if (invalid) problems.push(problemAt(`${field}[${i}]`, list[i], invalid));
    else valid.push(list[i] as string);
  }
  return valid;
}

/** Throws at once when a preset is given no props object (plain JavaScript callers). */
export function requireProps(constructPath: string, props: unknown, expected: string, fix: string): void {
  if (props !== null && typeof props === 'object') return;
  throwIfProblems(constructPath, [problemAt('props', props, { message: 'are missing', expected, fix })]);
}

/** Checks one id at `field`, pushing a problem when it is missing or invalid. */
export function checkSingleId(field: string, kind: IdKind, value: unknown, problems: Problem[]): void {
  const invalid = checkId(kind, value);
  if (invalid) problems.push(problemAt(field, value, invalid));
}

/** Checks an optional boolean switch. */
export function checkSwitch(field: string, value: unknown, problems: Problem[]): void {
  if (value === undefined || typeof value === 'boolean') return;
  problems.push(problemAt(field, value, { message: 'is not a boolean', expected: 'true or false', fix: `pass ${field}: true to grant it, or leave it out` }));
}

/**
 * Where a zone preset applies: the zones named, or, only when asked for by name, every zone
 * of one account.
 */
export interface ZoneSelectionProps {
  readonly zones?: readonly string[];
  readonly allZonesOfAccount?: string;
  /** The token's owner: an account-owned token reaches only its own account's zones. */
  readonly owner?: TokenOwner;
}

const ZONES_EXAMPLE = "['023e105f4ecef8ad9ca31a8372d0c353']";

/**
 * The zone resources of a zone preset. Exactly one of `zones` (at least one id) and
 * `allZonesOfAccount` must be given: there is no default, so "all zones" is never an accident.
 */
export function selectZones(props: ZoneSelectionProps, problems: Problem[]): Resource[] {
  const { zones, allZonesOfAccount } = props;
  if (zones !== undefined && allZonesOfAccount !== undefined) {
    problems.push(
      problemAt('allZonesOfAccount', allZonesOfAccount, {
        message: 'is set together with zones',
        expected: 'either zones (the zones named) or allZonesOfAccount (every zone of the account), not both',
        fix: 'drop allZonesOfAccount to grant only the zones named',
      }),
    );
    return [];
  }
  if (allZonesOfAccount !== undefined) {
    const before = problems.length;
    checkSingleId('allZonesOfAccount', 'account', allZonesOfAccount, problems);
    if (problems.length === before) checkOwnedBy('allZonesOfAccount', allZonesOfAccount, props.owner, problems);
    return problems.length === before ? [Resource.allZonesOfAccount(allZonesOfAccount)] : [];
  }
  if (zones === undefined) {
    problems.push(
      problemAt('zones', zones, {
        message: 'is missing',
        expected: 'at least one zone id',
        fix: `name the zones, e.g. zones: ${ZONES_EXAMPLE} (every zone of an account only with allZonesOfAccount: '<account id>')`,
      }),
    );
    return [];
  }
  return checkIdList('zones', 'zone', zones, problems, ZONES_EXAMPLE, false).map((id) => Resource.zone(id));
}
