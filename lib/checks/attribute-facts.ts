import { memoiseByString } from '../private/memoise';
import { isExpression, parseResources } from './resource-targets';
import type { PolicyFacts, UnreadablePart } from './token-facts';

// Readers of a token's `policies` and `condition` in the provider's snake_case shape, which is
// also the Cloudflare API's (GET /user/tokens lists `policies[].effect`,
// `policies[].permission_groups[].id`, `policies[].resources`, `condition.request_ip.in` and
// `not_in`). No cdktf here: the synth-time checks (token-facts.ts) and the reviewer's audit of
// listed tokens (lib/review/audit) build the same facts, with the same CFT13 finding ids, from
// either.

// Tokens of one app often grant on the same resources (one account, a few zones): parse each
// distinct `resources` text once. The targets are read, never changed, by every rule.
const parseResourcesOnce = memoiseByString(parseResources);

export function readPolicies(raw: unknown, unreadable: UnreadablePart[]): PolicyFacts[] | undefined {
  if (!Array.isArray(raw)) {
    unreadable.push({
      finding: 'policies',
      message: `policies is ${describeUnreadable(raw)}, so none of its permissions or resources can be checked at synth (CFT1, CFT2, CFT5 to CFT8, CFT12 not checked)`,
    });
    return undefined;
  }
  return raw.map((p, i) => readPolicy(p, i, unreadable));
}

export function readPolicy(raw: unknown, index: number, unreadable: UnreadablePart[]): PolicyFacts {
  const at = `policies[${index}]`;
  const policy = asRecord(raw);
  if (policy === undefined) {
    unreadable.push({ finding: at, message: `${at} is ${describeUnreadable(raw)}, so its permissions and resources cannot be checked at synth` });
    return { index, effect: 'allow', permissionGroupIds: [], resources: [], resourcesText: JSON.stringify(raw ?? null) };
  }
  if (typeof policy.effect !== 'string' || isExpression(policy.effect)) {
    unreadable.push({ finding: `${at}.effect`, message: `${at}.effect is ${describeUnreadable(policy.effect)}; the policy is read as an allow (the wider reading)` });
  }
  const permissionGroupIds: string[] = [];
  if (!Array.isArray(policy.permission_groups)) {
    unreadable.push({
      finding: `${at}.permission_groups`,
      message: `${at}.permission_groups is ${describeUnreadable(policy.permission_groups)}, so the permissions it grants cannot be checked at synth (CFT2, CFT5, CFT6, CFT7, CFT8 not checked)`,
    });
  } else {
    for (const group of policy.permission_groups) {
      const id = asRecord(group)?.id;
      // An id given by an expression is kept: CFT8 names it as not in the catalog.
      permissionGroupIds.push(typeof id === 'string' ? id : JSON.stringify(id ?? null));
    }
  }
  const resourcesText = typeof policy.resources === 'string' ? policy.resources : JSON.stringify(policy.resources ?? null);
  const resources = parseResourcesOnce(policy.resources);
  if (resources === undefined) {
    unreadable.push({ finding: `${at}.resources`, message: `${at}.resources is not literal JSON (${resourcesText}), so where it grants cannot be checked at synth (CFT1, CFT6, CFT7, CFT12 not checked)` });
  } else {
    for (const target of resources.filter((t) => t.kind === 'unreadable')) {
      unreadable.push({ finding: `${at}.resources:${target.label}`, message: `${at}.resources names ${target.label}, whose id is only known at plan and could be any value, "*" included` });
    }
  }
  return { index, effect: typeof policy.effect === 'string' ? policy.effect : 'allow', permissionGroupIds, resources, resourcesText };
}

export function readCondition(raw: unknown, unreadable: UnreadablePart[]): { allowed: string[] | undefined; denied: string[] | undefined } {
  if (raw === undefined || raw === null) return { allowed: [], denied: [] };
  const condition = asRecord(raw);
  const requestIp = condition === undefined ? undefined : condition.request_ip;
  if (condition === undefined || (requestIp !== undefined && requestIp !== null && asRecord(requestIp) === undefined)) {
    unreadable.push({ finding: 'condition', message: `condition is ${describeUnreadable(raw)}, so which client IPs may use the token cannot be checked at synth (CFT4 not checked)` });
    return { allowed: undefined, denied: undefined };
  }
  const ips = asRecord(requestIp);
  const list = (value: unknown, field: string): string[] | undefined => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || isExpression(v))) {
      unreadable.push({ finding: field, message: `${field} is ${describeUnreadable(value)}, so which client IPs it lists cannot be checked at synth (CFT4 not checked)` });
      return undefined;
    }
    return value as string[];
  };
  return { allowed: list(ips?.in, 'condition.request_ip.in'), denied: list(ips?.not_in, 'condition.request_ip.not_in') };
}

export function describeUnreadable(value: unknown): string {
  // A string that is not an expression (an override, or a listing from the API) is just not in the shape.
  if (typeof value === 'string' && isExpression(value)) return `the Terraform expression ${value}`;
  if (value === undefined || value === null) return 'missing';
  return `not in the provider's shape (${JSON.stringify(value).slice(0, 200)})`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
