import { DataCloudflareZone } from '@cdktf/provider-cloudflare/lib/data-cloudflare-zone';
import { TerraformOutput, Testing } from 'cdktf';
import { ScopedDnsToken, TokenOwner } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';

const ZONE_A = '023e105f4ecef8ad9ca31a8372d0c353';
const ZONE_B = '1f0e105f4ecef8ad9ca31a8372d0c3aa';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const DNS_READ = '82e64a83756745bbbb1c9c2701bf816b';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';

describe('ScopedDnsToken', () => {
  test('grants DNS Write and Zone Read on each zone named, nothing else', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const dns = new ScopedDnsToken(stack, 'dns', { zones: [ZONE_A, ZONE_B] });
    // THEN
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_api_token');
    expect(token.name).toBe('test/dns');
    expect(token.policies).toEqual([
      { effect: 'allow', ids: [DNS_WRITE, ZONE_READ], resources: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*', [`com.cloudflare.api.account.zone.${ZONE_B}`]: '*' } },
    ]);
    expect(dns.readOnly).toBe(false);
    expect(dns.grants.map((g) => g.permissionGroups.map((p) => p.name))).toEqual([['DNS Write', 'Zone Read']]);
    expect(dns.summary).toEqual([`allow DNS Write, Zone Read on zone ${ZONE_A}, zone ${ZONE_B}`]);
  });

  test('readOnly grants DNS Read and Zone Read instead', () => {
    const stack = newStack();
    new ScopedDnsToken(stack, 'dns', { zones: [ZONE_A], readOnly: true });
    expect(onlyToken(stack).policies).toEqual([{ effect: 'allow', ids: [DNS_READ, ZONE_READ], resources: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' } }]);
  });

  test('an account-owned token nests the zones under the owning account, with IPs and expiry passed through', () => {
    const stack = newStack();
    new ScopedDnsToken(stack, 'dns', { zones: [ZONE_A], owner: TokenOwner.account(ACCOUNT), name: 'Production DNS Manager', allowedIps: ['192.0.2.0/24'], expiresOn: '2027-06-30T00:00:00Z' });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_account_token');
    expect(token.name).toBe('Production DNS Manager');
    expect(token.allowedIps).toEqual(['192.0.2.0/24']);
    expect(token.expiresOn).toBe('2027-06-30T00:00:00Z');
    expect(token.policies[0].resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${ZONE_A}`]: '*' } });
  });

  test('every zone of an account only through allZonesOfAccount, and the summary says ALL', () => {
    const stack = newStack();
    const dns = new ScopedDnsToken(stack, 'dns', { allZonesOfAccount: ACCOUNT });
    expect(onlyToken(stack).policies[0].resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } });
    expect(dns.summary).toEqual([`allow DNS Write, Zone Read on ALL zones of account ${ACCOUNT}`]);
  });

  test('exposes the token, its id and a sensitive value output', () => {
    const stack = newStack();
    const dns = new ScopedDnsToken(stack, 'dns', { zones: [ZONE_A] });
    expect(dns.token.node.path).toBe('test/dns/Token');
    new TerraformOutput(stack, 'dns_token_id', { value: dns.tokenId });
    dns.exportValue();
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.dns_token_id.value).toMatch(/^\$\{cloudflare_api_token\.dns_Token_token_[0-9A-F]{8}\.id\}$/);
    const valueOutputs = Object.values(outputs).filter((o) => /\.value\}$/.test((o as { value: string }).value));
    expect(valueOutputs).toEqual([expect.objectContaining({ sensitive: true, value: expect.stringMatching(/^\$\{cloudflare_api_token\.dns_Token_token_[0-9A-F]{8}\.value\}$/) })]);
  });

  test('accepts a zone id resolved by Terraform (a data source reference)', () => {
    const stack = newStack();
    const zone = new DataCloudflareZone(stack, 'zone', { filter: { name: 'example.com' } });
    new ScopedDnsToken(stack, 'dns', { zones: [zone.zoneId] });
    expect(Object.keys(onlyToken(stack).policies[0].resources)).toEqual([expect.stringMatching(/^com\.cloudflare\.api\.account\.zone\.\$\{data\.cloudflare_zone\.zone\.zone_id\}$/)]);
  });

  describe('rejects', () => {
    test('a default name (the construct path) too long for Cloudflare, asking for an explicit name', () => {
      const id = 'x'.repeat(130);
      expect(() => new ScopedDnsToken(newStack(), id, { zones: [ZONE_A] })).toThrow(/\[test\/x+\] an invalid value:\n {2}- name is 135 characters long.*set `name` explicitly/s);
    });

    test('an empty zone list, naming the path, value, expectation and fix', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: [] })).toThrow(
        /\[test\/dns\] an invalid value:\n {2}- zones is an empty list: received \[\]; expected at least one zone id\. Fix: name the zones, e.g\. zones: \['023e105f4ecef8ad9ca31a8372d0c353'\]$/,
      );
    });

    test('no zones at all, pointing at allZonesOfAccount as the only wide way', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', {})).toThrow(/\[test\/dns\].*zones is missing: received undefined; expected at least one zone id\. Fix: .*allZonesOfAccount/s);
    });

    test('a zone name in place of a zone id', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: [ZONE_A, 'example.com'] })).toThrow(/\[test\/dns\].*zones\[1\] is a zone name, not a zone id: received "example\.com"/s);
    });

    test('zones that are not a list', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: ZONE_A as unknown as string[] })).toThrow(/zones is not a list: received "023e105f/s);
    });

    test('zones together with allZonesOfAccount', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: [ZONE_A], allZonesOfAccount: ACCOUNT })).toThrow(/allZonesOfAccount is set together with zones.*Fix: drop allZonesOfAccount/s);
    });

    test('an invalid account id for allZonesOfAccount', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { allZonesOfAccount: 'my-account' })).toThrow(/allZonesOfAccount is not a valid account id: received "my-account"/s);
    });

    test('a readOnly that is not a boolean', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: [ZONE_A], readOnly: 'yes' as unknown as boolean })).toThrow(/readOnly is not a boolean: received "yes"/s);
    });

    test('missing props', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', undefined as unknown as { zones: string[] })).toThrow(/\[test\/dns\].*props are missing/s);
    });

    test('a bad token option, reported by the inner token with its path', () => {
      expect(() => new ScopedDnsToken(newStack(), 'dns', { zones: [ZONE_A], allowedIps: ['10.0.0.300/8'] })).toThrow(/\[test\/dns\] an invalid value:\n  - allowedIps\[0\]/);
    });
  });
});
