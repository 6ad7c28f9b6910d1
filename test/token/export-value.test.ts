import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource, ScopedDnsToken, TokenOwner } from '../../lib';
import { configErrorOf, newStack } from '../synth-helpers';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const dnsPolicy = () => Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] });
const outputsOf = (stack: Parameters<typeof Testing.synth>[0]) => JSON.parse(Testing.synth(stack)).output as Record<string, any>;


describe('exportValue output names', () => {
  test('the output is named exactly as asked, sensitive, with the token value', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] });
    const output = token.exportValue('dns_token');
    expect(output.friendlyUniqueId).toBe('dns_token');
    const outputs = outputsOf(stack);
    expect(Object.keys(outputs)).toEqual(['dns_token']);
    expect(outputs.dns_token).toMatchObject({ sensitive: true, value: `\${cloudflare_api_token.${token.resource.friendlyUniqueId}.value}` });
  });

  test('without a name, the output is named after the construct id (a preset: the preset id)', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'terraform-dns', { policies: [dnsPolicy()] }).exportValue();
    new ScopedDnsToken(stack, 'dns-manager', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE] }).exportValue();
    new CloudflareToken(stack, '1st.token', { policies: [dnsPolicy()] }).exportValue();
    expect(Object.keys(outputsOf(stack)).sort()).toEqual(['_1st_token', 'dns-manager', 'terraform-dns']);
  });

  test('two exports of the same name in a stack are a TokenConfigError naming both constructs', () => {
    const stack = newStack('env');
    new CloudflareToken(stack, 'a', { policies: [dnsPolicy()] }).exportValue('ci_token');
    const b = new CloudflareToken(stack, 'b', { policies: [dnsPolicy()] });
    const error = configErrorOf(() => b.exportValue('ci_token'));
    expect(error.constructPath).toBe('env/b');
    expect(error.message).toContain('is already the name of an output of this stack, made by env/a');
    expect(error.message).toContain('received "ci_token"');
  });

  test('the same name in two stacks of one app is fine', () => {
    const app = Testing.app();
    const names = ['dev', 'prod'].map((id) => {
      const stack = new TerraformStack(app, id);
      new CloudflareProvider(stack, 'cloudflare', {});
      return new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] }).exportValue('dns_token').friendlyUniqueId;
    });
    expect(names).toEqual(['dns_token', 'dns_token']);
  });

  test('a raw TerraformOutput of a name already exported fails synth instead of replacing the token output', () => {
    const stack = newStack('env');
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] }).exportValue('dns_token');
    new TerraformOutput(stack, 'dns_token', { value: 'something else' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[env\/dns\] an invalid value:\n {2}- exportValue\(name\) is already the name of an output of this stack, made by env\/dns_token/);
  });

  test.each([['1token'], ['dns token'], [''], ['dns.token']])('a name Terraform does not accept (%p) is refused', (name) => {
    const token = new CloudflareToken(newStack('env'), 'dns', { policies: [dnsPolicy()] });
    const error = configErrorOf(() => token.exportValue(name));
    expect(error.message).toContain('exportValue(name) is not a Terraform output name');
    expect(error.message).toContain("Fix: pass a name such as 'dns_token'");
  });

  test('plain JavaScript passing a non-string name gets the same error', () => {
    const token = new CloudflareToken(newStack('env'), 'dns', { policies: [dnsPolicy()] });
    expect(() => (token.exportValue as (name: unknown) => unknown)(42)).toThrow(/exportValue\(name\) is not a Terraform output name: received 42/);
  });

  test('a description is a literal (written escaped) or one whole reference, never text mixed with a reference', () => {
    const stack = newStack('env');
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()] });
    token.exportValue('literal', { description: 'see ${file("/etc/passwd")} and %{ if true }x%{ endif }' });
    const other = new CloudflareToken(stack, 'other', { policies: [dnsPolicy()] });
    expect(outputsOf(stack).literal.description).toBe('see $${file("/etc/passwd")} and %%{ if true }x%%{ endif }');
    const error = configErrorOf(() => other.exportValue('mixed', { description: `token ${token.tokenId} of the DNS bot` }));
    expect(error.message).toContain('exportValue(options.description)');
    expect(error.message).toContain('mixes literal text with a Terraform reference');
  });
});
