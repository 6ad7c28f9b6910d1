// The library's own provider bindings (lib/bindings) must write exactly what the prebuilt
// provider packages write for the same configuration: @cdktf/provider-cloudflare 13.9.1 and
// @cdktf/provider-github 15.3.1 stay the oracle. Each case builds the same configuration
// through both, in two stacks, and compares the synthesized blocks attribute by attribute.
import { AccountToken as PrebuiltAccountToken } from '@cdktf/provider-cloudflare/lib/account-token';
import { ApiToken as PrebuiltApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { CloudflareProvider as PrebuiltCloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { ActionsEnvironmentSecret as PrebuiltEnvironmentSecret } from '@cdktf/provider-github/lib/actions-environment-secret';
import { ActionsSecret as PrebuiltActionsSecret } from '@cdktf/provider-github/lib/actions-secret';
import { GithubProvider as PrebuiltGithubProvider } from '@cdktf/provider-github/lib/provider';
import { App, DataResource, TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { CloudflareProvider } from '../../lib/bindings/cloudflare-provider';
import { AccountToken, ApiToken, ApiTokenConfig } from '../../lib/bindings/cloudflare-token-resources';
import { ActionsEnvironmentSecret, ActionsSecret, GithubProvider } from '../../lib/bindings/github-resources';
import { CLOUDFLARE_PROVIDER, GITHUB_PROVIDER } from '../../lib/bindings/provider-versions';

type Json = Record<string, any>;

/** Synthesizes a stack built by `build` and returns its JSON without the metadata block. */
function synth(build: (stack: TerraformStack) => void): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'conformance');
  build(stack);
  const json = JSON.parse(Testing.synth(stack)) as Json;
  delete json['//'];
  return json;
}

/** Compares two synthesized stacks block by block and attribute by attribute, naming the first difference. */
function expectSameBlocks(ours: Json, prebuilt: Json, section: 'resource' | 'provider'): void {
  expect(Object.keys(ours[section] ?? {}).sort()).toEqual(Object.keys(prebuilt[section] ?? {}).sort());
  for (const [type, blocks] of Object.entries(prebuilt[section] ?? {})) {
    for (const [name, attributes] of Object.entries(blocks as Json)) {
      const mine = (ours[section][type] as Json)[name];
      expect(mine).toBeDefined();
      expect(Object.keys(mine).sort()).toEqual(Object.keys(attributes as Json).sort());
      for (const [attribute, value] of Object.entries(attributes as Json)) {
        expect({ [`${type}.${name}.${attribute}`]: mine[attribute] }).toEqual({ [`${type}.${name}.${attribute}`]: value });
      }
    }
  }
}

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const policy = (effect: string, ids: string[], resources: Json) => ({ effect, permissionGroups: ids.map((id) => ({ id })), resources: JSON.stringify(resources) });
const DNS_WRITE = policy('allow', ['4755a26eedb94da69e1066d98aa820be', '82e64a83756745bbbb1c9c2701bf816b'], { 'com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353': '*' });

const TOKEN_CASES: Record<string, ApiTokenConfig> = {
  'one policy, nothing else': { name: 'ci', policies: [DNS_WRITE] },
  'allow and deny, every condition, both instants, a status': {
    name: 'prod/ci/dns',
    policies: [DNS_WRITE, policy('deny', ['c8fed203ed3043cba015a93ad1616f1f'], { [`com.cloudflare.api.account.${ACCOUNT}`]: '*' })],
    condition: { requestIp: { in: ['192.0.2.0/24', '2001:db8::/32'], notIn: ['192.0.2.7/32'] } },
    notBefore: '2027-01-01T00:00:00Z',
    expiresOn: '2027-06-30T00:00:00Z',
    status: 'disabled',
  },
  'allowed addresses only': { name: 'a', policies: [DNS_WRITE], condition: { requestIp: { in: ['198.51.100.1/32'] } } },
  'denied addresses only': { name: 'a', policies: [DNS_WRITE], condition: { requestIp: { notIn: ['198.51.100.1/32'] } } },
  'an escaped name and expressions': { name: 'team $${var.x} %%{y}', policies: [DNS_WRITE], expiresOn: '${timeadd(plantimestamp(), "720h")}', notBefore: '${var.start}' },
  'meta-arguments: lifecycle': { name: 'l', policies: [DNS_WRITE], lifecycle: { createBeforeDestroy: true, ignoreChanges: ['expires_on'] } },
};

describe('cloudflare_api_token and cloudflare_account_token', () => {
  for (const [title, config] of Object.entries(TOKEN_CASES)) {
    test(`api token: ${title}`, () => {
      const ours = synth((s) => new ApiToken(s, 'token', config));
      const prebuilt = synth((s) => new PrebuiltApiToken(s, 'token', { ...config, policies: config.policies.map((p) => ({ ...p, permissionGroups: [...p.permissionGroups] })) } as any));
      expectSameBlocks(ours, prebuilt, 'resource');
      expect(ours.resource.cloudflare_api_token.token.name).toBe(config.name);
    });
    test(`account token: ${title}`, () => {
      const ours = synth((s) => new AccountToken(s, 'token', { ...config, accountId: ACCOUNT }));
      const prebuilt = synth((s) => new PrebuiltAccountToken(s, 'token', { ...config, accountId: ACCOUNT } as any));
      expectSameBlocks(ours, prebuilt, 'resource');
      expect(ours.resource.cloudflare_account_token.token.account_id).toBe(ACCOUNT);
    });
  }

  test('references to attributes are the same expressions', () => {
    const refs = (token: { id: string; value: string; expiresOn: string; lastUsedOn: string }, s: TerraformStack) =>
      new DataResource(s, 'refs', { input: { id: token.id, value: token.value, expires: token.expiresOn, used: token.lastUsedOn } });
    const ours = synth((s) => refs(new AccountToken(s, 'token', { name: 'r', policies: [DNS_WRITE], accountId: ACCOUNT }), s));
    const prebuilt = synth((s) => refs(new PrebuiltAccountToken(s, 'token', { name: 'r', policies: [DNS_WRITE], accountId: ACCOUNT }), s));
    expectSameBlocks(ours, prebuilt, 'resource');
    expect(ours.resource.terraform_data.refs.input.value).toBe('${cloudflare_account_token.token.value}');
  });

  test('any name, addresses and instants (generated) synthesize the same', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(text, fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }), fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }), fc.option(text, { nil: undefined }), (name, allowed, denied, expiresOn) => {
        const config: ApiTokenConfig = { name, policies: [DNS_WRITE], condition: allowed || denied ? { requestIp: { in: allowed, notIn: denied } } : undefined, expiresOn };
        const ours = synth((s) => new ApiToken(s, 'token', config));
        const prebuilt = synth((s) => new PrebuiltApiToken(s, 'token', config as any));
        expect(ours.resource).toEqual(prebuilt.resource);
      }),
      { numRuns: 40 },
    );
  });
});

describe('provider blocks', () => {
  test('cloudflare: the same block; required_providers states a range instead of the pin 5.14.0', () => {
    for (const config of [{}, { apiToken: '${var.cloudflare_api_token}', alias: 'second' }]) {
      const ours = synth((s) => new CloudflareProvider(s, 'cloudflare', config));
      const prebuilt = synth((s) => new PrebuiltCloudflareProvider(s, 'cloudflare', config));
      expectSameBlocks(ours, prebuilt, 'provider');
      expect(prebuilt.terraform.required_providers.cloudflare).toEqual({ source: 'cloudflare/cloudflare', version: '5.14.0' });
      expect(ours.terraform.required_providers.cloudflare).toEqual({ source: 'cloudflare/cloudflare', version: '>= 5.14.0, < 6.0.0' });
    }
    expect(CLOUDFLARE_PROVIDER.versionConstraint).toBe('>= 5.14.0, < 6.0.0');
  });

  test('the token resources write no required_providers: the stack\'s provider block decides', () => {
    const json = synth((s) => new ApiToken(s, 'token', { name: 'n', policies: [DNS_WRITE] }));
    expect(json.terraform?.required_providers).toBeUndefined();
    const withUsersProvider = synth((s) => {
      new PrebuiltCloudflareProvider(s, 'cloudflare', {});
      new ApiToken(s, 'token', { name: 'n', policies: [DNS_WRITE] });
    });
    expect(withUsersProvider.terraform.required_providers.cloudflare.version).toBe('5.14.0');
  });

  test('github provider and secrets: the same blocks; a range instead of the pin 6.9.0', () => {
    const build = (s: TerraformStack, P: any, Secret: any, EnvSecret: any) => {
      const provider = new P(s, 'github', {});
      const lifecycle = { ignoreChanges: ['plaintext_value'], replaceTriggeredBy: ['terraform_data.x'] };
      new Secret(s, 'repo', { provider, repository: 'site', secretName: 'CF_TOKEN', plaintextValue: '${cloudflare_api_token.t.value}', lifecycle });
      new EnvSecret(s, 'env', { repository: 'site', secretName: 'CF_TOKEN', environment: 'production', plaintextValue: '${cloudflare_api_token.t.value}' });
    };
    const ours = synth((s) => build(s, GithubProvider, ActionsSecret, ActionsEnvironmentSecret));
    const prebuilt = synth((s) => build(s, PrebuiltGithubProvider, PrebuiltActionsSecret, PrebuiltEnvironmentSecret));
    expectSameBlocks(ours, prebuilt, 'provider');
    expectSameBlocks(ours, prebuilt, 'resource');
    expect(prebuilt.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: '6.9.0' });
    expect(ours.terraform.required_providers.github).toEqual({ source: 'integrations/github', version: GITHUB_PROVIDER.versionConstraint });
  });
});

test('the bindings are elements of the framework the app uses', () => {
  const app = new App();
  const stack = new TerraformStack(app, 's');
  const token = new ApiToken(stack, 't', { name: 'n', policies: [DNS_WRITE] });
  expect(TerraformResource.isTerraformResource(token)).toBe(true);
  expect(token).toBeInstanceOf(TerraformResource);
  expect(JSON.parse(Testing.synth(stack)).resource.cloudflare_api_token.t.name).toBe('n');
});
