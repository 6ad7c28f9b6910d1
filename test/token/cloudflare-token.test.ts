import * as fs from 'fs';
import * as path from 'path';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { DataCloudflareZone } from '@cdktf/provider-cloudflare/lib/data-cloudflare-zone';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, CloudflareTokenProps, Policy, Resource, TokenConfigError, TokenOwner } from '../../lib';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';

function newStack(id = 'test') {
  const stack = new TerraformStack(Testing.app(), id);
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

const dnsPolicy = () => Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] });

function synthResources(stack: TerraformStack, type: string): Record<string, any> {
  return JSON.parse(Testing.synth(stack)).resource?.[type] ?? {};
}

function onlyResource(stack: TerraformStack, type: string): any {
  const all = Object.values(synthResources(stack, type));
  expect(all).toHaveLength(1);
  return all[0];
}

describe('CloudflareToken', () => {
  test('a user-owned token is a cloudflare_api_token with exactly the grants given', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] });
    // THEN
    expect(synthResources(stack, 'cloudflare_account_token')).toEqual({});
    expect(onlyResource(stack, 'cloudflare_api_token')).toEqual({
      name: 'test/dns',
      policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE }, { id: ZONE_READ }], resources: `{"com.cloudflare.api.account.zone.${ZONE}":"*"}` }],
    });
  });

  test('an account-owned token is a cloudflare_account_token with zones nested under the account', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'dns', { owner: TokenOwner.account(ACCOUNT), name: 'Production DNS Manager', policies: [dnsPolicy()] });
    expect(synthResources(stack, 'cloudflare_api_token')).toEqual({});
    const token = onlyResource(stack, 'cloudflare_account_token');
    expect(token.account_id).toBe(ACCOUNT);
    expect(token.name).toBe('Production DNS Manager');
    expect(JSON.parse(token.policies[0].resources)).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } });
  });

  test('IP conditions are normalised, sorted and de-duplicated; dates normalised to UTC', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', {
      policies: [dnsPolicy()],
      allowedIps: ['198.51.100.0/24', '2001:DB8::/32', '192.0.2.7', '198.51.100.0/24'],
      deniedIps: ['192.0.2.8'],
      notBefore: '2027-01-01T01:00:00+01:00',
      expiresOn: '2027-06-30T00:00:00Z',
      status: 'disabled',
    });
    const synthesized = onlyResource(stack, 'cloudflare_api_token');
    expect(synthesized.condition).toEqual({ request_ip: { in: ['192.0.2.7/32', '198.51.100.0/24', '2001:db8::/32'], not_in: ['192.0.2.8/32'] } });
    expect(synthesized.not_before).toBe('2027-01-01T00:00:00Z');
    expect(synthesized.expires_on).toBe('2027-06-30T00:00:00Z');
    expect(synthesized.status).toBe('disabled');
    expect(token.allowedIps).toEqual(['192.0.2.7/32', '198.51.100.0/24', '2001:db8::/32']);
  });

  test('a zone looked up by a data source renders as Terraform interpolation inside the JSON', () => {
    const stack = newStack();
    const zone = new DataCloudflareZone(stack, 'zone', { filter: { name: 'example.com' } });
    new CloudflareToken(stack, 'dns', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(zone.id)] })] });
    expect(onlyResource(stack, 'cloudflare_api_token').policies[0].resources).toBe('{"com.cloudflare.api.account.zone.${data.cloudflare_zone.zone.id}":"*"}');
  });

  test('exposes a one-line summary per policy, with names', () => {
    const token = new CloudflareToken(newStack(), 'dns', {
      policies: [dnsPolicy(), Policy.deny({ permissions: ['DNS Write'], resources: [Resource.zone('1123456789abcdef0123456789abcdef')] })],
    });
    expect(token.summary).toEqual([`allow DNS Write, Zone Read on zone ${ZONE}`, 'deny DNS Write on zone 1123456789abcdef0123456789abcdef']);
  });

  test('the summary stands next to the resource in the synthesized JSON, and the value does not', () => {
    const stack = newStack('summary');
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] });
    token.exportValue();
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'summary', 'cdk.tf.json'), 'utf8'));
    const [resource] = Object.values(json.resource.cloudflare_api_token) as any[];
    expect(resource['//'].summary).toEqual([`allow DNS Write, Zone Read on zone ${ZONE}`]);
    expect(JSON.stringify(resource)).not.toMatch(/\.value/);
  });

  test('exportValue makes a sensitive output, scoped so two tokens never collide', () => {
    const stack = newStack();
    const a = new CloudflareToken(stack, 'a', { policies: [dnsPolicy()] });
    const b = new CloudflareToken(stack, 'b', { policies: [dnsPolicy()] });
    a.exportValue();
    b.exportValue('value', { description: 'for the DNS pipeline' });
    const outputs = Object.values(JSON.parse(Testing.synth(stack)).output) as any[];
    expect(outputs).toHaveLength(2);
    for (const output of outputs) expect(output).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{cloudflare_api_token\.[a-z]_token_[0-9A-F]+\.value\}$/) });
    expect(outputs.map((o) => o.description)).toEqual(['Cloudflare API token test/a (sensitive)', 'for the DNS pipeline']);
  });

  test('tokenId and value are references to the resource', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] });
    new TerraformOutput(stack, 'id', { value: token.tokenId });
    new TerraformOutput(stack, 'secret', { value: token.value, sensitive: true });
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.id.value).toMatch(/^\$\{cloudflare_api_token\.dns_token_[0-9A-F]+\.id\}$/);
    expect(outputs.secret.value).toMatch(/^\$\{cloudflare_api_token\.dns_token_[0-9A-F]+\.value\}$/);
  });

  test('synthesizes a representative token unchanged (snapshot backed by the assertions above)', () => {
    const stack = newStack('representative');
    new CloudflareToken(stack, 'ci', {
      owner: TokenOwner.account(ACCOUNT),
      name: 'ci-deploy',
      policies: [
        Policy.allow({ permissions: ['Workers Scripts Write', 'Account Settings Read'], resources: [Resource.account(ACCOUNT)] }),
        Policy.allow({ permissions: ['Workers Routes Write', 'Cache Purge'], resources: [Resource.zone(ZONE)] }),
      ],
      allowedIps: ['192.0.2.0/24'],
      expiresOn: '2027-06-30T00:00:00Z',
    }).exportValue();
    const token = onlyResource(stack, 'cloudflare_account_token');
    expect(token.policies.map((p: any) => p.permission_groups.length)).toEqual([2, 2]);
    // Re-serialized: cdktf and cdktn print an empty object differently.
    expect(JSON.stringify(JSON.parse(Testing.synth(stack)), null, 2)).toMatchSnapshot();
  });
});

describe('CloudflareToken bad input', () => {
  const build = (props: Partial<CloudflareTokenProps>, id = 'dns') =>
    new CloudflareToken(newStack('env'), id, { policies: [dnsPolicy()], ...props } as CloudflareTokenProps);
  const errorOf = (fn: () => unknown): TokenConfigError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof TokenConfigError) return e;
      throw e;
    }
    throw new Error('did not throw');
  };

  test('names the construct path, the field, the value, what was expected and the fix', () => {
    const error = errorOf(() => build({ policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('example.com')] })] }));
    expect(error.constructPath).toBe('env/dns');
    expect(error.message).toMatch(/^\[env\/dns\] an invalid value:/);
    expect(error.message).toMatch(/policies\[0\]\.resources\[0\] is a zone name, not a zone id: received "example\.com"; expected a zone id: 32 lowercase hex.*Fix: pass the zone id/);
  });

  test('reports every problem at once', () => {
    const error = errorOf(() => build({ allowedIps: ['10.0.0.0/33', '1.2.3.4/'], expiresOn: '2026-02-30T00:00:00Z', notBefore: '2026-01-01' }));
    expect(error.problems.map((p) => p.field)).toEqual(['allowedIps[0]', 'allowedIps[1]', 'notBefore', 'expiresOn']);
    expect(error.message).toMatch(/^\[env\/dns\] 4 invalid values:/);
  });

  test.each([
    ['an empty policy list', { policies: [] }, /policies is empty: received \[\]; expected at least one policy/],
    ['an unknown permission', { policies: [Policy.allow({ permissions: ['DNS Wrte' as never], resources: [Resource.zone(ZONE)] })] }, /did you mean "DNS Write"/],
    ['a scope mismatch', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.account(ACCOUNT)] })] }, /scope 'zone', granted on an account resource/],
    ['an empty name', { name: '' }, /name is empty: received ""/],
    ['a name over the limit', { name: 'n'.repeat(121) }, /name is 121 characters long, over Cloudflare's limit/],
    ['a bad account id', { owner: TokenOwner.account('acme') }, /owner\.accountId is not a valid account id: received "acme"/],
    ['an owner that is not a TokenOwner', { owner: 'account' as never }, /owner is not a TokenOwner/],
    ['an empty IP list', { allowedIps: [] }, /allowedIps is an empty list/],
    ['IPs that are not a list', { deniedIps: '192.0.2.0/24' as never }, /deniedIps is not a list/],
    ['the same CIDR allowed and denied', { allowedIps: ['192.0.2.0/24'], deniedIps: ['192.0.2.0/24'] }, /deniedIps is also in allowedIps: received "192\.0\.2\.0\/24"/],
    ['notBefore after expiresOn', { notBefore: '2027-02-01T00:00:00Z', expiresOn: '2027-01-01T00:00:00Z' }, /expiresOn is not after notBefore \(2027-02-01T00:00:00Z\)/],
    ['notBefore equal to expiresOn', { notBefore: '2027-01-01T00:00:00Z', expiresOn: '2027-01-01T01:00:00+01:00' }, /expiresOn is not after notBefore/],
    ['an unknown status', { status: 'expired' as never }, /status is not a status a token can be given: received "expired"/],
  ])('%s', (_what, props, message) => {
    expect(() => build(props as Partial<CloudflareTokenProps>)).toThrow(message);
    expect(() => build(props as Partial<CloudflareTokenProps>)).toThrow(/^\[env\/dns\]/);
  });

  test('a derived name over the limit asks for an explicit name', () => {
    expect(() => build({}, 'x'.repeat(130))).toThrow(/the default name is the construct path, which is too long here: set `name` explicitly/);
  });

  test('an account-owned token refuses all zones of all accounts', () => {
    expect(() =>
      build({ owner: TokenOwner.account(ACCOUNT), policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAllAccounts()] })] }),
    ).toThrow(/policies\[0\]\.resources\[0\] cannot be granted to an account-owned token/);
  });

  test('nothing invalid reaches the stack: a failed token adds no resource', () => {
    const stack = newStack();
    expect(() => new CloudflareToken(stack, 'bad', { policies: [] })).toThrow(TokenConfigError);
    expect(synthResources(stack, 'cloudflare_api_token')).toEqual({});
  });
});
