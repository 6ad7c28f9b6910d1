// What a GitHub Actions secret fed from a token does when the token changes, run by real
// Terraform. README "Delivering the value to GitHub Actions" points here.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, Policy, Resource, TokenOwner } from '../../lib';
import { standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

const ACCOUNT = '01a7362d577a6c3019a474fd6f485823';

function build(owner: TokenOwner, name: string) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new CloudflareToken(stack, 'dns', {
    owner,
    name,
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    expiresOn: '2028-01-01T00:00:00Z',
  });
  const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
  return {
    config: withStandIns(synthesizeStack(stack)),
    token: `${token.resource.terraformResourceType}.${token.resource.friendlyUniqueId}`,
    secret: `github_actions_secret.${delivery.secret.friendlyUniqueId}`,
  };
}

describe.each([
  ['a user-owned token', TokenOwner.user()],
  ['an account-owned token', TokenOwner.account(ACCOUNT)],
])('%s changed in place (renamed), delivered to a GitHub secret', (_label, owner) => {
  test('the token is updated in place, its value is unknown in the plan, so the secret is deleted and created again, with the same value', () => {
    const first = build(owner, 'dns');
    const ws = new TerraformWorkspace(first.config);
    try {
      ws.deploy('2027-01-01T00:00:00Z');
      const value = ws.tokenValue(first.token);
      ws.setConfig(build(owner, 'dns renamed').config);
      const plan = ws.deploy('2027-01-02T00:00:00Z');
      expect(plan.actions(first.token)).toEqual(['update']);
      // The value the secret is fed is unknown at plan (known after apply).
      expect(plan.change(first.secret).change.after_unknown.input.plaintext_value).toBe(true);
      expect(plan.actions(first.secret)).toEqual(['delete', 'create']);
      expect(plan.change(first.secret).action_reason).toBe('replace_because_cannot_update');
      // The delete comes before the create: between the two the secret does not exist.
      const order = plan.applied;
      expect(order.indexOf(`delete ${standInOf(first.secret)}`)).toBeLessThan(order.indexOf(`create ${standInOf(first.secret)}`));
      expect(ws.tokenValue(first.token)).toBe(value);
      expect(ws.state()[standInOf(first.secret)].input.plaintext_value).toBe(value);
    } finally {
      ws.dispose();
    }
  });
});
