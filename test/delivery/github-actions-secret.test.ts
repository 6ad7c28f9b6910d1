import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, GithubActionsSecretDeliveryProps, OverlappingToken, Policy, Resource, TokenConfigError } from '../../lib';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

function dnsToken(stack: TerraformStack, id = 'dns'): CloudflareToken {
  return new CloudflareToken(stack, id, {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });
}

const synth = (stack: TerraformStack): Json => JSON.parse(Testing.synth(stack, true));

describe('GithubActionsSecretDelivery', () => {
  test('writes the token value into a repository secret, as a reference', () => {
    // GIVEN
    const stack = newStack();
    const token = dnsToken(stack);
    // WHEN
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
    // THEN
    const json = synth(stack);
    expect(json.resource.github_actions_secret[delivery.secret.friendlyUniqueId]).toEqual({
      repository: 'infra',
      secret_name: 'CLOUDFLARE_API_TOKEN',
      plaintext_value: `\${cloudflare_api_token.${token.resource.friendlyUniqueId}.value}`,
      lifecycle: { ignore_changes: ['plaintext_value'], replace_triggered_by: [`terraform_data.${delivery.tokenIdRecord?.friendlyUniqueId}`] },
    });
    expect(json.resource.github_actions_environment_secret).toBeUndefined();
  });

  test("is replaced when the token's id changes, not when its value is only unknown (test/terraform/delivery.test.ts runs it)", () => {
    const stack = newStack();
    const token = dnsToken(stack);
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
    const json = synth(stack);
    expect(json.resource.terraform_data[delivery.tokenIdRecord?.friendlyUniqueId as string]).toEqual({
      input: { token_id: `\${cloudflare_api_token.${token.resource.friendlyUniqueId}.id}` },
    });
  });

  test('a source with no tokenId gets a plain secret, replaced whenever its value is unknown', () => {
    const stack = newStack();
    const token = dnsToken(stack);
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token: { value: token.value }, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
    expect(delivery.tokenIdRecord).toBeUndefined();
    expect(synth(stack).resource.github_actions_secret[delivery.secret.friendlyUniqueId].lifecycle).toBeUndefined();
  });

  test('writes into an environment secret when an environment is named', () => {
    const stack = newStack();
    const token = dnsToken(stack);
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN', environment: 'production' });
    const json = synth(stack);
    expect(json.resource.github_actions_environment_secret[delivery.secret.friendlyUniqueId]).toEqual({
      repository: 'infra',
      environment: 'production',
      secret_name: 'CLOUDFLARE_API_TOKEN',
      plaintext_value: `\${cloudflare_api_token.${token.resource.friendlyUniqueId}.value}`,
      lifecycle: { ignore_changes: ['plaintext_value'], replace_triggered_by: [`terraform_data.${delivery.tokenIdRecord?.friendlyUniqueId}`] },
    });
    expect(json.resource.github_actions_secret).toBeUndefined();
  });

  test('delivers the current value of an overlapping token', () => {
    const stack = newStack();
    const token = new OverlappingToken(stack, 'ci', {
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })],
      rotation: { everyDays: 30, graceDays: 7 },
    });
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CF_TOKEN' });
    const secret = synth(stack).resource.github_actions_secret[delivery.secret.friendlyUniqueId];
    const [a, b] = token.slots.map((s) => `cloudflare_api_token.${s.resource.friendlyUniqueId}.value`);
    const [ga, gb] = token.generations.map((g) => `terraform_data.${g.friendlyUniqueId}.input.generation`);
    expect(secret.plaintext_value).toBe(`\${(${ga} > ${gb}) ? ${a} : ${b}}`);
  });

  test('adds one GitHub provider with no credentials in code, reused by every delivery', () => {
    const stack = newStack();
    const token = dnsToken(stack);
    new GithubActionsSecretDelivery(stack, 'one', { token, repository: 'infra', secretName: 'A' });
    new GithubActionsSecretDelivery(stack, 'two', { token, repository: 'app', secretName: 'B', environment: 'prod' });
    // An empty block: GITHUB_TOKEN and GITHUB_OWNER come from the environment.
    expect(synth(stack).provider.github).toEqual([{}]);
  });

  test('uses the provider it is given (e.g. an alias for another organisation)', () => {
    const stack = newStack();
    const other = new GithubProvider(stack, 'other-org', { alias: 'other', owner: 'other-org' });
    const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token: dnsToken(stack), repository: 'infra', secretName: 'CF', provider: other });
    const json = synth(stack);
    expect(json.resource.github_actions_secret[delivery.secret.friendlyUniqueId].provider).toBe('github.other');
    expect(json.provider.github).toEqual([{ alias: 'other', owner: 'other-org' }]);
  });
});

describe('GithubActionsSecretDelivery: bad input', () => {
  const attempt = (props: Partial<GithubActionsSecretDeliveryProps>) => () => {
    const stack = newStack();
    return new GithubActionsSecretDelivery(stack, 'to-github', { token: dnsToken(stack), repository: 'infra', secretName: 'CF_TOKEN', ...props } as GithubActionsSecretDeliveryProps);
  };

  test('a literal value is refused, and the message does not repeat it', () => {
    const literal = 'not-a-real-token-but-pretend-it-is-secret';
    let error: unknown;
    try {
      attempt({ token: { value: literal } })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/\[prod\/to-github\][\s\S]*token\.value is not a Terraform reference: received "<a literal string, not shown>"; expected a token's value[\s\S]*Fix: pass the token construct/);
    expect(message).not.toContain(literal);
    expect(JSON.stringify((error as TokenConfigError).problems)).not.toContain(literal);
  });

  test('an owner/name repository is refused with the fix', () => {
    expect(attempt({ repository: 'acme/infra' })).toThrow(
      /repository is not a valid name: received "acme\/infra"; expected a repository name without the owner[\s\S]*Fix: pass repository: 'infra' and set the owner with GITHUB_OWNER/,
    );
  });

  test.each([
    ['cloudflare-token', /secretName is not a valid name: received "cloudflare-token"; expected upper-case letters, digits and "_"[\s\S]*Fix: use 'CLOUDFLARE_TOKEN'/],
    ['1TOKEN', /secretName is not a valid name: received "1TOKEN"/],
    ['GITHUB_CF', /secretName starts with GITHUB_, which GitHub reserves: received "GITHUB_CF"[\s\S]*Fix: drop the GITHUB_ prefix/],
  ])('secret name %p is refused', (secretName, message) => {
    expect(attempt({ secretName })).toThrow(message);
  });

  test('an empty environment is refused', () => {
    expect(attempt({ environment: ' ' })).toThrow(/\[prod\/to-github\][\s\S]*environment is not an environment name: received " "[\s\S]*Fix: name the environment, or leave environment out/);
  });
});
