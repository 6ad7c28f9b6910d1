// A table of bad inputs across the public API, each with the exact problem it must raise:
// the construct path, the field, the value received, the message, what was expected and
// the fix. One row, one input, one problem: a row that raised several would hide which
// check fired.
import { App, Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  CachePurgeToken,
  CloudflareToken,
  CloudflareTokenProps,
  describeValue,
  GithubActionsSecretDelivery,
  LeastPrivilegeChecks,
  OverlappingToken,
  PermissionGroups,
  PermissionLookupError,
  Policy,
  Resource,
  TokenConfigError,
  TokenOwner,
} from '../lib';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';

const dnsOn = (...resources: Resource[]) => Policy.allow({ permissions: ['DNS Write'], resources });
const valid: CloudflareTokenProps = { policies: [dnsOn(Resource.zone(ZONE))] };
/** Props that are valid except for `change`. */
const withProps = (change: Partial<CloudflareTokenProps>): CloudflareTokenProps => ({ ...valid, ...change });
const withPolicy = (policy: Policy, change: Partial<CloudflareTokenProps> = {}): CloudflareTokenProps => ({ ...valid, policies: [policy], ...change });
const accountOwned = (policy: Policy): CloudflareTokenProps => withPolicy(policy, { owner: TokenOwner.account(ACCOUNT) });
// Deliberately ill-typed values, as JavaScript callers or `any` can pass them.
const untyped = <T>(value: unknown): T => value as T;
/** A cdktf reference (an Fn call), to mix with literal text. */
const reference = () => Fn.lower('x');
const MIXED = {
  message: 'mixes literal text with a Terraform reference, so its text cannot be checked',
};

interface Row {
  readonly name: string;
  readonly props: () => CloudflareTokenProps;
  /** Construct path of the token; `stack/token` unless given. */
  readonly path?: string;
  readonly field: string;
  readonly received: unknown;
  readonly message: string | RegExp;
  readonly expected: string | RegExp;
  readonly fix: string | RegExp;
}

const ROWS: Row[] = [
  // --- ids -------------------------------------------------------------------------------
  {
    name: 'a zone name where the zone id belongs',
    props: () => withPolicy(dnsOn(Resource.zone('example.com'))),
    field: 'policies[0].resources[0]',
    received: 'example.com',
    message: 'is a zone name, not a zone id',
    expected: /^a zone id: 32 lowercase hex characters/,
    fix: /DataCloudflareZone data source \(filter: \{ name: 'example\.com' \}\)/,
  },
  {
    name: 'a zone id in upper case',
    props: () => withPolicy(dnsOn(Resource.zone(ZONE.toUpperCase()))),
    field: 'policies[0].resources[0]',
    received: ZONE.toUpperCase(),
    message: 'zone id has upper-case letters',
    expected: /^a zone id: 32 lowercase hex/,
    fix: `pass it in lower case: "${ZONE}"`,
  },
  {
    name: 'a zone id with surrounding white space',
    props: () => withPolicy(dnsOn(Resource.zone(` ${ZONE}\n`))),
    field: 'policies[0].resources[0]',
    received: ` ${ZONE}\n`,
    message: 'zone id has surrounding white space',
    expected: /^a zone id/,
    fix: `pass "${ZONE}"`,
  },
  {
    name: 'a zone id one character short',
    props: () => withPolicy(dnsOn(Resource.zone(ZONE.slice(1)))),
    field: 'policies[0].resources[0]',
    received: ZONE.slice(1),
    message: 'is not a valid zone id',
    expected: /^a zone id: 32 lowercase hex characters \(the Zone ID on the zone's Overview page/,
    fix: /^copy the zone id from the Zone ID on the zone's Overview page/,
  },
  {
    name: 'a zone id with non-hex letters',
    props: () => withPolicy(dnsOn(Resource.zone('g'.repeat(32)))),
    field: 'policies[0].resources[0]',
    received: 'g'.repeat(32),
    message: 'is not a valid zone id',
    expected: /^a zone id/,
    fix: /^copy the zone id/,
  },
  {
    name: 'an empty zone id',
    props: () => withPolicy(dnsOn(Resource.zone(''))),
    field: 'policies[0].resources[0]',
    received: '',
    message: 'is not a valid zone id',
    expected: /^a zone id/,
    fix: /^copy the zone id/,
  },
  {
    name: 'a zone id that is not a string',
    props: () => withPolicy(dnsOn(Resource.zone(untyped(12345)))),
    field: 'policies[0].resources[0]',
    received: 12345,
    message: 'zone id is not a string',
    expected: /^a zone id/,
    fix: 'pass the zone id as a string',
  },
  {
    name: 'an invalid account id in Resource.account',
    props: () => withPolicy(Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.account('acct-1')] })),
    field: 'policies[0].resources[0]',
    received: 'acct-1',
    message: 'is not a valid account id',
    expected: /^an? account id: 32 lowercase hex characters/,
    fix: /^copy the account id from the Account ID/,
  },
  {
    name: "an invalid owner account id",
    props: () => withProps({ owner: TokenOwner.account('0123456789ABCDEF0123456789ABCDEF') }),
    field: 'owner.accountId',
    received: '0123456789ABCDEF0123456789ABCDEF',
    message: 'account id has upper-case letters',
    expected: /account id: 32 lowercase hex/,
    fix: `pass it in lower case: "${ACCOUNT}"`,
  },
  {
    name: 'an invalid user id',
    props: () => withPolicy(Policy.allow({ permissions: ['API Tokens Read'], resources: [Resource.user('me')] })),
    field: 'policies[0].resources[0]',
    received: 'me',
    message: 'is not a valid user id',
    expected: /user id: 32 lowercase hex characters \(the user id returned by GET \/user\)/,
    fix: 'copy the user id from the user id returned by GET /user',
  },
  {
    name: 'an invalid account id in Resource.allZonesOfAccount',
    props: () => withPolicy(dnsOn(Resource.allZonesOfAccount('example.com'))),
    field: 'policies[0].resources[0]',
    received: 'example.com',
    message: 'is not a valid account id',
    expected: /account id/,
    fix: /^copy the account id/,
  },
  {
    name: 'an R2 bucket name with capitals and an underscore',
    props: () => withPolicy(Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Read'], resources: [Resource.r2Bucket(ACCOUNT, 'My_Bucket')] })),
    field: 'policies[0].resources[0].bucket',
    received: 'My_Bucket',
    message: 'is not a valid R2 bucket name',
    expected: /^3 to 63 characters: lower-case letters, digits and hyphens/,
    fix: 'pass the bucket name exactly as it appears in the R2 dashboard',
  },
  {
    name: 'an unknown R2 jurisdiction',
    props: () =>
      withPolicy(Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Read'], resources: [Resource.r2Bucket(ACCOUNT, 'logs', { jurisdiction: untyped('us') })] })),
    field: 'policies[0].resources[0].jurisdiction',
    received: 'us',
    message: 'is not an R2 jurisdiction',
    expected: "'default', 'eu', 'fedramp'",
    fix: /^leave it out for 'default'/,
  },
  {
    name: "an invalid R2 bucket's account id",
    props: () => withPolicy(Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Read'], resources: [Resource.r2Bucket('nope', 'logs')] })),
    field: 'policies[0].resources[0].accountId',
    received: 'nope',
    message: 'is not a valid account id',
    expected: /account id/,
    fix: /^copy the account id/,
  },
  // --- CIDRs -----------------------------------------------------------------------------
  {
    name: 'an IPv4 prefix over 32',
    props: () => withProps({ allowedIps: ['10.0.0.0/33'] }),
    field: 'allowedIps[0]',
    received: '10.0.0.0/33',
    message: 'has a prefix length over 32',
    expected: 'a prefix length from 0 to 32 for an IPv4 address',
    fix: 'use /32 for one address',
  },
  {
    name: 'a slash without a prefix',
    props: () => withProps({ allowedIps: ['1.2.3.4/'] }),
    field: 'allowedIps[0]',
    received: '1.2.3.4/',
    message: 'has a missing or malformed prefix length',
    expected: 'a prefix length from 0 to 32 after the "/"',
    fix: `write "1.2.3.4/32" for one address, or the network's prefix length`,
  },
  {
    name: 'a prefix with a leading zero',
    props: () => withProps({ allowedIps: ['10.0.0.0/08'] }),
    field: 'allowedIps[0]',
    received: '10.0.0.0/08',
    message: 'has a missing or malformed prefix length',
    expected: 'a prefix length from 0 to 32 after the "/"',
    fix: /^write "10\.0\.0\.0\/32"/,
  },
  {
    name: 'a CIDR with host bits set',
    props: () => withProps({ allowedIps: ['10.0.0.1/8'] }),
    field: 'allowedIps[0]',
    received: '10.0.0.1/8',
    message: 'has host bits set after the prefix',
    expected: 'a network address, all bits after the prefix zero',
    fix: 'write "10.0.0.0/8" for the whole network, or "10.0.0.1/32" for the one address',
  },
  {
    name: 'an IPv4 octet over 255',
    props: () => withProps({ allowedIps: ['256.1.1.1'] }),
    field: 'allowedIps[0]',
    received: '256.1.1.1',
    message: 'is not a valid IP address or CIDR',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: /^write the address in dotted-decimal \(IPv4, no leading zeros\)/,
  },
  {
    name: 'an IPv4 octet with a leading zero (octal to some parsers)',
    props: () => withProps({ deniedIps: ['010.0.0.1'] }),
    field: 'deniedIps[0]',
    received: '010.0.0.1',
    message: 'is not a valid IP address or CIDR',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: /no leading zeros/,
  },
  {
    name: 'an address with surrounding white space',
    props: () => withProps({ allowedIps: [' 192.0.2.1'] }),
    field: 'allowedIps[0]',
    received: ' 192.0.2.1',
    message: 'is not a valid IP address or CIDR',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: 'remove the white space',
  },
  {
    name: 'an IPv6 prefix over 128',
    props: () => withProps({ allowedIps: ['2001:db8::/129'] }),
    field: 'allowedIps[0]',
    received: '2001:db8::/129',
    message: 'has a prefix length over 128',
    expected: 'a prefix length from 0 to 128 for an IPv6 address',
    fix: 'use /128 for one address',
  },
  {
    name: 'an IPv6 address with a triple colon',
    props: () => withProps({ allowedIps: ['2001:db8:::1'] }),
    field: 'allowedIps[0]',
    received: '2001:db8:::1',
    message: 'is not a valid IP address or CIDR',
    expected: /IPv6/,
    fix: /colon-hex \(IPv6\)/,
  },
  {
    name: 'a host name where an address belongs',
    props: () => withProps({ allowedIps: ['ci.example.com'] }),
    field: 'allowedIps[0]',
    received: 'ci.example.com',
    message: 'is not a valid IP address or CIDR',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: /^write the address/,
  },
  {
    name: 'an address that is not a string',
    props: () => withProps({ allowedIps: untyped([3232235777]) }),
    field: 'allowedIps[0]',
    received: 3232235777,
    message: 'is not a string',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: 'pass the CIDR as a string',
  },
  {
    name: 'an empty allowedIps list (would read as "no restriction")',
    props: () => withProps({ allowedIps: [] }),
    field: 'allowedIps',
    received: [],
    message: 'is an empty list',
    expected: 'at least one CIDR, or the option left out',
    fix: 'leave allowedIps out, or name the addresses',
  },
  {
    name: 'allowedIps given as a string, not a list',
    props: () => withProps({ allowedIps: untyped('192.0.2.0/24') }),
    field: 'allowedIps',
    received: '192.0.2.0/24',
    message: 'is not a list',
    expected: 'an array of CIDR strings',
    fix: "pass allowedIps: ['192.0.2.0/24']",
  },
  {
    name: 'the same CIDR allowed and denied',
    props: () => withProps({ allowedIps: ['192.0.2.0/24'], deniedIps: ['192.0.2.0/24'] }),
    field: 'deniedIps',
    received: '192.0.2.0/24',
    message: 'is also in allowedIps',
    expected: 'each CIDR in one list only',
    fix: 'remove it from one of the two lists',
  },
  // --- dates -----------------------------------------------------------------------------
  {
    name: 'February 30th',
    props: () => withProps({ expiresOn: '2026-02-30T00:00:00Z' }),
    field: 'expiresOn',
    received: '2026-02-30T00:00:00Z',
    message: 'has an impossible day (2026-02 has 28 days)',
    expected: 'an RFC 3339 instant with a time and a zone, such as "2027-01-31T00:00:00Z"',
    fix: /^check the calendar/,
  },
  {
    name: 'February 29th of a century year that is not a leap year',
    props: () => withProps({ expiresOn: '2100-02-29T00:00:00Z' }),
    field: 'expiresOn',
    received: '2100-02-29T00:00:00Z',
    message: 'has an impossible day (2100-02 has 28 days)',
    expected: /^an RFC 3339 instant/,
    fix: /^check the calendar/,
  },
  {
    name: 'a bare date without a time',
    props: () => withProps({ expiresOn: '2027-06-30' }),
    field: 'expiresOn',
    received: '2027-06-30',
    message: 'is a date without a time',
    expected: /^an RFC 3339 instant with a time and a zone/,
    fix: 'add the time and zone, e.g. "2027-06-30T00:00:00Z"',
  },
  {
    name: 'month 13',
    props: () => withProps({ notBefore: '2027-13-01T00:00:00Z' }),
    field: 'notBefore',
    received: '2027-13-01T00:00:00Z',
    message: 'has an impossible month',
    expected: /^an RFC 3339 instant/,
    fix: /months 01-12/,
  },
  {
    name: 'hour 24',
    props: () => withProps({ expiresOn: '2027-01-01T24:00:00Z' }),
    field: 'expiresOn',
    received: '2027-01-01T24:00:00Z',
    message: 'has an impossible hour',
    expected: /^an RFC 3339 instant/,
    fix: /hours 00-23/,
  },
  {
    name: 'a leap second',
    props: () => withProps({ expiresOn: '2027-06-30T23:59:60Z' }),
    field: 'expiresOn',
    received: '2027-06-30T23:59:60Z',
    message: 'has an impossible second',
    expected: /^an RFC 3339 instant/,
    fix: /minutes and seconds 00-59/,
  },
  {
    name: 'a zone offset of 24 hours',
    props: () => withProps({ expiresOn: '2027-01-01T00:00:00+24:00' }),
    field: 'expiresOn',
    received: '2027-01-01T00:00:00+24:00',
    message: 'has an impossible zone offset',
    expected: /^an RFC 3339 instant/,
    fix: /^check the calendar/,
  },
  {
    name: 'a local time without a zone (its meaning depends on TZ)',
    props: () => withProps({ expiresOn: '2027-01-01T00:00:00' }),
    field: 'expiresOn',
    received: '2027-01-01T00:00:00',
    message: 'is not an RFC 3339 instant',
    expected: /^an RFC 3339 instant/,
    fix: /never from the clock at synth$/,
  },
  {
    name: 'a relative date in words',
    props: () => withProps({ notBefore: 'tomorrow' }),
    field: 'notBefore',
    received: 'tomorrow',
    message: 'is not an RFC 3339 instant',
    expected: /^an RFC 3339 instant/,
    fix: /^write it as YYYY-MM-DDTHH:MM:SSZ/,
  },
  {
    name: 'a fraction of a second',
    props: () => withProps({ expiresOn: '2027-01-01T00:00:00.250Z' }),
    field: 'expiresOn',
    received: '2027-01-01T00:00:00.250Z',
    message: 'has a fraction of a second',
    expected: 'whole seconds (Cloudflare keeps no fraction)',
    fix: 'drop the fraction: "2027-01-01T00:00:00Z"',
  },
  {
    name: 'an expiry at the same instant as notBefore, written in another zone',
    props: () => withProps({ notBefore: '2027-01-01T02:00:00+02:00', expiresOn: '2027-01-01T00:00:00Z' }),
    field: 'expiresOn',
    received: '2027-01-01T00:00:00Z',
    message: 'is not after notBefore (2027-01-01T00:00:00Z)',
    expected: 'an instant after notBefore',
    fix: 'move expiresOn later or notBefore earlier',
  },
  {
    name: 'an instant pushed past year 9999 by its zone offset',
    props: () => withProps({ expiresOn: '9999-12-31T23:00:00-02:00' }),
    field: 'expiresOn',
    received: '9999-12-31T23:00:00-02:00',
    message: 'falls outside the years 0000 to 9999 once converted to UTC',
    expected: 'an instant between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z',
    fix: 'check the year and the zone offset',
  },
  {
    name: 'an instant pushed before year 0000 by its zone offset',
    props: () => withProps({ notBefore: '0000-01-01T00:00:00+01:00' }),
    field: 'notBefore',
    received: '0000-01-01T00:00:00+01:00',
    message: 'falls outside the years 0000 to 9999 once converted to UTC',
    expected: /^an instant between/,
    fix: 'check the year and the zone offset',
  },
  {
    name: 'a Date object instead of a string',
    props: () => withProps({ expiresOn: untyped(new Date(0)) }),
    field: 'expiresOn',
    received: new Date(0),
    message: 'is not a string',
    expected: /^an RFC 3339 instant/,
    fix: 'pass the instant as an RFC 3339 string',
  },
  // --- policies --------------------------------------------------------------------------
  {
    name: 'an empty policy list',
    props: () => withProps({ policies: [] }),
    field: 'policies',
    received: [],
    message: 'is empty',
    expected: 'at least one policy',
    fix: 'add a Policy.allow({ permissions, resources }) naming what the token needs',
  },
  {
    name: 'no policies at all (JavaScript caller)',
    props: () => untyped({}),
    field: 'policies',
    received: undefined,
    message: 'is empty',
    expected: 'at least one policy',
    fix: /^add a Policy\.allow/,
  },
  {
    name: 'a policy with no permissions',
    props: () => withPolicy(Policy.allow({ permissions: [], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions',
    received: [],
    message: 'is empty',
    expected: 'at least one permission group',
    fix: "name the groups the token needs, e.g. permissions: ['DNS Write']",
  },
  {
    name: 'a policy with no resources',
    props: () => withPolicy(Policy.allow({ permissions: ['DNS Write'], resources: [] })),
    field: 'policies[0].resources',
    received: [],
    message: 'is empty',
    expected: 'at least one resource',
    fix: 'name where the permissions apply, e.g. resources: [Resource.zone(zoneId)]',
  },
  {
    name: "the dashboard's wording for a permission ('Edit' for 'Write')",
    props: () => withPolicy(Policy.allow({ permissions: [untyped('DNS Edit')], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0]',
    received: 'DNS Edit',
    message: 'is not a known permission-group name',
    expected: /^one of the \d+ names in the catalog$/,
    fix: /^did you mean "DNS Write"/,
  },
  {
    name: 'a name that exists in two scopes, without its scope',
    props: () => withPolicy(Policy.allow({ permissions: ['Logs Write' as never] /* JavaScript: tsc refuses it */, resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0]',
    received: 'Logs Write',
    message: 'is a permission-group name that exists in more than one scope (account, zone)',
    expected: 'a name together with its scope',
    fix: `name the scope: { name: "Logs Write", scope: 'account' | 'zone' }`,
  },
  {
    name: 'an account permission granted on a zone',
    props: () => withPolicy(Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0]',
    received: 'Workers Scripts Write',
    message: "is a permission group of scope 'account', granted on a zone resource",
    expected: "a 'zone' permission group, or an account resource for 'Workers Scripts Write'",
    fix: "move 'Workers Scripts Write' to a policy whose resources are of scope 'account'",
  },
  {
    name: 'a name with a scope it does not exist in',
    props: () => withPolicy(Policy.allow({ permissions: [untyped({ name: 'DNS Write', scope: 'account' })], resources: [Resource.account(ACCOUNT)] })),
    field: 'policies[0].permissions[0]',
    received: 'DNS Write',
    message: "is not a permission group of scope 'account' (it exists only in: zone)",
    expected: "a permission group of scope 'account'",
    fix: /^grant it on a resource of scope 'zone'/,
  },
  {
    name: 'a scope that does not exist',
    props: () => withPolicy(Policy.allow({ permissions: [untyped({ name: 'DNS Write', scope: 'galaxy' })], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0].scope',
    received: 'galaxy',
    message: 'is not a permission scope',
    expected: "'zone', 'account', 'user' or 'r2Bucket'",
    fix: 'name the kind of resource the group is granted on',
  },
  {
    name: 'resources of two scopes in one policy',
    props: () => withPolicy(Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE), Resource.account(ACCOUNT)] })),
    field: 'policies[0].resources',
    received: [`zone ${ZONE}`, `account ${ACCOUNT}`],
    message: 'mixes resources of several scopes (account, zone)',
    expected: 'resources of one scope per policy',
    fix: /^split it into one policy per scope/,
  },
  {
    name: 'a plain object where a Policy belongs',
    props: () => withProps({ policies: [untyped({ effect: 'allow', permissions: ['DNS Write'], resources: [] })] }),
    field: 'policies[0]',
    received: { effect: 'allow', permissions: ['DNS Write'], resources: [] },
    message: 'is not a Policy',
    expected: 'Policy.allow(...) or Policy.deny(...)',
    fix: 'build policies with Policy.allow / Policy.deny',
  },
  {
    name: 'a bare id string where a Resource belongs',
    props: () => withPolicy(Policy.allow({ permissions: ['DNS Write'], resources: [untyped(ZONE)] })),
    field: 'policies[0].resources[0]',
    received: ZONE,
    message: 'is not a Resource',
    expected: /^a Resource\.zone\(\.\.\.\)/,
    fix: 'wrap the id with a Resource factory',
  },
  {
    name: 'an uncatalogued group whose id is not an id',
    props: () => withPolicy(Policy.allow({ permissions: [PermissionGroups.uncatalogued('dns-write', 'zone')], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0].id',
    received: 'dns-write',
    message: 'is not a permission-group id',
    expected: '32 lowercase hex characters',
    fix: /^copy the id from GET \/user\/tokens\/permission_groups/,
  },
  {
    name: 'an "uncatalogued" group that the catalog has, with the wrong scope',
    props: () =>
      withPolicy(Policy.allow({ permissions: [PermissionGroups.uncatalogued(PermissionGroups.byName('DNS Write').id, 'account')], resources: [Resource.account(ACCOUNT)] })),
    field: 'policies[0].permissions[0].scope',
    received: 'account',
    message: `contradicts the catalog, where ${PermissionGroups.byName('DNS Write').id} ("DNS Write") has scope 'zone'`,
    expected: "'zone'",
    fix: `use PermissionGroups.byId('${PermissionGroups.byName('DNS Write').id}') instead`,
  },
  {
    name: 'a forged catalog group with an unknown id',
    props: () =>
      withPolicy(Policy.allow({ permissions: [{ id: UNKNOWN_ID, name: 'DNS Write', scope: 'zone', confidence: 'confirmed', formerly: [] }], resources: [Resource.zone(ZONE)] })),
    field: 'policies[0].permissions[0].id',
    received: UNKNOWN_ID,
    message: 'is not the id of any permission group in the catalog',
    expected: 'the 32-hex id of a catalogued permission group',
    fix: /PermissionGroups\.uncatalogued\(id, scope\)$/,
  },
  // --- names, owner, status ----------------------------------------------------------------
  {
    name: 'an empty token name',
    props: () => withProps({ name: '' }),
    field: 'name',
    received: '',
    message: 'is empty',
    expected: 'a name of 1 to 120 printable characters',
    fix: /^give the token a name that says who uses it and why/,
  },
  {
    name: 'a token name of white space only',
    props: () => withProps({ name: '   ' }),
    field: 'name',
    received: '   ',
    message: 'is empty',
    expected: 'a name of 1 to 120 printable characters',
    fix: /^give the token a name/,
  },
  {
    name: 'a token name of 121 characters',
    props: () => withProps({ name: 'x'.repeat(121) }),
    field: 'name',
    received: 'x'.repeat(121),
    message: "is 121 characters long, over Cloudflare's limit",
    expected: 'a name of 1 to 120 printable characters',
    fix: 'shorten it to 120 characters or fewer',
  },
  {
    name: 'a default name (the construct path) over 120 characters',
    props: () => valid,
    path: `stack/${'deep'.repeat(30)}/token`,
    field: 'name',
    received: `stack/${'deep'.repeat(30)}/token`,
    message: "is 132 characters long, over Cloudflare's limit",
    expected: 'a name of 1 to 120 printable characters',
    fix: 'the default name is the construct path, which is too long here: set `name` explicitly',
  },
  {
    name: 'a token name with a new line',
    props: () => withProps({ name: 'ci\ndeploy' }),
    field: 'name',
    received: 'ci\ndeploy',
    message: 'contains control characters',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'remove new lines, tabs and other control characters',
  },
  {
    name: 'an account-owned token on all zones of all accounts',
    props: () => accountOwned(dnsOn(Resource.allZonesOfAllAccounts())),
    field: 'policies[0].resources[0]',
    received: 'all zones of all accounts',
    message: 'cannot be granted to an account-owned token',
    expected: 'zones of the owning account',
    fix: `use Resource.allZonesOfAccount('${ACCOUNT}') or name the zones`,
  },
  {
    name: "an account-owned token on another account's zones",
    props: () => accountOwned(dnsOn(Resource.allZonesOfAccount(OTHER_ACCOUNT))),
    field: 'policies[0].resources[0]',
    received: OTHER_ACCOUNT,
    message: 'is not the account that owns the token',
    expected: `the owning account ${ACCOUNT}`,
    fix: 'grant resources of the owning account only, or create the token in the other account',
  },
  {
    name: "an account-owned token on another account's R2 bucket",
    props: () => accountOwned(Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Read'], resources: [Resource.r2Bucket(OTHER_ACCOUNT, 'logs')] })),
    field: 'policies[0].resources[0]',
    received: OTHER_ACCOUNT,
    message: 'is not the account that owns the token',
    expected: `the owning account ${ACCOUNT}`,
    fix: /^grant resources of the owning account only/,
  },
  {
    name: 'an account-owned token on a user resource',
    props: () => accountOwned(Policy.allow({ permissions: ['API Tokens Read'], resources: [Resource.user(ZONE)] })),
    field: 'policies[0].resources[0]',
    received: ZONE,
    message: 'is a user resource, which an account-owned token cannot hold',
    expected: 'zone, account or R2 bucket resources of the owning account',
    fix: 'drop the user-scoped grant, or make the token user-owned (TokenOwner.user())',
  },
  {
    name: 'an owner that is not a TokenOwner',
    props: () => withProps({ owner: untyped({ kind: 'account', accountId: ACCOUNT }) }),
    field: 'owner',
    received: { kind: 'account', accountId: ACCOUNT },
    message: 'is not a TokenOwner',
    expected: 'TokenOwner.user() or TokenOwner.account(accountId)',
    fix: 'build the owner with TokenOwner',
  },
  {
    name: "status 'expired' (set by Cloudflare, not by us)",
    props: () => withProps({ status: untyped('expired') }),
    field: 'status',
    received: 'expired',
    message: 'is not a status a token can be given',
    expected: "'active' or 'disabled' ('expired' is set by Cloudflare)",
    fix: "use 'disabled' to switch the token off, or leave status out",
  },
  // --- smuggling: text mixed with a reference, holes, odd forms (issue 12) -------------------
  {
    name: 'a 500-character name with a new line, mixed with a reference',
    props: () => withProps({ name: `${'x'.repeat(500)}\n${reference()}` }),
    field: 'name',
    received: expect.stringMatching(/^x{500}\n\$\{TfToken/),
    ...MIXED,
    expected: /^either a literal name or one whole reference/,
    fix: /^pass the literal, or compute the whole value in Terraform/,
  },
  {
    name: "a zone 'example.com/${var.v} *' (text around a reference)",
    props: () => withPolicy(dnsOn(Resource.zone(`example.com/${reference()} *`))),
    field: 'policies[0].resources[0]',
    received: expect.stringMatching(/^example\.com\/\$\{TfToken\[TOKEN\.\d+\]\} \*$/),
    ...MIXED,
    expected: /^either a literal zone id or one whole reference/,
    fix: /as the zone id$/,
  },
  {
    name: "an allowed IP '0.0.0.0/0 junk ${...}'",
    props: () => withProps({ allowedIps: [`0.0.0.0/0 junk ${reference()}`] }),
    field: 'allowedIps[0]',
    received: expect.stringMatching(/^0\.0\.0\.0\/0 junk \$\{TfToken/),
    ...MIXED,
    expected: /^either a literal CIDR or one whole reference/,
    fix: /as allowedIps$/,
  },
  {
    name: "an expiresOn 'never${...}'",
    props: () => withProps({ expiresOn: `never${reference()}` }),
    field: 'expiresOn',
    received: expect.stringMatching(/^never\$\{TfToken/),
    ...MIXED,
    expected: /^either a literal RFC 3339 instant or one whole reference/,
    fix: /as the instant$/,
  },
  {
    name: 'allowedIps [,] (a hole, which would drop the restriction)',
    // eslint-disable-next-line no-sparse-arrays
    props: () => withProps({ allowedIps: [,] as unknown as string[] }),
    field: 'allowedIps[0]',
    received: undefined,
    message: 'is a hole in the array (an extra comma)',
    expected: 'an entry at every index',
    fix: 'remove the extra comma',
  },
  {
    name: 'policies [,] (a hole, which would synthesize no policy)',
    // eslint-disable-next-line no-sparse-arrays
    props: () => withProps({ policies: [,] as unknown as Policy[] }),
    field: 'policies[0]',
    received: undefined,
    message: 'is a hole in the array (an extra comma)',
    expected: 'an entry at every index',
    fix: 'remove the extra comma',
  },
  {
    name: 'no props at all, from plain JavaScript',
    props: () => untyped(undefined),
    field: 'props',
    received: undefined,
    message: 'is not an object of options',
    expected: '{ policies: [Policy.allow({ permissions, resources })] }',
    fix: 'pass the options object as the third argument',
  },
  {
    name: 'a name that is a number',
    props: () => withProps({ name: untyped(42) }),
    field: 'name',
    received: 42,
    message: 'is not a string',
    expected: 'a name of 1 to 120 printable characters',
    fix: /^give the token a name/,
  },
  {
    name: 'a name with a right-to-left override',
    props: () => withProps({ name: 'ci-\u202Etoken' }),
    field: 'name',
    received: 'ci-\u202Etoken',
    message: 'contains bidirectional-formatting characters',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'remove the right-to-left and left-to-right marks, embeddings, overrides and isolates',
  },
  {
    name: 'a name with a line separator (U+2028)',
    props: () => withProps({ name: 'ci\u2028token' }),
    field: 'name',
    received: 'ci\u2028token',
    message: 'contains control characters',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'remove new lines, tabs and other control characters',
  },
  {
    name: 'a name of zero-width spaces only',
    props: () => withProps({ name: '\u200B\u200B' }),
    field: 'name',
    received: '\u200B\u200B',
    message: 'has no visible character',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'give the token a name people can read, e.g. "ci-deploy-prod"',
  },
  {
    name: 'a name with a lone surrogate',
    props: () => withProps({ name: 'ci\uD83D' }),
    field: 'name',
    received: 'ci\uD83D',
    message: 'contains a lone surrogate, which is not valid Unicode',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'rebuild the name from whole characters (a string was cut in the middle of a character)',
  },
  {
    name: 'a name with leading and trailing spaces',
    props: () => withProps({ name: ' ci-deploy ' }),
    field: 'name',
    received: ' ci-deploy ',
    message: 'has leading or trailing white space',
    expected: 'a name of 1 to 120 printable characters',
    fix: 'pass "ci-deploy"',
  },
  {
    name: 'a name of 121 emoji (counted in code points, not UTF-16 units)',
    props: () => withProps({ name: '\u{1F511}'.repeat(121) }),
    field: 'name',
    received: '\u{1F511}'.repeat(121),
    message: "is 121 characters long, over Cloudflare's limit",
    expected: 'a name of 1 to 120 printable characters',
    fix: 'shorten it to 120 characters or fewer',
  },
  {
    name: "an allowed IP '1.2.3.4::' (a dotted part that does not end the address)",
    props: () => withProps({ allowedIps: ['1.2.3.4::'] }),
    field: 'allowedIps[0]',
    received: '1.2.3.4::',
    message: 'is not a valid IP address or CIDR',
    expected: /^an IPv4 or IPv6 address or CIDR/,
    fix: /^write the address in dotted-decimal/,
  },
  {
    name: "a denied IP '::ffff:192.0.2.1' (IPv4-mapped: would deny nobody)",
    props: () => withProps({ deniedIps: ['::ffff:192.0.2.1'] }),
    field: 'deniedIps[0]',
    received: '::ffff:192.0.2.1',
    message: 'is an IPv4-mapped IPv6 address, which no client presents to Cloudflare',
    expected: /an IPv4 client as its IPv4 address$/,
    fix: 'write "192.0.2.1"',
  },
  {
    name: 'rotation every 1e6 days (overflows Terraform durations)',
    props: () => withProps({ rotation: { everyDays: 1e6, graceDays: 7 } }),
    field: 'rotation.everyDays',
    received: 1e6,
    message: 'is over 3650 days',
    expected: /^a whole number of days, at least 1 and at most 3650/,
    fix: 'set rotation.everyDays to a positive whole number, at most 3650',
  },
  {
    name: 'rotation every NaN days (shown as NaN, not null)',
    props: () => withProps({ rotation: { everyDays: NaN, graceDays: 7 } }),
    field: 'rotation.everyDays',
    received: NaN,
    message: 'is not a whole number of days',
    expected: /^a whole number of days, at least 1 and at most 3650/,
    fix: /^set rotation\.everyDays/,
  },
];

/** Builds the token at `path` (default `stack/token`) in a fresh app. */
function construct(props: CloudflareTokenProps, path = 'stack/token'): void {
  const [stackId, ...rest] = path.split('/');
  let scope: Construct = new TerraformStack(new App(), stackId);
  for (const id of rest.slice(0, -1)) scope = new Construct(scope, id);
  new CloudflareToken(scope, rest[rest.length - 1], props);
}

function caught(build: () => void): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

const matches = (actual: string, wanted: string | RegExp) => (typeof wanted === 'string' ? actual === wanted : wanted.test(actual));

describe('bad inputs to CloudflareToken', () => {
  it('has at least 40 rows, each a distinct case', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('refuses %s', (_name, row) => {
    // GIVEN props valid but for one input
    const path = row.path ?? 'stack/token';
    // WHEN the token is constructed
    const error = caught(() => construct(row.props(), path));
    // THEN it throws one TokenConfigError naming the path, field, value, expectation and fix
    expect(error).toBeInstanceOf(TokenConfigError);
    const configError = error as TokenConfigError;
    expect(configError.constructPath).toBe(path);
    expect(configError.problems).toHaveLength(1);
    const [problem] = configError.problems;
    expect(problem.field).toBe(row.field);
    expect(problem.received).toEqual(row.received);
    expect(matches(problem.message, row.message) ? row.message : problem.message).toEqual(row.message);
    expect(matches(problem.expected, row.expected) ? row.expected : problem.expected).toEqual(row.expected);
    expect(matches(problem.fix, row.fix) ? row.fix : problem.fix).toEqual(row.fix);
    // and the message a person reads carries every part, in order.
    const [header, line] = configError.message.split('\n');
    expect(header).toBe(`[${path}] an invalid value:`);
    expect(line).toBe(`  - ${row.field} ${problem.message}: received ${describeValue(problem.received)}; expected ${problem.expected}. Fix: ${problem.fix}`);
  });

  it('reports every problem of one token at once, each with its own field', () => {
    // GIVEN a token with three bad inputs
    const props = withProps({ name: '', allowedIps: ['10.0.0.0/33'], expiresOn: '2027-06-30' });
    // WHEN / THEN one error lists all three
    expect(() => construct(props)).toThrow(/^\[stack\/token\] 3 invalid values:\n {2}- name is empty.*\n {2}- allowedIps\[0\] has a prefix length over 32.*\n {2}- expiresOn is a date without a time/);
  });
});

describe('bad inputs to the eager catalog look-ups', () => {
  it('refuses an unknown id, naming it', () => {
    expect(() => PermissionGroups.byId(UNKNOWN_ID)).toThrow(PermissionLookupError);
    expect(() => PermissionGroups.byId(UNKNOWN_ID)).toThrow(
      `"${UNKNOWN_ID}" is not the id of any permission group in the catalog; expected the 32-hex id of a catalogued permission group. Fix: check the id`,
    );
  });

  it('refuses an ambiguous name without its scope, and suggests both scopes', () => {
    expect(() => PermissionGroups.byName('Logs Read')).toThrow(
      `"Logs Read" is a permission-group name that exists in more than one scope (account, zone); expected a name together with its scope. Fix: name the scope: { name: "Logs Read", scope: 'account' | 'zone' }`,
    );
  });

  it("refuses the dashboard's 'Edit' wording and suggests the API name", () => {
    expect(() => PermissionGroups.byName(untyped('Zone Edit'))).toThrow(/^"Zone Edit" is not a known permission-group name; .* Fix: did you mean "Zone Write"/);
  });
});

describe('bad inputs to the other constructors and factories (plain JavaScript, smuggling)', () => {
  const stack = () => new TerraformStack(new App(), 'stack');
  const problemsOf = (build: () => unknown) => {
    const error = caught(build);
    expect(error).toBeInstanceOf(TokenConfigError);
    return (error as TokenConfigError).problems.map((p) => `${p.field} ${p.message}: received ${describeValue(p.received)}`);
  };

  it('Policy.allow(undefined), a non-list and a hole give TokenConfigErrors, not TypeErrors', () => {
    expect(problemsOf(() => Policy.allow(untyped(undefined)))).toEqual(['props is not an object of options: received undefined']);
    expect(caught(() => Policy.allow(untyped(undefined))) as TokenConfigError).toMatchObject({ constructPath: 'Policy.allow' });
    expect(problemsOf(() => Policy.deny({ permissions: untyped('DNS Write'), resources: [Resource.zone(ZONE)] }))).toEqual(['permissions is not a list: received "DNS Write"']);
    // eslint-disable-next-line no-sparse-arrays
    expect(problemsOf(() => Policy.allow({ permissions: ['DNS Write'], resources: untyped([Resource.zone(ZONE), , Resource.zone(ZONE)]) }))).toEqual([
      'resources[1] is a hole in the array (an extra comma): received undefined',
    ]);
  });

  it('OverlappingToken and GithubActionsSecretDelivery without props name the construct', () => {
    const s = stack();
    expect(problemsOf(() => new OverlappingToken(s, 'ci', untyped(undefined)))).toEqual(['props is not an object of options: received undefined']);
    expect(problemsOf(() => new GithubActionsSecretDelivery(s, 'gh', untyped(null)))).toEqual(['props is not an object of options: received null']);
  });

  it("a delivery value of 'cf-LITERAL-' + tokenId, or the tokenId itself, is refused; the token's value is accepted", () => {
    const s = stack();
    const token = new CloudflareToken(s, 'dns', { ...valid, expiresOn: '2027-01-01T00:00:00Z' });
    const deliver = (id: string, value: string) => () => new GithubActionsSecretDelivery(s, id, { token: { value }, repository: 'infra', secretName: 'CF_TOKEN' });
    expect(problemsOf(deliver('mixed', `cf-LITERAL-${token.tokenId}`))).toEqual([
      'token.value mixes literal text with a reference, which would write the text into the secret: received "<a string, not shown>"',
    ]);
    expect(problemsOf(deliver('id', token.tokenId))).toEqual([
      `token.value is not a token's value (it reads \${${token.resource.terraformResourceType}.${token.resource.friendlyUniqueId}.id}): received "<a string, not shown>"`,
    ]);
    expect(() => deliver('ok', token.value)()).not.toThrow();
  });

  it('a delivery environment mixing text and a reference is refused', () => {
    const s = stack();
    const token = new CloudflareToken(s, 'dns', { ...valid, expiresOn: '2027-01-01T00:00:00Z' });
    expect(problemsOf(() => new GithubActionsSecretDelivery(s, 'gh', { token, repository: 'infra', secretName: 'CF_TOKEN', environment: `prod-${Fn.lower('x')}` }))).toEqual([
      expect.stringMatching(/^environment mixes literal text with a Terraform reference, so its text cannot be checked: received "prod-\$\{TfToken/),
    ]);
  });

  it('a preset given a list with a hole names the hole, not an empty policy', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemsOf(() => new CachePurgeToken(stack(), 'purge', { zones: untyped([ZONE, , ZONE]) }))).toEqual(['zones[1] is a hole in the array (an extra comma): received undefined']);
  });

  it('Resource.r2Bucket with null options does not throw a TypeError', () => {
    expect(Resource.r2Bucket(ACCOUNT, 'logs', untyped(null)).describe()).toBe(`R2 bucket logs (default) of account ${ACCOUNT}`);
  });

  it('LeastPrivilegeChecks.disable needs a stack and a reason', () => {
    expect(problemsOf(() => LeastPrivilegeChecks.disable(untyped({}), untyped(undefined)))).toEqual([
      'stack is not a TerraformStack: received "[object Object]"',
      'reason is missing or too short: received undefined',
    ]);
  });
});

describe('literal text reaches Terraform escaped', () => {
  it('a name holding ${...} and %{...} is written as $${...} and %%{...}', () => {
    const s = new TerraformStack(new App(), 'stack');
    const token = new CloudflareToken(s, 'dns', { ...valid, name: 'a ${file("/etc/passwd")} b %{if true}x%{endif}' });
    const json = JSON.parse(JSON.stringify((s.toTerraform() as { resource: Record<string, Record<string, { name: string }>> }).resource));
    expect(json.cloudflare_api_token[token.resource.friendlyUniqueId].name).toBe('a $${file("/etc/passwd")} b %%{if true}x%%{endif}');
    // the construct keeps the name as given: that is what Cloudflare will show
    expect(token.tokenName).toBe('a ${file("/etc/passwd")} b %{if true}x%{endif}');
  });
});
