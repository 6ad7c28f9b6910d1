// adoptTokenId, run by real Terraform 1.11.4 on the synthesized JSON: the first plan imports
// the existing token into the construct's resource (no create), each with the import id the
// provider documents; after that apply, the import block left in place imports nothing again
// (Terraform imports only into an address not yet in state).
// The import blocks' `to` addresses are rewritten to the stand-ins, as every other address.
import { CloudflareToken, Policy, Resource, ScopedDnsToken, TokenOwner } from '../../lib';
import { newStack } from '../synth-helpers';
import { Json, standInAddress, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

jest.setTimeout(120_000);

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const USER_TOKEN = 'ed17574386854bf78a67040be0a770b0';
const ACCOUNT_TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const AT = '2026-12-01T00:00:00Z';

function withImportsToStandIns(json: Json): Json {
  const config = withStandIns(json);
  config.import = (json.import as { to: string; id: string }[]).map(({ to, id }) => {
    const [type, name] = to.split('.');
    return { to: standInAddress(type, name), id };
  });
  return config;
}

test('the first plan imports each adopted token by its documented id, then the import block is inert', () => {
  const stack = newStack('adopt');
  const user = new CloudflareToken(stack, 'dns', {
    adoptTokenId: USER_TOKEN,
    policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] })],
    expiresOn: '2027-06-30T00:00:00Z',
  });
  const account = new ScopedDnsToken(stack, 'ci', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE], readOnly: true, expiresOn: '2027-06-30T00:00:00Z', adoptTokenId: ACCOUNT_TOKEN });
  const json = synthesizeStack(stack);
  const ws = new TerraformWorkspace(withImportsToStandIns(json));
  try {
    const first = ws.plan(AT);
    const change = (resource: { terraformResourceType: string; friendlyUniqueId: string }) =>
      first.changes.find((c) => c.address === standInAddress(resource.terraformResourceType, resource.friendlyUniqueId)) as Json;
    expect(change(user.resource).change.importing).toEqual({ id: USER_TOKEN });
    expect(change(account.token.resource).change.importing).toEqual({ id: `${ACCOUNT}/${ACCOUNT_TOKEN}` });
    // No token is created besides the imports. (What follows the import, an update in place to
    // what the code says, is the real provider's read of the token, which a terraform_data
    // stand-in cannot reproduce: its imported state is empty, so it is not asserted here.)
    expect(first.changes.filter((c) => (c as Json).change.importing === undefined && (c as Json).address.includes('cloudflare_'))).toEqual([]);
    ws.deploy(AT);
    const second = ws.plan(AT);
    expect(second.changes.filter((c) => (c as Json).change.importing !== undefined)).toEqual([]);
  } finally {
    ws.dispose();
  }
});
