// The public API. Everything a consumer imports comes from here.
export { TokenConfigError, describeValue, formatProblem } from './errors';
export type { Problem } from './errors';
export type { PermissionScope } from './permissions/scope';
export { PermissionGroups, PermissionLookupError } from './permissions/catalog';
export type { PermissionGroup, PermissionGroupName, PermissionGroupNameIn, CatalogConfidence } from './permissions/catalog';
export { Resource } from './resources/resource';
export type { ResourceKind, R2Jurisdiction, R2BucketOptions } from './resources/resource';
export { Policy } from './policy/policy';
export type { PolicyProps, Effect } from './policy/policy';
export type { PermissionRef, ScopedPermissionName } from './policy/permission-ref';
export type { RenderedPolicy } from './policy/render';
export { canonicalJson } from './policy/canonical-json';
export { TokenOwner } from './token/owner';
export { CloudflareToken } from './token/cloudflare-token';
export type { CloudflareTokenProps, TokenOptions, TokenStatus, ExportValueOptions } from './token/cloudflare-token';
export { MAX_TOKEN_NAME_LENGTH } from './validate/token-name';
export { normaliseCidr } from './validate/cidr';
export { normaliseInstant } from './validate/instant';
