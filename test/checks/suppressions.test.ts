import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CloudflareToken, LeastPrivilegeChecks, PermissionGroups, Policy, Resource } from '../../lib';
import { CFT5 } from '../../lib/checks/rules/cft5-high-risk-groups';
import { ACCOUNT, checkedStack, rawApiToken, recorded, ZONE } from './helpers';

const bounded = { notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-03-01T00:00:00Z' };
const dns = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

describe('LeastPrivilegeChecks.suppress', () => {
  test('a suppression with a reason removes the finding and is recorded on the token', () => {
    // GIVEN a token without expiry, and a reasoned suppression on it
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { policies: dns });
    LeastPrivilegeChecks.suppress(token, [{ id: 'CFT3', reason: 'break-glass token, revoked by hand after use' }]);
    // THEN
    expect(recorded(stack)['stack/t/token']).toEqual({ checks: 'default', findings: [], suppressions: [{ rule: 'CFT3', reason: 'break-glass token, revoked by hand after use' }] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('a suppression on a parent applies to every token below it', () => {
    const stack = checkedStack({ strict: true });
    const team = new Construct(stack, 'ci');
    new CloudflareToken(team, 'a', { ...bounded, policies: dns });
    new CloudflareToken(team, 'b', { ...bounded, policies: dns });
    LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT4', appliesTo: 'no-allowed-ips', reason: 'hosted CI runners have no fixed egress addresses' }]);
    const records = recorded(stack);
    expect(records['stack/ci/a/token'].findings).toEqual([]);
    expect(records['stack/ci/b/token'].suppressions).toEqual([{ rule: 'CFT4', reason: 'hosted CI runners have no fixed egress addresses', appliesTo: 'no-allowed-ips' }]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('appliesTo accepts only the finding named; other findings of the rule remain', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', {
      ...bounded,
      policies: [
        Policy.allow({ permissions: ['DNS Read'], resources: [Resource.allZonesOfAllAccounts()] }),
        Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] }),
      ],
    });
    LeastPrivilegeChecks.suppress(token, [{ id: 'CFT1', appliesTo: `all-zones-of-account:${ACCOUNT}`, reason: 'manages records in every zone of the platform account' }]);
    expect(recorded(stack)['stack/t/token'].findings.map((f) => `${f.rule} ${f.finding}`)).toEqual(['CFT1 all-zones-of-all-accounts']);
  });

  test('suppressing an error-level finding lets synth pass, and the audit trail stays in the JSON', () => {
    const stack = checkedStack();
    rawApiToken(stack, 'admin', [{ ids: [PermissionGroups.byName('Zone Write').id], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }]);
    expect(() => Testing.synth(stack, true)).toThrow(/CFT5/);
    const stack2 = checkedStack();
    const token2 = rawApiToken(stack2, 'admin', [{ ids: [PermissionGroups.byName('Zone Write').id], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }]);
    LeastPrivilegeChecks.suppress(token2, [{ id: 'CFT5', appliesTo: 'Zone Write', reason: 'zone lifecycle automation deletes test zones' }]);
    expect(() => Testing.synth(stack2, true)).not.toThrow();
    expect(recorded(stack2)['stack/admin'].suppressions).toEqual([{ rule: 'CFT5', reason: 'zone lifecycle automation deletes test zones', appliesTo: 'Zone Write' }]);
  });

  test('a missing or short reason throws at once, naming the construct', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { policies: dns });
    expect(() => LeastPrivilegeChecks.suppress(token, [{ id: 'CFT3', reason: 'ok' }])).toThrow(
      /\[stack\/t\] an invalid value:\n  - suppressions\[0\]\.reason is missing or too short: received "ok"; expected a reason of at least 10 characters/,
    );
    expect(() => LeastPrivilegeChecks.suppress(token, [{ id: 'CFT3' } as never])).toThrow(/suppressions\[0\]\.reason is missing or too short: received undefined/);
    expect(() => LeastPrivilegeChecks.suppress(token, [{ id: 'CFT3', reason: '          x' }])).toThrow(/reason is missing or too short/);
  });

  test('an unknown rule id throws at once, listing the ids', () => {
    const stack = checkedStack();
    expect(() => LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT99' as never /* JavaScript: tsc refuses it */, reason: 'a perfectly good reason' }])).toThrow(
      /\[stack\] an invalid value:\n  - suppressions\[0\]\.id is not a least-privilege rule id: received "CFT99"; expected one of CFT0, CFT1, .*CFT12/,
    );
  });

  test('an empty list, an empty appliesTo and a duplicate throw', () => {
    const stack = checkedStack();
    expect(() => LeastPrivilegeChecks.suppress(stack, [])).toThrow(/suppressions is empty/);
    expect(() => LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT3', reason: 'a perfectly good reason', appliesTo: '' }])).toThrow(/suppressions\[0\]\.appliesTo is not a finding id/);
    expect(() =>
      LeastPrivilegeChecks.suppress(stack, [
        { id: 'CFT3', reason: 'a perfectly good reason' },
        { id: 'CFT3', reason: 'another perfectly good reason' },
      ]),
    ).toThrow(/suppressions\[1\] suppresses the same finding twice on this construct/);
  });

  test('a suppression that matches no finding fails validation', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { ...bounded, policies: dns });
    LeastPrivilegeChecks.suppress(token, [{ id: 'CFT2', reason: 'left over from an older version' }]);
    expect(() => Testing.synth(stack, true)).toThrow(/\[stack\/t\] least-privilege suppression of CFT2 matches no finding on stack\/t or below/);
  });

  test('a suppression naming a finding that does not occur fails validation, even when the rule has other findings', () => {
    const stack = checkedStack();
    const token = new CloudflareToken(stack, 't', { policies: dns });
    LeastPrivilegeChecks.suppress(token, [{ id: 'CFT3', appliesTo: 'validity-over-max', reason: 'quarterly manual rotation is enough' }]);
    expect(recorded(stack)['stack/t/token'].findings.map((f) => f.finding)).toEqual(['no-expiry']);
    expect(() => Testing.synth(stack, true)).toThrow(/suppression of CFT3 \(appliesTo "validity-over-max"\) matches no finding/);
  });

  test('a suppression with no checked token below it is reported as unused', () => {
    const stack = checkedStack();
    const app = stack.node.root;
    LeastPrivilegeChecks.suppress(app, [{ id: 'CFT3', reason: 'nothing below is checked at all' }]);
    expect(app.node.validate()[0]).toMatch(/matches no finding .*or LeastPrivilegeChecks is not applied to this stack/);
  });

  test('CFT0 (a rule that threw) can be suppressed for that rule', () => {
    const spy = jest.spyOn(CFT5, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const stack = checkedStack();
      const token = new CloudflareToken(stack, 't', { ...bounded, policies: dns });
      LeastPrivilegeChecks.suppress(token, [{ id: 'CFT0', appliesTo: 'CFT5', reason: 'known rule bug, tracked in issue 42' }]);
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(recorded(stack)['stack/t/token'].suppressions).toEqual([{ rule: 'CFT0', reason: 'known rule bug, tracked in issue 42', appliesTo: 'CFT5' }]);
    } finally {
      spy.mockRestore();
    }
  });
});
