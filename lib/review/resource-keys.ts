import { GrantTarget } from './model';

// Resource keys of a policy's `resources` JSON (DESIGN.md, "Resource keys").
const ACCOUNT = 'com.cloudflare.api.account.';
const ZONE = 'com.cloudflare.api.account.zone.';
const USER = 'com.cloudflare.api.user.';
const R2_BUCKET = 'com.cloudflare.edge.r2.bucket.';

/** Whether a string is a Terraform expression (`${...}`) as cdktf writes references. */
export function isExpression(text: string): boolean {
  return text.includes('${');
}

/**
 * Reads a parsed `resources` object into grant targets, one per leaf key, in key order.
 * Keys this tool does not know are kept as `unrecognised` (never dropped: a reviewer must
 * see every grant).
 */
export function parseResourceKeys(resources: Record<string, unknown>): GrantTarget[] {
  const targets: GrantTarget[] = [];
  for (const key of Object.keys(resources).sort()) {
    const value = resources[key];
    if (key.startsWith(ZONE) && value === '*') {
      const zoneId = key.slice(ZONE.length);
      targets.push(zoneId === '*' ? { kind: 'allZonesOfAllAccounts' } : { kind: 'zone', zoneId });
    } else if (key.startsWith(USER) && value === '*') {
      targets.push({ kind: 'user', userId: key.slice(USER.length) });
    } else if (key.startsWith(R2_BUCKET) && value === '*') {
      targets.push(bucketTarget(key) ?? unrecognised(key, value));
    } else if (key.startsWith(ACCOUNT) && value === '*') {
      const accountId = key.slice(ACCOUNT.length);
      targets.push(accountId === '*' ? { kind: 'allAccounts' } : { kind: 'account', accountId });
    } else if (key.startsWith(ACCOUNT) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const accountId = key.slice(ACCOUNT.length);
      for (const nestedKey of Object.keys(value).sort()) {
        const nested = (value as Record<string, unknown>)[nestedKey];
        targets.push(nestedTarget(accountId, nestedKey, nested) ?? unrecognised(key, { [nestedKey]: nested }));
      }
    } else {
      targets.push(unrecognised(key, value));
    }
  }
  return targets;
}

/** A key nested under an account: zones or R2 buckets of that account. */
function nestedTarget(accountId: string, key: string, value: unknown): GrantTarget | undefined {
  if (value !== '*') return undefined;
  if (key === `${ZONE}*`) return accountId === '*' ? { kind: 'allZonesOfAllAccounts' } : { kind: 'allZonesOfAccount', accountId };
  if (accountId === '*') return undefined;
  if (key.startsWith(ZONE)) return { kind: 'zone', zoneId: key.slice(ZONE.length), accountId };
  if (key === `${R2_BUCKET}*`) return { kind: 'allR2BucketsOfAccount', accountId };
  if (key.startsWith(R2_BUCKET)) {
    const bucket = bucketTarget(key);
    return bucket && bucket.kind === 'r2Bucket' && bucket.accountId === accountId ? bucket : undefined;
  }
  return undefined;
}

/** `com.cloudflare.edge.r2.bucket.<account>_<jurisdiction>_<bucket>`; ids may be `${...}`. */
function bucketTarget(key: string): GrantTarget | undefined {
  const parts = splitOutsideExpressions(key.slice(R2_BUCKET.length), '_', 3);
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [accountId, jurisdiction, bucket] = parts;
  return { kind: 'r2Bucket', accountId, jurisdiction, bucket };
}

/** Splits at `separator` into at most `limit` parts, ignoring separators inside `${...}`. */
function splitOutsideExpressions(text: string, separator: string, limit: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth++;
      i++;
    } else if (text[i] === '}' && depth > 0) {
      depth--;
    } else if (text[i] === separator && depth === 0 && parts.length < limit - 1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unrecognised(key: string, value: unknown): GrantTarget {
  return { kind: 'unrecognised', key, value: JSON.stringify(value) };
}

/** A short phrase for reports, in the words the token summaries use. */
export function describeTarget(target: GrantTarget): string {
  switch (target.kind) {
    case 'zone':
      return `zone ${target.zoneId}`;
    case 'allZonesOfAccount':
      return `ALL zones of account ${target.accountId}`;
    case 'allZonesOfAllAccounts':
      return 'ALL zones of ALL accounts';
    case 'account':
      return `account ${target.accountId}`;
    case 'allAccounts':
      return 'ALL accounts';
    case 'user':
      return `user ${target.userId}`;
    case 'r2Bucket':
      return `R2 bucket ${target.bucket} (${target.jurisdiction}) of account ${target.accountId}`;
    case 'allR2BucketsOfAccount':
      return `ALL R2 buckets of account ${target.accountId}`;
    case 'unrecognised':
      return `unrecognised resource ${target.key}: ${target.value}`;
    case 'expression':
      return `resources computed by ${target.expression}`;
  }
}

/**
 * What identifies a target when comparing grants. A zone is the same zone whether or not it
 * is nested under its account (zone ids are global), so moving a token between owners does
 * not read as a new grant on the same zone.
 */
export function targetIdentity(target: GrantTarget): string {
  return target.kind === 'zone' ? `zone ${target.zoneId}` : describeTarget(target);
}

/**
 * Whether a grant on `wide` certainly includes a grant on `narrow`. Only says yes when the
 * synth output proves it (a user-owned token's zone does not say which account it is in),
 * so that a widening is never mistaken for an unchanged grant.
 */
export function targetCovers(wide: GrantTarget, narrow: GrantTarget): boolean {
  if (targetIdentity(wide) === targetIdentity(narrow)) return true;
  switch (wide.kind) {
    case 'allZonesOfAllAccounts':
      return narrow.kind === 'zone' || narrow.kind === 'allZonesOfAccount';
    case 'allZonesOfAccount':
      return narrow.kind === 'zone' && narrow.accountId === wide.accountId && !isExpression(wide.accountId);
    case 'allAccounts':
      return narrow.kind === 'account';
    case 'allR2BucketsOfAccount':
      return narrow.kind === 'r2Bucket' && narrow.accountId === wide.accountId && !isExpression(wide.accountId);
    default:
      return false;
  }
}
