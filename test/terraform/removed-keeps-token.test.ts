// Why the reviewer lists `removed` blocks (lib/review/stack-items.ts): a token deleted from the
// configuration behind `removed { lifecycle { destroy = false } }` is only forgotten by real
// Terraform (the credential stays alive, unmanaged), while plain deletion destroys it.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource } from '../../lib';
import { Json, standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

jest.setTimeout(120_000);

const DAY0 = '2027-01-01T09:00:00Z';

function build(): { config: Json; address: string } {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new CloudflareToken(stack, 'dns', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    expiresOn: '2027-06-01T00:00:00Z',
  });
  return { config: withStandIns(synthesizeStack(stack)), address: `cloudflare_api_token.${token.resource.friendlyUniqueId}` };
}

/** `config` without the token's resource block, outputs and stand-in local, plus `extra` top-level blocks. */
function withoutToken(config: Json, address: string, extra: Json): Json {
  const copy = JSON.parse(JSON.stringify(config));
  const [type, name] = standInOf(address).split('.');
  delete copy.resource[type][name];
  // The construct's outputs and the stand-in's local refer to the token: they go with it.
  delete copy.output;
  for (const local of Object.keys(copy.locals ?? {})) if (local.startsWith('standin__')) delete copy.locals[local];
  // An empty block map is not valid Terraform JSON ("Missing block label").
  if (Object.keys(copy.resource[type]).length === 0) delete copy.resource[type];
  if (Object.keys(copy.resource).length === 0) delete copy.resource;
  return { ...copy, ...extra };
}

test.each([
  ['plain deletion destroys the token', false, ['delete']],
  ['removed with destroy = false only forgets it: the credential stays alive', true, ['forget']],
])('%s', (_name, keep, actions) => {
  const { config, address } = build();
  const ws = new TerraformWorkspace(config);
  try {
    ws.deploy(DAY0);
    const blocks = keep ? { removed: [{ from: standInOf(address), lifecycle: { destroy: false } }] } : {};
    ws.setConfig(withoutToken(config, address, blocks));
    expect(ws.plan(DAY0).actions(address)).toEqual(actions);
  } finally {
    ws.dispose();
  }
});
