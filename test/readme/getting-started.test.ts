// The README's "Getting started" example, kept here so that it compiles and runs.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource, TokenOwner } from '../../lib';

test('README getting-started example synthesizes the token it describes', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'tokens');
  new CloudflareProvider(stack, 'cloudflare', {}); // reads CLOUDFLARE_API_TOKEN from the environment

  const dns = new CloudflareToken(stack, 'terraform-dns', {
    owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
    policies: [
      Policy.allow({
        permissions: ['DNS Write', 'Zone Read'],
        resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')],
      }),
    ],
    allowedIps: ['192.0.2.0/24'],
    expiresOn: '2027-06-30T00:00:00Z',
  });
  dns.exportValue();

  const synthesized = JSON.parse(Testing.synth(stack));
  const [token] = Object.values(synthesized.resource.cloudflare_account_token) as any[];
  expect(token.policies[0].permission_groups).toEqual([{ id: '4755a26eedb94da69e1066d98aa820be' }, { id: 'c8fed203ed3043cba015a93ad1616f1f' }]);
  expect(dns.summary).toEqual(['allow DNS Write, Zone Read on zone 023e105f4ecef8ad9ca31a8372d0c353']);
});
