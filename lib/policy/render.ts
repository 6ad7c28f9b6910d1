import { listProblems, Problem, problemAt } from '../errors';
import { PermissionGroup } from '../permissions/catalog';
import { PermissionScope } from '../permissions/scope';
import { OwnerContext, Resource } from '../resources/resource';
import { compareCodeUnits } from './canonical-json';
import { resolvePermission } from './permission-ref';
import { Effect, Policy } from './policy';

/** A validated policy in the form the provider takes, merged and sorted. */
export interface RenderedPolicy {
  readonly effect: Effect;
  /** The permission groups, sorted by id, without duplicates. */
  readonly permissionGroups: readonly PermissionGroup[];
  /** The resources, in the order of their descriptions, without duplicates. */
  readonly resources: readonly Resource[];
  /** The `resources` attribute: canonical JSON. */
  readonly resourcesJson: string;
  /** One line for reviewers: effect, permission names, resources. */
  readonly summary: string;
}

export interface RenderResult {
  readonly policies: readonly RenderedPolicy[];
  readonly problems: readonly Problem[];
}

const SCOPE_WORDS: Record<PermissionScope, string> = {
  zone: 'a zone',
  account: 'an account',
  user: 'the user',
  r2Bucket: 'an R2 bucket',
};

/**
 * Validates policies for a token of `owner` and renders them canonically: policies with the
 * same effect and resources merge, ids are sorted and de-duplicated, policies are sorted by
 * effect, resources and ids. Reordering the input never changes the output.
 */
export function renderPolicies(policies: readonly Policy[], owner: OwnerContext, field = 'policies'): RenderResult {
  const problems: Problem[] = [];
  if (!Array.isArray(policies) || policies.length === 0) {
    problems.push(
      problemAt(field, policies, {
        message: 'is empty',
        expected: 'at least one policy',
        fix: 'add a Policy.allow({ permissions, resources }) naming what the token needs',
      }),
    );
    return { policies: [], problems };
  }

  problems.push(...listProblems(field, policies, 'policies: [Policy.allow({ permissions, resources })]'));
  if (problems.length > 0) return { policies: [], problems };
  const merged = new Map<string, { effect: Effect; groups: Map<string, PermissionGroup>; resources: Map<string, Resource>; json: string }>();
  policies.forEach((policy, i) => {
    const at = `${field}[${i}]`;
    const before = problems.length;
    const groups = checkPolicy(policy, owner, at, problems);
    if (problems.length > before) return;
    // key -> "*" or the keys nested under it; an entry's value replaces the key's, two nested sets merge.
    const resourcesByKey = new Map<string, '*' | Set<string>>();
    for (const resource of policy.resources) {
      const { key, nested } = resource.entryKeys(owner);
      const existing = resourcesByKey.get(key);
      if (nested === undefined) resourcesByKey.set(key, '*');
      else if (existing instanceof Set) existing.add(nested);
      else resourcesByKey.set(key, new Set([nested]));
    }
    const json = resourcesJson(resourcesByKey);
    const key = `${policy.effect}\n${json}`;
    const slot = merged.get(key) ?? { effect: policy.effect, groups: new Map(), resources: new Map(), json };
    for (const g of groups) slot.groups.set(g.id, g);
    for (const r of policy.resources) slot.resources.set(r.describe(), r);
    merged.set(key, slot);
  });
  if (problems.length > 0) return { policies: [], problems };

  const rendered = [...merged.values()].map((slot): RenderedPolicy => {
    const permissionGroups = [...slot.groups.values()].sort((a, b) => compareCodeUnits(a.id, b.id));
    // slot.resources is keyed by describe(): sort by it and reuse it in the summary.
    const described = [...slot.resources.entries()].sort(([a], [b]) => compareCodeUnits(a, b));
    const names = permissionGroups.map((g) => g.name).sort(compareCodeUnits);
    return {
      effect: slot.effect,
      permissionGroups,
      resources: described.map(([, r]) => r),
      resourcesJson: slot.json,
      summary: `${slot.effect} ${names.join(', ')} on ${described.map(([description]) => description).join(', ')}`,
    };
  });
  rendered.sort(
    (a, b) =>
      compareCodeUnits(a.effect, b.effect) ||
      compareCodeUnits(a.resourcesJson, b.resourcesJson) ||
      compareCodeUnits(a.permissionGroups.map((g) => g.id).join(), b.permissionGroups.map((g) => g.id).join()),
  );
  return { policies: rendered, problems: [] };
}

/**
 * The `resources` attribute: what `canonicalJson` writes for the same object (keys sorted,
 * no white space), built from the strings directly, without an object keyed by ids.
 */
function resourcesJson(resourcesByKey: ReadonlyMap<string, '*' | ReadonlySet<string>>): string {
  const members = [...resourcesByKey.keys()].sort(compareCodeUnits).map((key) => {
    const value = resourcesByKey.get(key)!;
    const json = value === '*' ? '"*"' : `{${[...value].sort(compareCodeUnits).map((nested) => `${JSON.stringify(nested)}:"*"`).join(',')}}`;
    return `${JSON.stringify(key)}:${json}`;
  });
  return `{${members.join(',')}}`;
}

/** Checks one policy; returns its resolved groups, pushing any problem found. */
function checkPolicy(policy: Policy, owner: OwnerContext, at: string, problems: Problem[]): PermissionGroup[] {
  if (!(policy instanceof Policy)) {
    problems.push(problemAt(at, policy, { message: 'is not a Policy', expected: 'Policy.allow(...) or Policy.deny(...)', fix: 'build policies with Policy.allow / Policy.deny' }));
    return [];
  }
  if (policy.permissions.length === 0) {
    problems.push(
      problemAt(`${at}.permissions`, [], { message: 'is empty', expected: 'at least one permission group', fix: "name the groups the token needs, e.g. permissions: ['DNS Write']" }),
    );
  }
  if (policy.resources.length === 0) {
    problems.push(
      problemAt(`${at}.resources`, [], { message: 'is empty', expected: 'at least one resource', fix: 'name where the permissions apply, e.g. resources: [Resource.zone(zoneId)]' }),
    );
  }
  policy.resources.forEach((resource, j) => {
    if (!(resource instanceof Resource)) {
      problems.push(
        problemAt(`${at}.resources[${j}]`, resource, { message: 'is not a Resource', expected: 'a Resource.zone(...), Resource.account(...) or other Resource factory result', fix: 'wrap the id with a Resource factory' }),
      );
      return;
    }
    problems.push(...resource.problems(`${at}.resources[${j}]`, owner));
  });
  const resourceScopes: PermissionScope[] = [];
  for (const r of policy.resources) if (r instanceof Resource && !resourceScopes.includes(r.scope)) resourceScopes.push(r.scope);
  resourceScopes.sort();
  if (resourceScopes.length > 1) {
    problems.push(
      problemAt(`${at}.resources`, policy.resources.map((r) => r.describe()), {
        message: `mixes resources of several scopes (${resourceScopes.join(', ')})`,
        expected: 'resources of one scope per policy',
        fix: 'split it into one policy per scope: zone groups on zones, account groups on the account, ...',
      }),
    );
  }
  const scope = resourceScopes.length === 1 ? resourceScopes[0] : undefined;
  const groups: PermissionGroup[] = [];
  policy.permissions.forEach((ref, j) => {
    const result = resolvePermission(ref, `${at}.permissions[${j}]`);
    if ('problem' in result) {
      problems.push(result.problem);
      return;
    }
    const group = result.group;
    if (scope !== undefined && group.scope !== scope) {
      problems.push(
        problemAt(`${at}.permissions[${j}]`, group.name, {
          message: `is a permission group of scope '${group.scope}', granted on ${SCOPE_WORDS[scope]} resource`,
          expected: `a '${scope}' permission group, or ${SCOPE_WORDS[group.scope]} resource for '${group.name}'`,
          fix: `move '${group.name}' to a policy whose resources are of scope '${group.scope}'`,
        }),
      );
      return;
    }
    groups.push(group);
  });
  return groups;
}
