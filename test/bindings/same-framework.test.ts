// A construct of one framework's entry point in a stack of the other framework fails at
// construction, naming the entry point to import, instead of synth crashing inside the
// framework (cdktn) or the checks silently never running (Aspects of the other framework).
import { CloudflareToken, LeastPrivilegeChecks, Policy, Resource, TokenConfigError } from '../../lib';

const ours = process.env.CDK_FRAMEWORK === 'cdktn' ? 'cdktn' : 'cdktf';
// The framework this run does not use, by file path (the cdktn run maps only the name `cdktf`).
const other = ours === 'cdktn' ? require('cdktf/lib/index.js') : require('cdktn/lib/index.js');
const expectedEntry = ours === 'cdktn' ? "'cdktf-cloudflare-tokens'" : "'cdktf-cloudflare-tokens/cdktn'";

function otherStack() {
  return new other.TerraformStack(new other.App(), 'tokens');
}

function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error was thrown');
}

test('a token in a stack of the other framework is refused at construction, with the entry point to import', () => {
  const stack = otherStack();
  const error = errorOf(() => new CloudflareToken(stack, 'dns', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })] }));
  expect(error).toBeInstanceOf(TokenConfigError);
  expect(error.message).toContain('[tokens/dns]');
  expect(error.message).toContain(`import the constructs from ${expectedEntry}`);
  expect(error.message.split('\n')).toHaveLength(2);
});

test('checks applied to a stack of the other framework are refused (its Aspects would never run them)', () => {
  const stack = otherStack();
  const error = errorOf(() => LeastPrivilegeChecks.applyTo(stack));
  expect(error).toBeInstanceOf(TokenConfigError);
  expect(error.message).toContain(`import the constructs from ${expectedEntry}`);
});

test('from plain JavaScript the same error', () => {
  const js = require('../../lib') as Record<string, any>;
  const stack = otherStack();
  const error = errorOf(() => new js.CloudflareToken(stack, 'dns', { policies: [js.Policy.allow({ permissions: ['DNS Write'], resources: [js.Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })] }));
  expect(error).toBeInstanceOf(TokenConfigError);
  expect(error.message).toContain(expectedEntry);
});
