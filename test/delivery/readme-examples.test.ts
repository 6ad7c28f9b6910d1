// The README's rotation and delivery examples, kept here so that they compile and synthesize.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, OverlappingToken, Policy, Resource, TokenOwner } from '../../lib';

function readmeStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'tokens');
  new CloudflareProvider(stack, 'cloudflare', {});

  const dns = new CloudflareToken(stack, 'terraform-dns', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });

  const ci = new OverlappingToken(stack, 'ci', {
    owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
    policies: [Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.account('0123456789abcdef0123456789abcdef')] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });
  ci.exportValue(); // the current slot's value, sensitive

  new GithubActionsSecretDelivery(stack, 'dns-to-github', {
    token: dns, // a CloudflareToken or an OverlappingToken
    repository: 'infra', // without the owner: the owner is GITHUB_OWNER
    secretName: 'CLOUDFLARE_API_TOKEN',
    environment: 'production', // optional: an environment secret instead of a repository secret
  });
  return stack;
}

test('the README rotation and delivery examples synthesize, with validations', () => {
  const json = JSON.parse(Testing.synth(readmeStack(Testing.app()), true));
  expect(json.resource.time_rotating).toBeUndefined();
  expect(Object.keys(json.resource.cloudflare_account_token)).toHaveLength(2);
  expect(Object.keys(json.resource.github_actions_environment_secret)).toHaveLength(1);
  expect(json.provider.time).toBeUndefined();
  expect(json.provider.github).toEqual([{}]);
});
