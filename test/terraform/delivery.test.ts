// What a GitHub Actions secret fed from a token does when the token changes, run by real
// Terraform. README "Delivering the value to GitHub Actions" points here.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, Policy, Resource, TokenOwner } from '../../lib';
import { standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

const ACCOUNT = '01a7362d577a6c3019a474fd6f485823';

function build(owner: TokenOwner, name: string, options: { withoutTokenId?: boolean; deliver?: 'dns' | 'other' } = {}) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const props = {
    owner,
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    expiresOn: '2028-01-01T00:00:00Z',
  };
  const token = new CloudflareToken(stack, 'dns', { ...props, name });
  const other = new CloudflareToken(stack, 'other', { ...props, name: 'other' });
  const delivered = options.deliver === 'other' ? other : token;
  const source = options.withoutTokenId ? { value: delivered.value } : delivered;
  const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token: source, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
  const address = (t: CloudflareToken) => `${t.resource.terraformResourceType}.${t.resource.friendlyUniqueId}`;
  return { config: withStandIns(synthesizeStack(stack)), token: address(token), other: address(other), secret: `github_actions_secret.${delivery.secret.friendlyUniqueId}` };
}

describe.each([
  ['a user-owned token', TokenOwner.user()],
  ['an account-owned token', TokenOwner.account(ACCOUNT)],
])('%s delivered to a GitHub secret', (_label, owner) => {
  test('changed in place (renamed): the token is updated, its value unknown in the plan, and the secret is left alone', () => {
    const first = build(owner, 'dns');
    const ws = new TerraformWorkspace(first.config);
    try {
      ws.deploy('2027-01-01T00:00:00Z');
      const value = ws.tokenValue(first.token);
      const secretId = ws.state()[standInOf(first.secret)].id;
      ws.setConfig(build(owner, 'dns renamed').config);
      const plan = ws.deploy('2027-01-02T00:00:00Z');
      expect(plan.actions(first.token)).toEqual(['update']);
      // What the provider plans (the stand-in reproduces it): the value is unknown after an
      // in-place update, so without the token-id record the ForceNew secret would be replaced.
      expect(plan.change(first.token).change.after_unknown.output).toBe(true);
      expect(plan.actions(first.secret)).toEqual(['no-op']);
      expect(plan.changed).toEqual([standInOf(first.token)]);
      expect(ws.tokenValue(first.token)).toBe(value);
      expect(ws.state()[standInOf(first.secret)]).toMatchObject({ id: secretId, input: { plaintext_value: value } });
    } finally {
      ws.dispose();
    }
  });

  test('without the token-id record (a source with no tokenId) the same rename deletes the secret and creates it again, with the same value', () => {
    const first = build(owner, 'dns', { withoutTokenId: true });
    const ws = new TerraformWorkspace(first.config);
    try {
      ws.deploy('2027-01-01T00:00:00Z');
      const value = ws.tokenValue(first.token);
      ws.setConfig(build(owner, 'dns renamed', { withoutTokenId: true }).config);
      const plan = ws.deploy('2027-01-02T00:00:00Z');
      expect(plan.actions(first.token)).toEqual(['update']);
      expect(plan.actions(first.secret)).toEqual(['delete', 'create']);
      expect(plan.change(first.secret).action_reason).toBe('replace_because_cannot_update');
      expect(plan.applied.indexOf(`delete ${standInOf(first.secret)}`)).toBeLessThan(plan.applied.indexOf(`create ${standInOf(first.secret)}`));
      expect(ws.state()[standInOf(first.secret)].input.plaintext_value).toBe(value);
    } finally {
      ws.dispose();
    }
  });
});

test('delivering another token replaces the secret with that token\'s value', () => {
  const first = build(TokenOwner.user(), 'dns');
  const ws = new TerraformWorkspace(first.config);
  try {
    ws.deploy('2027-01-01T00:00:00Z');
    const other = build(TokenOwner.user(), 'dns', { deliver: 'other' });
    ws.setConfig(other.config);
    const plan = ws.deploy('2027-01-02T00:00:00Z');
    expect(plan.actions(first.secret)).toEqual(['delete', 'create']);
    expect(ws.state()[standInOf(first.secret)].input.plaintext_value).toBe(ws.tokenValue(other.other));
  } finally {
    ws.dispose();
  }
});
