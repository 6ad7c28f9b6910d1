// Imported from their modules, not the package index, so this file does not load cdktf.
import { diffToken } from '../../../lib/review/diff-tokens';
import { ReviewedPolicy, ReviewedToken } from '../../../lib/review/model';
import { ACCOUNT, DNS_WRITE_ID, ZONE } from './ids';

const DNS_WRITE = { id: DNS_WRITE_ID, name: 'DNS Write' };

function token(change: Partial<ReviewedToken> = {}): ReviewedToken {
  return {
    stack: 's',
    address: 'cloudflare_api_token.t',
    resourceType: 'cloudflare_api_token',
    matchKey: 's:t',
    owner: { kind: 'user' },
    policies: [{ effect: 'allow', permissions: [DNS_WRITE], resources: [{ kind: 'zone', zoneId: ZONE }] }],
    deniedIps: [],
    replaceTriggeredBy: [],
    deliveries: [],
    summary: [],
    findings: [],
    suppressions: [],
    ...change,
  };
}

function changes(base: Partial<ReviewedToken>, head: Partial<ReviewedToken>): string[] {
  return diffToken(token(base), token(head)).map((c) => `${c.direction} ${c.aspect}: ${c.description}`);
}

describe('diffToken: grants', () => {
  test('resources computed by an expression: a changed expression is a new grant (wider) and a lost one', () => {
    const on = (expression: string): ReviewedPolicy[] => [{ effect: 'allow', permissions: [DNS_WRITE], resources: [{ kind: 'expression', expression }] }];
    expect(changes({ policies: on('${jsonencode(local.a)}') }, { policies: on('${jsonencode(local.b)}') })).toEqual([
      'wider permissions: now allows DNS Write on resources computed by ${jsonencode(local.b)}',
      'narrower permissions: no longer allows DNS Write on resources computed by ${jsonencode(local.a)}',
    ]);
  });

  test('an effect other than allow or deny cannot be ranked: wider, added or dropped', () => {
    const policies: ReviewedPolicy[] = [{ effect: 'audit', permissions: [DNS_WRITE], resources: [{ kind: 'zone', zoneId: ZONE }] }];
    expect(changes({ policies: [] }, { policies })).toEqual([
      `wider permissions: adds DNS Write on zone ${ZONE} with effect "audit", which is not a literal allow or deny: cannot rank it, so it counts as wider`,
    ]);
    expect(changes({ policies }, { policies: [] })).toEqual([
      `wider permissions: drops DNS Write on zone ${ZONE} with effect "audit", which is not a literal allow or deny: cannot rank it, so it counts as wider`,
    ]);
  });

  test('a deny widened to all zones of the account is narrower', () => {
    const deny = (resources: ReviewedPolicy['resources']): ReviewedPolicy => ({ effect: 'deny', permissions: [DNS_WRITE], resources });
    const base = token().policies.concat(deny([{ kind: 'zone', zoneId: ZONE, accountId: ACCOUNT }]));
    const head = token().policies.concat(deny([{ kind: 'allZonesOfAccount', accountId: ACCOUNT }]));
    expect(changes({ policies: base }, { policies: head })).toEqual([`narrower denials: now denies DNS Write on ALL zones of account ${ACCOUNT}`]);
  });
});

describe('diffToken: IP conditions and status', () => {
  test('an IP list holding an expression cannot be compared by address: wider', () => {
    expect(changes({ allowedIps: ['192.0.2.0/24'] }, { allowedIps: ['${var.office_cidr}'] })).toEqual([
      'wider ipCondition: allowed IPs added ${var.office_cidr}; allowed IPs removed 192.0.2.0/24: cannot compare addresses (${var.office_cidr} is an expression), so it counts as wider',
    ]);
  });

  test('a denied IPv6 CIDR added is narrower', () => {
    expect(changes({}, { deniedIps: ['2001:db8::/32'] })).toEqual(['narrower ipCondition: denied IPs added 2001:db8::/32: no longer usable from 2001:db8::/32']);
  });

  test('an allowed list moved to other addresses is wider and narrower', () => {
    expect(changes({ allowedIps: ['192.0.2.0/24'] }, { allowedIps: ['198.51.100.0/24'] })).toEqual([
      'wider ipCondition: allowed IPs added 198.51.100.0/24; allowed IPs removed 192.0.2.0/24: newly usable from 198.51.100.0/24',
      'narrower ipCondition: no longer usable from 192.0.2.0/24',
    ]);
  });

  test('disabling is narrower; unset and active are the same', () => {
    expect(changes({}, { status: 'disabled' })).toEqual(['narrower status: disabled']);
    expect(changes({}, { status: 'active' })).toEqual([]);
  });
});
