// ScopedDnsToken's DNS-01 form (records on the zones named, zone lookup on every zone of one
// account) and ReadOnlyToken's configuration-only variant.
import { PermissionGroups, ReadOnlyToken, ScopedDnsToken, TokenConfigError, TokenOwner } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';
import { Testing } from 'cdktf';
import { certManager } from '../readme/examples/acme-dns01-token';

const A = '0123456789abcdef0123456789abcdef';
const B = '1123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const DNS_READ = '82e64a83756745bbbb1c9c2701bf816b';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';

describe('ScopedDnsToken zoneReadOnAllZonesOfAccount (DNS-01 clients that look zones up by name)', () => {
  test('DNS Write only on the zones named, Zone Read on every zone of the account, and the summary says so', () => {
    const stack = newStack();
    const dns = new ScopedDnsToken(stack, 'acme', { zones: [ZONE], zoneReadOnAllZonesOfAccount: A });
    expect(onlyToken(stack).policies).toEqual([
      { effect: 'allow', ids: [ZONE_READ], resources: { [`com.cloudflare.api.account.${A}`]: { 'com.cloudflare.api.account.zone.*': '*' } } },
      { effect: 'allow', ids: [DNS_WRITE], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } },
    ]);
    expect(dns.summary).toEqual([`allow Zone Read on ALL zones of account ${A}`, `allow DNS Write on zone ${ZONE}`]);
  });

  test('account-owned and readOnly: DNS Read on the zones, Zone Read on all zones of the owner', () => {
    const stack = newStack();
    new ScopedDnsToken(stack, 'acme', { owner: TokenOwner.account(A), zones: [ZONE], zoneReadOnAllZonesOfAccount: A, readOnly: true });
    expect(onlyToken(stack).policies.map((p) => p.ids)).toEqual([[ZONE_READ], [DNS_READ]]);
  });

  test.each([
    [{ owner: TokenOwner.account(A), zones: [ZONE], zoneReadOnAllZonesOfAccount: B }, 'zoneReadOnAllZonesOfAccount', 'is not the account that owns the token'],
    [{ allZonesOfAccount: A, zoneReadOnAllZonesOfAccount: A }, 'zoneReadOnAllZonesOfAccount', 'is set together with allZonesOfAccount'],
    [{ zones: [ZONE], zoneReadOnAllZonesOfAccount: 'example.com' }, 'zoneReadOnAllZonesOfAccount', ''],
    [{ zoneReadOnAllZonesOfAccount: A }, 'zones', 'is missing'],
  ])('refuses %j on %s', (props, field, message) => {
    let error: unknown;
    try {
      new ScopedDnsToken(newStack('env'), 'acme', props as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenConfigError);
    const problem = (error as TokenConfigError).problems.find((p) => p.field === field);
    expect(problem?.message).toContain(message);
    expect((error as TokenConfigError).constructPath).toBe('env/acme');
  });
});

describe('ReadOnlyToken configurationOnly', () => {
  const granted = (props: object) => {
    const stack = newStack();
    new ReadOnlyToken(stack, 'audit', props as never);
    return new Set(onlyToken(stack).policies.flatMap((p) => p.ids).map((id) => PermissionGroups.byId(id).name));
  };
  const dataNames = ReadOnlyToken.DATA_READ_GROUPS.map((g) => g.name);

  test('every listed group is a catalogued Read group, listed once, with what it reads', () => {
    expect(new Set(dataNames).size).toBe(dataNames.length);
    for (const { name, reads } of ReadOnlyToken.DATA_READ_GROUPS) {
      expect(name.endsWith(' Read')).toBe(true);
      expect(PermissionGroups.scopesOf(name).length).toBeGreaterThan(0);
      expect(reads.length).toBeGreaterThan(5);
    }
  });

  test('grants none of the listed groups, in any scope, and keeps the configuration reads', () => {
    const config = granted({ zones: [ZONE], accounts: [A], userId: B, configurationOnly: true });
    for (const name of dataNames) expect(config.has(name)).toBe(false);
    for (const name of ['DNS Read', 'Zone Read', 'Zone Settings Read', 'Workers Scripts Read', 'Account Settings Read', 'Memberships Read', 'API Tokens Read']) {
      expect(config.has(name)).toBe(true);
    }
    // It leaves out exactly the listed groups the full token would grant, nothing else.
    const full = granted({ zones: [ZONE], accounts: [A], userId: B });
    expect([...full].filter((n) => !config.has(n)).sort()).toEqual(dataNames.filter((n) => full.has(n)).sort());
  });

  test('the default still grants the data reads (and says so in the docs)', () => {
    const full = granted({ accounts: [A] });
    expect(full.has('Workers KV Storage Read')).toBe(true);
    expect(full.has('Billing Read')).toBe(true);
  });

  test('a non-boolean configurationOnly is refused', () => {
    expect(() => new ReadOnlyToken(newStack('env'), 'audit', { zones: [ZONE], configurationOnly: 'yes' as never })).toThrow(
      /\[env\/audit\] an invalid value:\n {2}- configurationOnly is not a boolean: received "yes"/,
    );
  });
});

describe('README examples of these forms', () => {
  test('the cert-manager example writes records on one zone and looks zones up in its account', () => {
    const stack = newStack();
    certManager(stack);
    expect(onlyToken(stack).policies.map((p) => p.ids)).toEqual([[ZONE_READ], [DNS_WRITE]]);
    expect(Object.keys(JSON.parse(Testing.synth(stack)).output)).toEqual(['cert_manager_token']);
  });
});
