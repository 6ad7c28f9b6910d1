/**
 * The kinds of resource a permission group can be granted on. Short names for the
 * Cloudflare scope strings, which are what the API and the catalog use.
 */
export type PermissionScope = 'zone' | 'account' | 'user' | 'r2Bucket';

export const SCOPE_KEYS = {
  zone: 'com.cloudflare.api.account.zone',
  account: 'com.cloudflare.api.account',
  user: 'com.cloudflare.api.user',
  r2Bucket: 'com.cloudflare.edge.r2.bucket',
} as const satisfies Record<PermissionScope, string>;

export type ScopeKey = (typeof SCOPE_KEYS)[PermissionScope];

export const ALL_SCOPES: readonly PermissionScope[] = ['account', 'r2Bucket', 'user', 'zone'];

export function scopeFromKey(key: string): PermissionScope | undefined {
  return ALL_SCOPES.find((s) => SCOPE_KEYS[s] === key);
}

export function isPermissionScope(value: unknown): value is PermissionScope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}
