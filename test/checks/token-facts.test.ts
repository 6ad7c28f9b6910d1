import { TerraformVariable } from 'cdktf';
import { CloudflareToken, Policy, Resource, TokenOwner } from '../../lib';
import { RuleContext } from '../../lib/checks/rule';
import { CFT12 } from '../../lib/checks/rules/cft12-account-token-single-zone';
import { CFT3 } from '../../lib/checks/rules/cft3-expiry';
import { parseResources, readTokenFacts, TokenFacts } from '../../lib/checks/token-facts';
import { ACCOUNT, givenStack, ZONE } from './helpers';

const ZONE_KEY = `com.cloudflare.api.account.zone.${ZONE}`;
const ACCOUNT_KEY = `com.cloudflare.api.account.${ACCOUNT}`;

describe('parseResources', () => {
  test('classifies top-level and nested keys, labelling nested ones with their account', () => {
    const targets = parseResources(
      JSON.stringify({
        [ZONE_KEY]: '*',
        [ACCOUNT_KEY]: { 'com.cloudflare.api.account.zone.*': '*', 'com.cloudflare.edge.r2.bucket.*': '*' },
        'com.cloudflare.api.account.*': '*',
        'com.cloudflare.api.user.*': '*',
      }),
    );
    expect(targets?.map((t) => `${t.kind} ${t.id ?? '-'} ${t.label}`)).toEqual([
      `zone ${ZONE} ${ZONE_KEY}`,
      `allZonesOfAccount ${ACCOUNT} ${ACCOUNT_KEY}/com.cloudflare.api.account.zone.*`,
      `allR2BucketsOfAccount ${ACCOUNT} ${ACCOUNT_KEY}/com.cloudflare.edge.r2.bucket.*`,
      'allAccounts - com.cloudflare.api.account.*',
      'otherWildcard - com.cloudflare.api.user.*',
    ]);
  });

  test('a Terraform expression or malformed JSON cannot be read', () => {
    expect(parseResources('${jsonencode(local.resources)}')).toBeUndefined();
    expect(parseResources('{not json')).toBeUndefined();
  });
});

describe('readTokenFacts', () => {
  test('reads owner, canonical policies, IP condition and validity of a CloudflareToken, resolved', () => {
    const stack = givenStack();
    const notBefore = new TerraformVariable(stack, 'notBefore', { type: 'string' });
    const token = new CloudflareToken(stack, 't', {
      owner: TokenOwner.account(ACCOUNT),
      allowedIps: ['192.0.2.0/24'],
      deniedIps: ['192.0.2.7'],
      notBefore: notBefore.stringValue,
      expiresOn: '2027-03-01T00:00:00Z',
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })],
    });
    const facts = readTokenFacts(token.resource);
    expect(facts).toMatchObject({
      path: 'stack/t/token',
      resourceType: 'cloudflare_account_token',
      address: `cloudflare_account_token.${token.resource.friendlyUniqueId}`,
      name: 'stack/t',
      owner: { kind: 'account', accountId: ACCOUNT },
      allowedIps: ['192.0.2.0/24'],
      deniedIps: ['192.0.2.7/32'],
      notBefore: '${var.notBefore}',
      expiresOn: '2027-03-01T00:00:00Z',
    });
    expect(facts.policies?.map((p) => [p.effect, p.permissionGroupIds, p.resources?.map((r) => r.label)])).toEqual([
      ['allow', ['4755a26eedb94da69e1066d98aa820be'], [`${ACCOUNT_KEY}/${ZONE_KEY}`]],
    ]);
  });
});

describe('rules are pure functions of the token facts', () => {
  const context: RuleContext = {
    maxValidityDays: 30,
    stack: () => {
      throw new Error('CFT3 and CFT12 must not read the stack');
    },
  };
  const base: TokenFacts = {
    path: 'p',
    resourceType: 'cloudflare_account_token',
    address: 'cloudflare_account_token.t',
    owner: { kind: 'account', accountId: ACCOUNT },
    policies: [],
    unreadable: [],
    allowedIps: [],
    deniedIps: [],
  };

  test('CFT3 measures the window against the maximum given in the context', () => {
    expect(CFT3.check({ ...base, notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-01-31T00:00:00Z' }, context)).toEqual({ status: 'compliant' });
    expect(CFT3.check({ ...base, notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-02-01T00:00:00Z' }, context)).toEqual({
      status: 'nonCompliant',
      findings: [{ finding: 'validity-over-max', message: 'the token is valid for 31 days (2027-01-01T00:00:00Z to 2027-02-01T00:00:00Z), more than the maximum of 30' }],
    });
  });

  test('CFT12 merges every group granted on one zone into one finding; user-owned tokens are not applicable', () => {
    const zone = (ids: string[]) => ({ index: 0, effect: 'allow', permissionGroupIds: ids, resources: parseResources({ [ACCOUNT_KEY]: { [ZONE_KEY]: '*' } }), resourcesText: '' });
    const token: TokenFacts = { ...base, policies: [zone(['4755a26eedb94da69e1066d98aa820be']), { ...zone(['c8fed203ed3043cba015a93ad1616f1f']), index: 1 }] };
    expect(CFT12.check(token, context)).toEqual({
      status: 'nonCompliant',
      findings: [{ finding: `zone:${ZONE}`, message: `grants DNS Write, Zone Read on zone ${ZONE}; the credential that creates this token must hold the same there` }],
    });
    expect(CFT12.check({ ...token, owner: { kind: 'user' } }, context)).toEqual({ status: 'notApplicable' });
  });
});
