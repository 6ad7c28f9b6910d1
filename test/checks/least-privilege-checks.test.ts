import { ApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { AnnotationMetadataEntryType, App, Aspects, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudflareToken, LeastPrivilegeChecks, PermissionGroups, Policy, Resource } from '../../lib';
import { CFT5 } from '../../lib/checks/rules/cft5-high-risk-groups';
import { checkedStack, findingIds, givenStack, rawApiToken, recorded, ZONE } from './helpers';

const dnsRead = PermissionGroups.byName('DNS Read').id;
const bounded = { notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-03-01T00:00:00Z' };
const cleanPolicies = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

function warningsOn(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((n) => n.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => `${n.node.path}: ${m.data}`));
}

describe('LeastPrivilegeChecks', () => {
  test('checks raw provider tokens and CloudflareToken alike', () => {
    // GIVEN
    const stack = checkedStack();
    new CloudflareToken(stack, 'construct', { policies: cleanPolicies });
    rawApiToken(stack, 'raw', [{ ids: [dnsRead], resources: { 'com.cloudflare.api.account.zone.*': '*' } }]);
    // THEN
    expect(findingIds(stack, 'stack/construct/token')).toEqual(['CFT3 no-expiry']);
    expect(findingIds(stack, 'stack/raw')).toEqual(['CFT1 all-zones-of-all-accounts']);
  });

  test('a compliant token records empty findings and suppressions', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { ...bounded, policies: cleanPolicies });
    expect(recorded(stack)['stack/t/token']).toEqual({ checks: 'default', findings: [], suppressions: [] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('warnings are printed as annotations and do not fail synth', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { policies: cleanPolicies });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const warnings = warningsOn(stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^stack\/t\/token: \[CFT3\] Expiry: the token has no expires_on.*finding "no-expiry".*Fix: .*LeastPrivilegeChecks\.suppress\(construct, \[\{ id: 'CFT3', appliesTo: "no-expiry", reason: '...' \}\]\)/);
  });

  test('errors fail Testing.synth(stack, true), naming the token and the rule', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'minter', [{ ids: [PermissionGroups.byName('API Tokens Write').id], resources: { 'com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a': '*' } }]);
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/minter\] \[CFT2\] Token-minting permissions: policies\[0\] grants API Tokens Write/);
  });

  test('errors fail app.synth(), which is what cdktf synth runs', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-checks-'));
    try {
      const app = new App({ outdir });
      const stack = givenStack(app);
      LeastPrivilegeChecks.applyTo(stack);
      rawApiToken(stack, 'admin', [{ ids: [PermissionGroups.byName('Billing Write').id], resources: { 'com.cloudflare.api.account.01a7362d577a6c3019a474fd6f485823': '*' } }]);
      expect(() => app.synth()).toThrow(/CFT5.*Billing Write/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('errors fail app.synth() even with skipValidation (they are also error annotations)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-checks-'));
    try {
      const app = new App({ outdir, skipValidation: true });
      const stack = givenStack(app);
      LeastPrivilegeChecks.applyTo(stack);
      rawApiToken(stack, 'admin', [{ ids: [PermissionGroups.byName('Billing Write').id], resources: { 'com.cloudflare.api.account.01a7362d577a6c3019a474fd6f485823': '*' } }]);
      expect(() => app.synth()).toThrow(/\[stack\/admin\] \[CFT5\] High-risk permission groups: policies\[0\] grants Billing Write/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('strict mode turns warnings into errors and runs the strict-only rules', () => {
    const stack = checkedStack({ strict: true });
    new CloudflareToken(stack, 't', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Write', 'DNS Read'], resources: [Resource.zone(ZONE)] })] });
    const findings = recorded(stack)['stack/t/token'].findings;
    expect(findings.map((f) => `${f.rule} ${f.level} ${f.finding}`)).toEqual(['CFT4 error no-allowed-ips', 'CFT6 error DNS Read']);
    expect(() => Testing.synth(stack, true)).toThrow(/CFT4[\s\S]*CFT6/);
  });

  test('findings and suppressions are recorded under "//".leastPrivilege in cdk.tf.json', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { ...bounded, policies: [Policy.allow({ permissions: ['DNS Write', 'DNS Read'], resources: [Resource.allZonesOfAllAccounts()] })] });
    LeastPrivilegeChecks.suppress(token, [{ id: 'CFT1', appliesTo: 'all-zones-of-all-accounts', reason: 'the DNS audit job reads every zone by design' }]);
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
    const meta = Object.values(json.resource.cloudflare_api_token as Record<string, { '//': Record<string, unknown> }>)[0]['//'];
    expect(meta.leastPrivilege).toEqual({
      checks: 'default',
      findings: [{ rule: 'CFT6', level: 'warning', message: 'DNS Read is granted with DNS Write on com.cloudflare.api.account.zone.*, which already reads', finding: 'DNS Read' }],
      suppressions: [{ rule: 'CFT1', reason: 'the DNS audit job reads every zone by design', appliesTo: 'all-zones-of-all-accounts' }],
    });
    // The summary the token construct records is kept next to it.
    expect(meta.summary).toEqual(['allow DNS Read, DNS Write on ALL zones of ALL accounts']);
  });

  test('a rule that throws becomes a CFT0 finding (an error) and synth does not crash', () => {
    const spy = jest.spyOn(CFT5, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const stack = checkedStack();
      new CloudflareToken(stack, 't', { ...bounded, policies: cleanPolicies });
      const record = recorded(stack)['stack/t/token'];
      expect(record.findings).toEqual([{ rule: 'CFT0', level: 'error', finding: 'CFT5', message: 'rule CFT5 (High-risk permission groups) threw: boom' }]);
      expect(() => Testing.synth(stack, true)).toThrow(/\[CFT0\] Rule failed: rule CFT5/);
    } finally {
      spy.mockRestore();
    }
  });

  test('synthesizing twice records and prints each finding once, with identical JSON', () => {
    const stack = checkedStack();
    new CloudflareToken(stack, 't', { policies: cleanPolicies });
    Testing.synth(stack);
    const first = JSON.stringify(stack.toTerraform());
    Testing.synth(stack);
    expect(JSON.stringify(stack.toTerraform())).toEqual(first);
    expect(warningsOn(stack)).toHaveLength(1);
  });

  test('two checks on one token merge: the stricter level wins, findings are not duplicated', () => {
    const stack = checkedStack();
    LeastPrivilegeChecks.applyTo(stack, { strict: true });
    new CloudflareToken(stack, 't', { ...bounded, allowedIps: ['192.0.2.1'], policies: [Policy.allow({ permissions: ['DNS Write', 'DNS Read'], resources: [Resource.zone(ZONE)] })] });
    expect(recorded(stack)['stack/t/token'].findings.map((f) => `${f.rule} ${f.level}`)).toEqual(['CFT6 error']);
  });

  test('applyTo(app) checks every stack of the app', () => {
    const app = Testing.app();
    const dev = new TerraformStack(app, 'dev');
    const prod = new TerraformStack(app, 'prod');
    new ApiToken(dev, 't', { name: 't', policies: [{ effect: 'allow', permissionGroups: [{ id: dnsRead }], resources: '{"com.cloudflare.api.account.zone.*":"*"}' }] });
    new ApiToken(prod, 't', { name: 't', policies: [{ effect: 'allow', permissionGroups: [{ id: dnsRead }], resources: `{"com.cloudflare.api.account.zone.${ZONE}":"*"}` }] });
    LeastPrivilegeChecks.applyTo(app);
    expect(findingIds(dev, 'dev/t')).toEqual(['CFT1 all-zones-of-all-accounts', 'CFT3 no-expiry']);
    expect(findingIds(prod, 'prod/t')).toEqual(['CFT3 no-expiry']);
  });

  test('a stack created after applyTo(app) fails validation instead of going unchecked', () => {
    const app = Testing.app();
    LeastPrivilegeChecks.applyTo(app);
    const late = givenStack(app);
    new CloudflareToken(late, 't', { ...bounded, policies: cleanPolicies });
    Testing.synth(late);
    expect(app.node.validate()).toEqual([
      'token stack/t/token was not checked by the LeastPrivilegeChecks applied here: apply the checks after creating every stack',
    ]);
  });

  test('Aspects.of(stack).add(new LeastPrivilegeChecks()) works as applyTo(stack)', () => {
    const stack = givenStack();
    Aspects.of(stack).add(new LeastPrivilegeChecks());
    new CloudflareToken(stack, 't', { policies: cleanPolicies });
    expect(findingIds(stack, 'stack/t/token')).toEqual(['CFT3 no-expiry']);
  });

  test('maxValidityDays must be a positive number', () => {
    expect(() => new LeastPrivilegeChecks({ maxValidityDays: 0 })).toThrow(/\[LeastPrivilegeChecks\] an invalid value:\n  - maxValidityDays is not a positive number of days: received 0; expected a number of days above 0/);
  });
});
