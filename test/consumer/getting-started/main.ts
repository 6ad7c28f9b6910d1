import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { CloudflareToken, Policy, Resource, TokenOwner } from 'cdktf-cloudflare-tokens';

const app = new App();
const stack = new TerraformStack(app, 'tokens');
new CloudflareProvider(stack, 'cloudflare', {}); // reads CLOUDFLARE_API_TOKEN from the environment
// State holds the token's value. A relative path keeps the synth output the same on every
// machine; for real use, an encrypted remote backend (see "State holds the token values").
new LocalBackend(stack, { path: 'terraform.tokens.tfstate' });

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
dns.exportValue('dns_token'); // a sensitive output: `terraform output -raw dns_token`
app.synth();
