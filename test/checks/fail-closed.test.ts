// The checks never pass what they cannot read, and run without being asked: each case
// below is a reproduction from issue 12, with the exact finding it must give.
import { ApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { DataCloudflareZone } from '@cdktf/provider-cloudflare/lib/data-cloudflare-zone';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { Fn, TerraformHclModule, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { CloudflareToken, LeastPrivilegeChecks, OverlappingToken, PermissionGroups, Policy, Resource } from '../../lib';
import { checkedStack, findingIds, findingsOfRule, givenStack, rawApiToken, recorded, ZONE } from './helpers';

const id = (name: string) => PermissionGroups.all().find((g) => g.name === name)!.id;
const zoneKey = (zone: string) => `com.cloudflare.api.account.zone.${zone}`;
const bounded = { notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-03-01T00:00:00Z' };

function stackJson(stack: TerraformStack): Record<string, any> {
  Testing.synth(stack);
  return stack.toTerraform() as Record<string, any>;
}

describe('unreadable is never clean (CFT13)', () => {
  test('permission_groups from Fn.jsondecode(var) granting API Tokens Write: a finding, an error in strict', () => {
    for (const strict of [false, true]) {
      const stack = checkedStack({ strict });
      const groups = new TerraformVariable(stack, 'groups', { type: 'string' });
      new ApiToken(stack, 'raw', {
        name: 'raw',
        ...bounded,
        policies: [{ effect: 'allow', permissionGroups: Token.asAny(Fn.jsondecode(groups.stringValue)), resources: JSON.stringify({ [zoneKey(ZONE)]: '*' }) }],
      });
      const record = recorded(stack)['stack/raw'];
      const finding = record.findings.find((f) => f.rule === 'CFT13');
      expect(finding).toEqual({
        rule: 'CFT13',
        level: strict ? 'error' : 'warning',
        finding: 'policies[0].permission_groups',
        message:
          'policies[0].permission_groups is the Terraform expression ${jsondecode(var.groups)}, so the permissions it grants cannot be checked at synth (CFT2, CFT5, CFT6, CFT7, CFT8 not checked)',
      });
      if (strict) expect(() => Testing.synth(stack, true)).toThrow(/\[CFT13\] Not checkable at synth/);
    }
  });

  test("an override 'policies.0.permission_groups' = '${[...]}' is read as the expression it is", () => {
    const stack = checkedStack();
    const token = rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]);
    token.addOverride('policies.0.permission_groups', `\${[{ id = "${id('API Tokens Write')}" }]}`);
    expect(findingsOfRule(stack, 'stack/raw', 'CFT13')).toEqual(['policies[0].permission_groups']);
  });

  test('policies as a whole, or resources, as an expression say what was not checked', () => {
    const stack = checkedStack();
    const policies = new TerraformVariable(stack, 'policies', { type: 'any' });
    new ApiToken(stack, 'whole', { name: 'whole', ...bounded, policies: Token.asAny(policies.value) });
    rawApiToken(stack, 'res', [{ ids: [id('DNS Read')], resources: Fn.jsonencode({ [zoneKey(ZONE)]: '*' }) }]);
    expect(findingIds(stack, 'stack/whole')).toEqual(['CFT13 policies']);
    expect(recorded(stack)['stack/whole'].findings[0].message).toBe(
      'policies is the Terraform expression ${var.policies}, so none of its permissions or resources can be checked at synth (CFT1, CFT2, CFT5 to CFT8, CFT12 not checked)',
    );
    expect(findingIds(stack, 'stack/res')).toEqual(['CFT13 policies[0].resources']);
  });

  test('an expiry expression such as timeadd(timestamp(), "876000h") is unmeasurable, not accepted', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }], { notBefore: undefined, expiresOn: Fn.timeadd(Fn.timestamp(), '876000h') });
    expect(findingIds(stack, 'stack/raw')).toEqual(['CFT13 expires_on']);
  });

  test('strict: an IP list given as an expression is unreadable, not "any client IP"', () => {
    const stack = checkedStack({ strict: true });
    const ips = new TerraformVariable(stack, 'ips', { type: 'list(string)' });
    rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }], { condition: { requestIp: { in: ips.listValue } } });
    expect(findingIds(stack, 'stack/raw')).toEqual(['CFT13 condition.request_ip.in']);
  });

  test('a Terraform module and a provisioner in a checked stack are findings naming them', () => {
    const stack = checkedStack({ strict: true });
    new TerraformHclModule(stack, 'tokens', { source: 'acme/tokens/cloudflare', version: '1.0.0' });
    new ApiToken(stack, 'minted', {
      name: 'minted',
      ...bounded,
      allowedIps: undefined,
      condition: { requestIp: { in: ['192.0.2.0/24'] } },
      policies: [{ effect: 'allow', permissionGroups: [{ id: id('DNS Read') }], resources: JSON.stringify({ [zoneKey(ZONE)]: '*' }) }],
      provisioners: [{ type: 'local-exec', command: 'curl -X POST https://api.cloudflare.com/client/v4/user/tokens' }],
    } as never);
    const json = stackJson(stack);
    expect(json['//'].leastPrivilege.findings).toEqual([
      { rule: 'CFT13', level: 'error', finding: 'module:stack/tokens', message: 'module stack/tokens (acme/tokens/cloudflare) is not read by the checks: any token it creates is not checked' },
    ]);
    expect(findingIds(stack, 'stack/minted')).toEqual(['CFT13 provisioner:stack/minted']);
    expect(() => Testing.synth(stack, true)).toThrow(/module stack\/tokens/);
  });

  test('a provisioner added by an override is seen too', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }]).addOverride('provisioner', [{ 'local-exec': { command: 'echo' } }]);
    expect(findingIds(stack, 'stack/raw')).toEqual(['CFT13 provisioner:stack/raw']);
  });

  test('a stack-level override of a token, or one adding a token of the same type, is a finding (an error in strict)', () => {
    // GIVEN strict checks and a token on one zone
    const stack = checkedStack({ strict: true });
    const token = new CloudflareToken(stack, 'dns', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], ...bounded, allowedIps: ['192.0.2.0/24'] });
    // WHEN the stack rewrites it to all zones of all accounts and drops its IP condition
    const address = `resource.cloudflare_api_token.${token.resource.friendlyUniqueId}`;
    stack.addOverride(`${address}.policies`, [{ effect: 'allow', permission_groups: [{ id: id('DNS Write') }], resources: JSON.stringify({ 'com.cloudflare.api.account.zone.*': '*' }) }]);
    stack.addOverride(`${address}.condition`, null);
    // THEN the checks say they did not read it, and strict synth fails
    expect(findingsOfRule(stack, 'stack/dns/token', 'CFT13')).toEqual(['stack-override']);
    expect(() => Testing.synth(stack, true)).toThrow(/stack-level override/);

    const other = checkedStack();
    new CloudflareToken(other, 'dns', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], ...bounded });
    other.addOverride('resource.cloudflare_api_token.evil', { name: 'evil', policies: [] });
    const [finding] = recorded(other)['stack/dns/token'].findings.filter((f) => f.rule === 'CFT13');
    expect(finding.message).toContain('writes cloudflare_api_token resources no construct describes (evil)');
  });

  test('a zone id from DataCloudflareZone is one zone: no CFT1, no CFT13, even strict', () => {
    const stack = checkedStack({ strict: true });
    const zone = new DataCloudflareZone(stack, 'zone', { filter: { name: 'example.com' } });
    new CloudflareToken(stack, 't', { ...bounded, allowedIps: ['192.0.2.0/24'], policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(zone.id)] })] });
    expect(findingIds(stack, 'stack/t/token')).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('a zone id from a variable could be "*": CFT13 says so', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'raw', [{ ids: [id('DNS Read')], resources: `{"${zoneKey('${var.zone}')}":"*"}` }]);
    expect(findingIds(stack, 'stack/raw')).toEqual(['CFT13 policies[0].resources:com.cloudflare.api.account.zone.${var.zone}']);
  });
});

describe('the rules mean what RULES.md says', () => {
  test('CFT4 (strict): an allow list of 0.0.0.0/0 and ::/0 restricts nothing', () => {
    const stack = checkedStack({ strict: true });
    rawApiToken(stack, 'all', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }], { condition: { requestIp: { in: ['0.0.0.0/0', '::/0'] } } });
    rawApiToken(stack, 'halves', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }], { condition: { requestIp: { in: ['0.0.0.0/1', '128.0.0.0/1'] } } });
    rawApiToken(stack, 'narrow', [{ ids: [id('DNS Read')], resources: { [zoneKey(ZONE)]: '*' } }], { condition: { requestIp: { in: ['192.0.2.0/24'] } } });
    expect(findingIds(stack, 'stack/all')).toEqual(['CFT4 allowed-ips-cover-everything']);
    expect(recorded(stack)['stack/all'].findings[0].message).toBe('the allow list (0.0.0.0/0, ::/0) covers every IPv4 and every IPv6 address, so it restricts nothing there');
    expect(findingIds(stack, 'stack/halves')).toEqual(['CFT4 allowed-ips-cover-everything']);
    expect(findingIds(stack, 'stack/narrow')).toEqual([]);
  });

  test('CFT7: a deny on all zones with an allow on one zone', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'raw', [
      { ids: [id('DNS Write')], resources: { [zoneKey(ZONE)]: '*' } },
      { effect: 'deny', ids: [id('DNS Write')], resources: { [zoneKey('*')]: '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/raw', 'CFT7')).toEqual(['DNS Write']);
    expect(recorded(stack)['stack/raw'].findings.find((f) => f.rule === 'CFT7')?.message).toBe(
      `DNS Write is both allowed (policies[0]) and denied on ${zoneKey(ZONE)} (denied on com.cloudflare.api.account.zone.*, which contains it)`,
    );
  });

  test("CFT1: a key like 'zone.0*' is a wildcard, a bare 'com.cloudflare.api.account' is unknown", () => {
    const stack = checkedStack();
    rawApiToken(stack, 'raw', [
      { ids: [id('DNS Read')], resources: { [zoneKey('0*')]: '*' } },
      { ids: [id('Account Settings Read')], resources: { 'com.cloudflare.api.account': '*' } },
    ]);
    expect(findingsOfRule(stack, 'stack/raw', 'CFT1')).toEqual(['unknown-resource:com.cloudflare.api.account', 'wildcard:com.cloudflare.api.account.zone.0*']);
  });

  test('CFT10: a credential read from a variable with a literal default', () => {
    const stack = givenStack();
    LeastPrivilegeChecks.applyTo(stack);
    const credential = new TerraformVariable(stack, 'cf_token', { type: 'string', default: 'literal-credential', sensitive: true });
    new CloudflareProvider(stack, 'aliased', { alias: 'other', apiToken: credential.stringValue });
    new CloudflareToken(stack, 't', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })] });
    expect(findingsOfRule(stack, 'stack/t/token', 'CFT10')).toEqual(['other.api_token:var.cf_token']);
  });
});

describe('rotation is measured from the construct', () => {
  test('an OverlappingToken slot lives 2 × everyDays + graceDays: measured against maxValidityDays', () => {
    const stack = checkedStack({ maxValidityDays: 365 });
    const policies = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];
    new OverlappingToken(stack, 'ok', { policies, rotation: { everyDays: 30, graceDays: 7 } });
    new OverlappingToken(stack, 'long', { policies, rotation: { everyDays: 200, graceDays: 10 } });
    expect(findingIds(stack, 'stack/ok/a/token')).toEqual([]);
    expect(findingIds(stack, 'stack/long/b/token')).toEqual(['CFT3 rotation-over-max']);
  });

  test('an override of a rotating token\'s expires_on is no longer vouched for by the rotation', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], rotation: { everyDays: 30, graceDays: 7 } });
    token.resource.addOverride('expires_on', '${timeadd(timestamp(), "876000h")}');
    expect(findingIds(stack, 'stack/t/token')).toEqual(['CFT13 expires_on']);
  });
});

describe('on by default', () => {
  test('a library token with API Tokens Write, Billing Write and Zone Write on all zones, no expiry, any IP, and no applyTo: findings in cdk.tf.json and synth fails', () => {
    const stack = givenStack();
    new CloudflareToken(stack, 'wide', {
      policies: [
        Policy.allow({ permissions: ['API Tokens Write'], resources: [Resource.user('7c5dae5552338874e5053f2534d2767a')] }),
        Policy.allow({ permissions: ['Billing Write'], resources: [Resource.account('01a7362d577a6c3019a474fd6f485823')] }),
        Policy.allow({ permissions: ['Zone Write'], resources: [Resource.allZonesOfAllAccounts()] }),
      ],
    });
    const json = stackJson(stack);
    expect(json['//'].leastPrivilege).toEqual({ level: 'default', production: false, maxValidityDays: 365 });
    expect(findingIds(stack, 'stack/wide/token')).toEqual(['CFT1 all-zones-of-all-accounts', 'CFT2 API Tokens Write', 'CFT3 no-expiry', 'CFT5 Billing Write', 'CFT5 Zone Write']);
    expect(recorded(stack)['stack/wide/token']).toMatchObject({ checks: 'default' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[CFT2\] Token-minting permissions/);
  });

  test('applyTo replaces the default: findings once, at the level asked', () => {
    const stack = givenStack();
    new CloudflareToken(stack, 't', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })] });
    LeastPrivilegeChecks.applyTo(stack, { strict: true });
    expect(recorded(stack)['stack/t/token'].findings.map((f) => `${f.rule} ${f.level}`)).toEqual(['CFT3 error', 'CFT4 error']);
    expect(stackJson(stack)['//'].leastPrivilege).toMatchObject({ level: 'strict' });
  });

  test('turning the default off is explicit, needs a reason, and is recorded in the synth output', () => {
    const stack = givenStack();
    new CloudflareToken(stack, 't', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })] });
    expect(() => LeastPrivilegeChecks.disable(stack, { reason: 'no' })).toThrow(/reason is missing or too short: received "no"/);
    LeastPrivilegeChecks.disable(stack, { reason: 'checked by the platform team pipeline instead' });
    const json = stackJson(stack);
    expect(json['//'].leastPrivilege).toEqual({ level: 'off', reason: 'checked by the platform team pipeline instead' });
    expect(Object.values(json.resource.cloudflare_api_token as Record<string, any>)[0]['//'].leastPrivilege).toBeUndefined();
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
