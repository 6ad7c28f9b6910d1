// The README's "Importing existing tokens" and "Versions" recipes, on the synthesized JSON.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource, TokenOwner } from '../../lib';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN_ID = 'ed17574386854bf78a67040be0a770b0';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'tokens');
  new CloudflareProvider(s, 'cloudflare', {});
  return s;
}
const dnsPolicy = () => Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] });

test('importFrom on the token resource writes an import block to its address, with the provider documented id', () => {
  const s = stack();
  const user = new CloudflareToken(s, 'user-dns', { policies: [dnsPolicy()] });
  const account = new CloudflareToken(s, 'ci-dns', { owner: TokenOwner.account(ACCOUNT), policies: [dnsPolicy()] });
  user.resource.importFrom(TOKEN_ID);
  account.resource.importFrom(`${ACCOUNT}/${TOKEN_ID}`);
  const json = JSON.parse(Testing.synth(s));
  expect(json.import).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ to: `cloudflare_api_token.${user.resource.friendlyUniqueId}`, id: TOKEN_ID }),
      expect.objectContaining({ to: `cloudflare_account_token.${account.resource.friendlyUniqueId}`, id: `${ACCOUNT}/${TOKEN_ID}` }),
    ]),
  );
});

test('a stack can pin a newer provider version over the one the provider package writes', () => {
  const s = stack();
  new CloudflareToken(s, 'dns', { policies: [dnsPolicy()] });
  expect(JSON.parse(Testing.synth(s)).terraform.required_providers.cloudflare).toEqual({ source: 'cloudflare/cloudflare', version: '5.14.0' });
  s.addOverride('terraform.required_providers.cloudflare.version', '5.22.0');
  expect(JSON.parse(Testing.synth(s)).terraform.required_providers.cloudflare).toEqual({ source: 'cloudflare/cloudflare', version: '5.22.0' });
});
