import { PermissionGroup, PermissionGroups } from '../../permissions/catalog';
import { fromFindings, NOT_APPLICABLE, RuleFinding, RuleResult } from '../rule';
import type { PolicyFacts, TokenFacts } from '../token-facts';

/** The policies that grant: `allow`, or an effect only known at plan (read the wide way). */
export function grantingPolicies(token: TokenFacts): readonly PolicyFacts[] {
  return (token.policies ?? []).filter((p) => p.effect !== 'deny');
}

/**
 * Runs `inspect` on every permission-group id the token grants (with the granting policy's
 * index) and gathers the findings; not applicable when nothing is granted.
 */
export function checkGrantedIds(token: TokenFacts, inspect: (id: string, policyIndex: number) => RuleFinding | undefined): RuleResult {
  const policies = grantingPolicies(token);
  if (policies.length === 0) return NOT_APPLICABLE;
  const findings: RuleFinding[] = [];
  for (const policy of policies) {
    for (const id of policy.permissionGroupIds) {
      const finding = inspect(id, policy.index);
      if (finding) findings.push(finding);
    }
  }
  return fromFindings(findings);
}

/** The catalogued group with this id, if any. */
export function catalogued(id: string): PermissionGroup | undefined {
  return PermissionGroups.has(id) ? PermissionGroups.byId(id) : undefined;
}

/** A group's name for messages: the catalog name, or the raw id. */
export function groupLabel(id: string): string {
  return catalogued(id)?.name ?? `uncatalogued ${id}`;
}

/** The catalog's groups with these names (every scope a name exists in). Throws on a name the catalog lacks. */
export function groupsNamed(names: readonly string[]): readonly PermissionGroup[] {
  return names.flatMap((name) => {
    const groups = PermissionGroups.all().filter((g) => g.name === name);
    if (groups.length === 0) throw new Error(`least-privilege rule set names "${name}", which the permission catalog lacks`);
    return groups;
  });
}
