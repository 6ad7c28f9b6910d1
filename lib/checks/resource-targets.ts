import { SCOPE_KEYS } from '../permissions/scope';

// The parts of a token's facts that need no cdktf: what a policy's resources name. The
// synth-time checks (token-facts.ts) and the reviewer's audit of tokens listed by the
// Cloudflare API (lib/review/audit) both read resources through this, so the rules see the
// same targets whichever side built the facts.

/** What a policy's resource key names. `wildcard*` kinds cover resources nobody named. */
export type TargetKind =
  | 'zone'
  | 'account'
  | 'user'
  | 'r2Bucket'
  | 'allZonesOfAllAccounts'
  | 'allZonesOfAccount'
  | 'allR2BucketsOfAccount'
  | 'allAccounts'
  | 'otherWildcard'
  | 'unknown'
  | 'unreadable';

/** One resource a policy applies to: a top-level key, or a key nested under an account. */
export interface ResourceTarget {
  /** The resource key, e.g. `com.cloudflare.api.account.zone.<id>`. */
  readonly key: string;
  /** The account key it is nested under, for nested keys. */
  readonly parent?: string;
  readonly kind: TargetKind;
  /** The zone, account or user id the key names, when it names one. */
  readonly id?: string;
  /** `key`, or `parent/key`: equal strings mean the same grant target. */
  readonly label: string;
}

/** Whether a synthesized string is (or contains) a Terraform expression, unknown until plan. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

// References inside a resource key are replaced by placeholders while the JSON is parsed.
// The placeholder is a private-use character; text that already holds one is not read.
const MARK = '\uE000';
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

/** Replaces every `${...}` of `text` with a placeholder; `undefined` when braces do not balance. */
function withPlaceholders(text: string, references: string[]): string | undefined {
  if (text.includes(MARK)) return undefined;
  let out = '';
  let from = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', from)) {
    let depth = 0;
    let end = -1;
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    out += `${text.slice(from, start)}${MARK}${references.length}${MARK}`;
    references.push(text.slice(start, end + 1));
    from = end + 1;
  }
  return out + text.slice(from);
}

/**
 * Flattens a policy's `resources` JSON into targets; `undefined` when it cannot be read at
 * synth. References inside keys (a zone id from a `DataCloudflareZone`) are kept: such a key
 * names one resource whose id Terraform fills in.
 */
export function parseResources(resources: unknown): ResourceTarget[] | undefined {
  let parsed: unknown = resources;
  const references: string[] = [];
  if (typeof resources === 'string') {
    const text = isExpression(resources) ? withPlaceholders(resources, references) : resources;
    if (text === undefined) return undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const restore = (key: string) => (references.length === 0 ? key : key.replace(PLACEHOLDER, (_m, n: string) => references[Number(n)]));
  const top = asRecord(parsed);
  if (top === undefined) return undefined;
  const targets: ResourceTarget[] = [];
  for (const [key, value] of Object.entries(top)) {
    const nested = asRecord(value);
    if (nested === undefined) {
      targets.push(value === '*' ? classify(restore(key)) : unknownValue(restore(key)));
      continue;
    }
    for (const [child, childValue] of Object.entries(nested)) {
      targets.push(childValue === '*' ? classify(restore(child), restore(key)) : unknownValue(restore(child), restore(key)));
    }
  }
  return targets;
}

function unknownValue(key: string, parent?: string): ResourceTarget {
  return { key, parent, kind: 'unknown', label: parent === undefined ? key : `${parent}/${key}` };
}

const HEX32 = /^[0-9a-f]{32}$/;

// A reference that names one resource: an attribute of a resource or data source
// (`data.cloudflare_zone.main.id`). A variable, a local or a function call could hold "*".
const ONE_RESOURCE_REFERENCE = /^\$\{(?!var\.|local\.)[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])+\}$/;

/** How the id part of a key reads: a literal id, one resource's reference, an unreadable expression, a wildcard or junk. */
function idKind(id: string): 'id' | 'reference' | 'unreadable' | 'wildcard' | 'unknown' {
  if (HEX32.test(id)) return 'id';
  if (isExpression(id)) return ONE_RESOURCE_REFERENCE.test(id) ? 'reference' : 'unreadable';
  return id.includes('*') ? 'wildcard' : 'unknown';
}

// The wildcard keys and the prefixes of named keys, built once (classify runs per resource key).
const ALL_ZONES = `${SCOPE_KEYS.zone}.*`;
const ALL_R2_BUCKETS = `${SCOPE_KEYS.r2Bucket}.*`;
const ALL_ACCOUNTS = `${SCOPE_KEYS.account}.*`;
const ZONE_PREFIX = `${SCOPE_KEYS.zone}.`;
const R2_PREFIX = `${SCOPE_KEYS.r2Bucket}.`;
const USER_PREFIX = `${SCOPE_KEYS.user}.`;
const ACCOUNT_PREFIX = `${SCOPE_KEYS.account}.`;

function classify(key: string, parent?: string): ResourceTarget {
  const label = parent === undefined ? key : `${parent}/${key}`;
  const parentAccount = parent?.startsWith(ACCOUNT_PREFIX) ? parent.slice(ACCOUNT_PREFIX.length) : undefined;
  const at = (kind: TargetKind, id?: string): ResourceTarget => ({ key, parent, kind, id, label });
  const named = (kind: 'zone' | 'account' | 'user', id: string): ResourceTarget => {
    switch (idKind(id)) {
      case 'id':
      case 'reference':
        return at(kind, id);
      case 'unreadable':
        return at('unreadable', id);
      case 'wildcard':
        return at('otherWildcard');
      default:
        return at('unknown');
    }
  };
  if (parent !== undefined && parentAccount === undefined) return at('unknown');
  if (key === ALL_ZONES) return parentAccount === undefined ? at('allZonesOfAllAccounts') : at('allZonesOfAccount', parentAccount);
  if (key === ALL_R2_BUCKETS) return parentAccount === undefined ? at('otherWildcard') : at('allR2BucketsOfAccount', parentAccount);
  if (key === ALL_ACCOUNTS) return at('allAccounts');
  if (key.startsWith(ZONE_PREFIX)) return named('zone', key.slice(ZONE_PREFIX.length));
  if (key.startsWith(R2_PREFIX)) return key.includes('*') ? at('otherWildcard') : isExpression(key) ? at('unreadable') : at('r2Bucket');
  if (key.startsWith(USER_PREFIX)) return parent === undefined ? named('user', key.slice(USER_PREFIX.length)) : at('unknown');
  if (key.startsWith(ACCOUNT_PREFIX) && parent === undefined) return named('account', key.slice(ACCOUNT_PREFIX.length));
  return key.includes('*') ? at('otherWildcard') : at('unknown');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
