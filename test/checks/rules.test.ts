import { ApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { Fn, LocalBackend, S3Backend, TerraformOutput, TerraformVariable } from 'cdktf';
import { CloudflareToken, PermissionGroups, Policy, Resource, TokenOwner } from '../../lib';
import { ACCOUNT, checkedStack, findingIds, findingsOfRule, rawAccountToken, rawApiToken, recorded, USER, ZONE, ZONE_2 } from './helpers';

const id = (name: Parameters<typeof PermissionGroups.byName>[0], scope?: Parameters<typeof PermissionGroups.byName>[1]) => PermissionGroups.byName(name, scope).id;
const zoneKey = (zone: string) => `com.cloudflare.api.account.zone.${zone}`;
const accountKey = (account: string) => `com.cloudflare.api.account.${account}`;
const bounded = { notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-03-01T00:00:00Z' };

describe('CFT1 wildcard resources', () => {
  test('a token on named zones and buckets has no CFT1 finding', () => {
    // GIVEN
    const stack = checkedStack();
    new CloudflareToken(stack, 'dns', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })] });
    new CloudflareToken(stack, 'r2', { ...bounded, policies: [Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Write'], resources: [Resource.r2Bucket(ACCOUNT, 'assets')] })] });
    // THEN
    expect(findingsOfRule(stack, 'stack/dns/token', 'CFT1')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/r2/token', 'CFT1')).toEqual([]);
  });

  test('all zones of all accounts, all zones of an account and all R2 buckets are each a finding', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 'wide', {
      ...bounded,
      policies: [
        Policy.allow({ permissions: ['DNS Read'], resources: [Resource.allZonesOfAllAccounts()] }),
        Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] }),
        Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Read'], resources: [Resource.allR2BucketsOfAccount(ACCOUNT)] }),
      ],
    });
    expect(findingsOfRule(stack, 'stack/wide/token', 'CFT1')).toEqual([`all-r2-buckets-of-account:${ACCOUNT}`, `all-zones-of-account:${ACCOUNT}`, 'all-zones-of-all-accounts']);
  });

  test('a raw token on all accounts, or with resources only known at plan, is a finding', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'allAccounts', [{ ids: [id('Account Settings Read')], resources: { 'com.cloudflare.api.account.*': '*' } }]);
    rawApiToken(stack, 'expr', [{ ids: [id('DNS Read')], resources: Fn.jsonencode({ [zoneKey(ZONE)]: '*' }) }]);
    expect(findingsOfRule(stack, 'stack/allAccounts', 'CFT1')).toEqual(['all-accounts']);
    // resources only known at plan are not a wildcard finding: CFT13 says they were not checked
    expect(findingsOfRule(stack, 'stack/expr', 'CFT1')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/expr', 'CFT13')).toEqual(['policies[0].resources']);
  });

  test('a wildcard in a deny policy is not a finding (it narrows)', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'deny', [
      { ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } },
      { effect: 'deny', ids: [id('DNS Write')], resources: { [accountKey(ACCOUNT)]: { 'com.cloudflare.api.account.zone.*': '*' } } },
    ]);
    expect(findingsOfRule(stack, 'stack/deny', 'CFT1')).toEqual([]);
  });
});

describe('CFT2 token-minting permissions', () => {
  test('API Tokens Write and Account API Tokens Write are findings (errors)', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'minter', [
      { ids: [id('API Tokens Write')], resources: { [`com.cloudflare.api.user.${USER}`]: '*' } },
      { ids: [id('Account API Tokens Write')], resources: { [accountKey(ACCOUNT)]: '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/minter', 'CFT2')).toEqual(['API Tokens Write', 'Account API Tokens Write'].sort());
  });

  test('reading tokens is not minting', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'reader', [{ ids: [id('API Tokens Read')], resources: { [`com.cloudflare.api.user.${USER}`]: '*' } }]);
    expect(findingsOfRule(stack, 'stack/reader', 'CFT2')).toEqual([]);
  });
});

describe('CFT3 expiry', () => {
  const dns = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

  test('no expiry is a finding', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { policies: dns });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT3')).toEqual(['no-expiry']);
  });

  test('a window of exactly the maximum passes; one second more is a finding', () => {
    const stack = checkedStack({ maxValidityDays: 90 });
    new CloudflareToken(stack, 'ok', { policies: dns, notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-04-01T00:00:00Z' });
    new CloudflareToken(stack, 'long', { policies: dns, notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-04-01T00:00:01Z' });
    expect(findingsOfRule(stack, 'stack/ok/token', 'CFT3')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/long/token', 'CFT3')).toEqual(['validity-over-max']);
  });

  test('the default maximum is 365 days', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 'year', { policies: dns, notBefore: '2027-01-01T00:00:00Z', expiresOn: '2028-01-01T00:00:00Z' });
    new CloudflareToken(stack, 'leap', { policies: dns, notBefore: '2027-06-01T00:00:00Z', expiresOn: '2028-06-01T00:00:00Z' });
    expect(findingsOfRule(stack, 'stack/year/token', 'CFT3')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/leap/token', 'CFT3')).toEqual(['validity-over-max']);
  });

  test('a fixed expiry without not_before is the normal case and is no finding', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { policies: dns, expiresOn: '2099-01-01T00:00:00Z' });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT3')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT13')).toEqual([]);
  });

  test('an expires_on expression the library did not write is unmeasurable: CFT13, not a pass', () => {
    const stack = checkedStack();
    const rotation = new TerraformVariable(stack, 'rotation', { type: 'string' });
    new CloudflareToken(stack, 't', { policies: dns, expiresOn: Fn.timeadd(rotation.stringValue, '720h') });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT3')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT13')).toEqual(['expires_on']);
  });

  test("the library's rotation is measured: everyDays + graceDays against maxValidityDays", () => {
    const stack = checkedStack({ maxValidityDays: 90 });
    new CloudflareToken(stack, 'short', { policies: dns, rotation: { everyDays: 30, graceDays: 7 } });
    new CloudflareToken(stack, 'long', { policies: dns, rotation: { everyDays: 3640, graceDays: 10 } });
    expect(findingIds(stack, 'stack/short/token')).toEqual([]);
    expect(findingIds(stack, 'stack/long/token')).toEqual(['CFT3 rotation-over-max']);
    expect(recorded(stack)['stack/long/token'].findings[0].message).toBe(
      'each token of the rotation stays valid up to 3650 days (rotation period plus grace), more than the maximum of 90',
    );
  });
});

describe('CFT4 client-IP restriction (strict only)', () => {
  const dns = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

  test('outside strict mode the rule does not run', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { ...bounded, policies: dns });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT4')).toEqual([]);
  });

  test('in strict mode, no allow list (or only a deny list) is a finding; an allow list passes', () => {
    const stack = checkedStack({ strict: true });
    new CloudflareToken(stack, 'open', { ...bounded, policies: dns });
    new CloudflareToken(stack, 'denyOnly', { ...bounded, policies: dns, deniedIps: ['192.0.2.0/24'] });
    new CloudflareToken(stack, 'pinned', { ...bounded, policies: dns, allowedIps: ['198.51.100.7'] });
    expect(findingsOfRule(stack, 'stack/open/token', 'CFT4')).toEqual(['no-allowed-ips']);
    expect(findingsOfRule(stack, 'stack/denyOnly/token', 'CFT4')).toEqual(['no-allowed-ips']);
    expect(findingsOfRule(stack, 'stack/pinned/token', 'CFT4')).toEqual([]);
  });
});

describe('CFT5 high-risk groups', () => {
  test('each high-risk group granted is a finding named after it', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'admin', [
      { ids: [id('Billing Write'), id('Account Settings Write')], resources: { [accountKey(ACCOUNT)]: '*' } },
      { ids: [id('Zone Write')], resources: { [zoneKey(ZONE)]: '*' } },
      { ids: [id('Memberships Write'), id('User Details Write')], resources: { [`com.cloudflare.api.user.${USER}`]: '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/admin', 'CFT5')).toEqual(['Account Settings Write', 'Billing Write', 'Memberships Write', 'User Details Write', 'Zone Write']);
  });

  test('their Read groups and narrow Write groups are not findings', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'narrow', [
      { ids: [id('Billing Read'), id('Account Settings Read')], resources: { [accountKey(ACCOUNT)]: '*' } },
      { ids: [id('Zone Settings Write'), id('DNS Write')], resources: { [zoneKey(ZONE)]: '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/narrow', 'CFT5')).toEqual([]);
  });
});

describe('CFT6 write granted with its own read', () => {
  test('DNS Write with DNS Read on the same zone is a finding naming the Read group', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Write', 'DNS Read', 'Zone Read'], resources: [Resource.zone(ZONE)] })] });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT6')).toEqual(['DNS Read']);
  });

  test('the pair on different zones, or a Read whose Write is absent, is not a finding', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', {
      ...bounded,
      policies: [
        Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] }),
        Policy.allow({ permissions: ['DNS Read'], resources: [Resource.zone(ZONE_2)] }),
      ],
    });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT6')).toEqual([]);
  });

  test('pairs keep to one scope: zone Logs Write does not pair with account Logs Read', () => {
    const stack = checkedStack();
    rawAccountToken(stack, 'logs', [
      { ids: [id('Logs Write', 'zone')], resources: { [accountKey(ACCOUNT)]: { [zoneKey(ZONE)]: '*' } } },
      { ids: [id('Logs Read', 'account')], resources: { [accountKey(ACCOUNT)]: '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/logs', 'CFT6')).toEqual([]);
  });
});

describe('CFT7 allowed and denied', () => {
  test('the same group allowed and denied on the same zone is a finding', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', {
      ...bounded,
      policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] }), Policy.deny({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })],
    });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT7')).toEqual(['DNS Write']);
  });

  test('a deny on another zone is a narrowing, not a contradiction', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', {
      ...bounded,
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] }), Policy.deny({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE_2)] })],
    });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT7')).toEqual([]);
  });
});

describe('CFT8 uncatalogued permission id', () => {
  test('a raw id the catalog lacks is a finding named by the id', () => {
    const stack = checkedStack();
    rawApiToken(stack, 't', [{ ids: ['00000000000000000000000000000abc', id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    expect(findingsOfRule(stack, 'stack/t', 'CFT8')).toEqual(['00000000000000000000000000000abc']);
  });

  test('PermissionGroups.uncatalogued is still flagged; catalogued ids are not', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 'new', { ...bounded, policies: [Policy.allow({ permissions: [PermissionGroups.uncatalogued('11111111111111111111111111111111', 'zone', 'Shiny Write')], resources: [Resource.zone(ZONE)] })] });
    new CloudflareToken(stack, 'known', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Read'], resources: [Resource.zone(ZONE)] })] });
    expect(findingsOfRule(stack, 'stack/new/token', 'CFT8')).toEqual(['11111111111111111111111111111111']);
    expect(findingsOfRule(stack, 'stack/known/token', 'CFT8')).toEqual([]);
  });
});

describe('CFT9 token value in a non-sensitive output', () => {
  test('a plain output of the value is a finding named by the output', () => {
    const stack = checkedStack();
    const token = rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    new TerraformOutput(stack, 'leak', { value: token.value });
    new TerraformOutput(stack, 'encoded', { value: Fn.base64encode(token.value) });
    new TerraformOutput(stack, 'tokenId', { value: token.id });
    expect(findingsOfRule(stack, 'stack/raw', 'CFT9')).toEqual(['encoded', 'leak']);
  });

  test("exportValue's sensitive output is not a finding", () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Read'], resources: [Resource.zone(ZONE)] })] });
    token.exportValue();
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT9')).toEqual([]);
  });

  test('spaces, comments, line breaks, lookup() and the whole token are findings; the id however spelled is not', () => {
    const stack = checkedStack();
    const token = rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    const [type, name] = [token.terraformResourceType, token.friendlyUniqueId];
    new TerraformOutput(stack, 'comment', { value: `\${${type} /**/ .${name} . value}` });
    new TerraformOutput(stack, 'lines', { value: `\${${type} # type\n .${name} // name\n .value}` });
    new TerraformOutput(stack, 'lookup', { value: `\${lookup(${type}.${name}, "value")}` });
    new TerraformOutput(stack, 'whole', { value: { nested: [`\${${type}.${name}}`] } });
    // Terraform reads an object key in JSON as a template: the whole token as a key carries it.
    new TerraformOutput(stack, 'keyed', { value: { [`\${${type}.${name}}`]: 'x' } });
    new TerraformOutput(stack, 'spacedId', { value: `\${${type} . ${name} . id}` });
    new TerraformOutput(stack, 'sensitiveLookup', { value: `\${lookup(${type}.${name}, "value")}`, sensitive: true });
    expect(findingsOfRule(stack, 'stack/raw', 'CFT9')).toEqual(['comment', 'keyed', 'lines', 'lookup', 'whole']);
  });

  test("another token's value output does not count against this one", () => {
    const stack = checkedStack();
    rawApiToken(stack, 'a', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    const ab = rawApiToken(stack, 'ab', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    new TerraformOutput(stack, 'leak', { value: ab.value });
    expect(findingsOfRule(stack, 'stack/a', 'CFT9')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/ab', 'CFT9')).toEqual(['leak']);
  });
});

describe('CFT10 literal credential in the provider', () => {
  test('a literal api_token in a provider of the stack is a finding on its tokens', () => {
    const stack = checkedStack();
    new CloudflareProvider(stack, 'literal', { alias: 'other', apiToken: 'not-a-real-token-but-literal' });
    rawApiToken(stack, 't', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    expect(findingsOfRule(stack, 'stack/t', 'CFT10')).toEqual(['other.api_token']);
  });

  test('a provider reading a sensitive variable, or the environment at plan, passes', () => {
    const stack = checkedStack();
    const secret = new TerraformVariable(stack, 'cfToken', { type: 'string', sensitive: true });
    new CloudflareProvider(stack, 'fromVar', { alias: 'fromVar', apiToken: secret.stringValue });
    rawApiToken(stack, 't', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    expect(findingsOfRule(stack, 'stack/t', 'CFT10')).toEqual([]);
  });
});

describe('CFT11 production state in a local backend', () => {
  const policies = [Policy.allow({ permissions: ['DNS Read'], resources: [Resource.zone(ZONE)] })];

  test('a production stack with a local backend, or none, is a finding', () => {
    const local = checkedStack({ production: true });
    new LocalBackend(local, { path: 'terraform.tfstate' });
    new CloudflareToken(local, 't', { ...bounded, policies });
    const none = checkedStack({ production: true });
    new CloudflareToken(none, 't', { ...bounded, policies });
    expect(findingsOfRule(local, 'stack/t/token', 'CFT11')).toEqual(['local-backend']);
    expect(findingsOfRule(none, 'stack/t/token', 'CFT11')).toEqual(['local-backend']);
  });

  test('a production stack with a remote backend passes; a stack not marked production is not checked', () => {
    const remote = checkedStack({ production: true });
    new S3Backend(remote, { bucket: 'state', key: 'tokens.tfstate', region: 'eu-west-1', encrypt: true });
    new CloudflareToken(remote, 't', { ...bounded, policies });
    const dev = checkedStack();
    new LocalBackend(dev, { path: 'terraform.tfstate' });
    new CloudflareToken(dev, 't', { ...bounded, policies });
    expect(findingsOfRule(remote, 'stack/t/token', 'CFT11')).toEqual([]);
    expect(findingsOfRule(dev, 'stack/t/token', 'CFT11')).toEqual([]);
  });
});

describe('CFT12 account-owned token on a single zone (advice, opt-in)', () => {
  test('without advice: true it does not run; with it, a warning even in strict mode', () => {
    const plain = checkedStack({ strict: true });
    const advised = checkedStack({ strict: true, advice: true });
    for (const stack of [plain, advised]) {
      new CloudflareToken(stack, 't', { ...bounded, allowedIps: ['192.0.2.0/24'], owner: TokenOwner.account(ACCOUNT), policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })] });
    }
    expect(findingsOfRule(plain, 'stack/t/token', 'CFT12')).toEqual([]);
    expect(recorded(advised)['stack/t/token'].findings.map((f) => `${f.rule} ${f.level}`)).toEqual(['CFT12 warning']);
  });

  test('an account-owned token granting on one zone is a finding per zone', () => {
    const stack = checkedStack({ advice: true });
    new CloudflareToken(stack, 't', {
      ...bounded,
      owner: TokenOwner.account(ACCOUNT),
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE), Resource.zone(ZONE_2)] })],
    });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT12')).toEqual([`zone:${ZONE}`, `zone:${ZONE_2}`]);
  });

  test('all zones of the account, and user-owned tokens on one zone, are not findings', () => {
    const stack = checkedStack({ advice: true });
    new CloudflareToken(stack, 'acct', { ...bounded, owner: TokenOwner.account(ACCOUNT), policies: [Policy.allow({ permissions: ['DNS Read'], resources: [Resource.allZonesOfAccount(ACCOUNT)] })] });
    new CloudflareToken(stack, 'user', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Read'], resources: [Resource.zone(ZONE)] })] });
    expect(findingsOfRule(stack, 'stack/acct/token', 'CFT12')).toEqual([]);
    expect(findingsOfRule(stack, 'stack/user/token', 'CFT12')).toEqual([]);
  });
});

test('raw ApiToken is typed as the provider class (sanity for the helpers)', () => {
  const stack = checkedStack();
  expect(rawApiToken(stack, 'x', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }])).toBeInstanceOf(ApiToken);
});
