// The harness itself: it refuses to run without terraform, and refuses what it cannot translate.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { StaticResource } from '@cdktf/provider-time/lib/static-resource';
import { TerraformStack, Testing } from 'cdktf';
import { requireTerraform, rewriteInterpolations, synthesizeStack, TERRAFORM_VERSION, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

describe('Terraform suite harness', () => {
  test(`terraform ${TERRAFORM_VERSION} is on the PATH (the suite fails, never skips, without it)`, () => {
    expect(() => requireTerraform()).not.toThrow();
  });

  test('without terraform on the PATH it throws, naming the binary, the version and the fix', () => {
    expect(() => requireTerraform({ ...process.env, PATH: '/nonexistent' })).toThrow(
      /The Terraform suite \(test\/terraform\) needs the terraform binary 1\.11\.4 on the PATH and could not run it \(.*ENOENT\)\. It is not skipped: install terraform 1\.11\.4/,
    );
  });

  test('a provider resource with no stand-in is refused, not dropped', () => {
    const stack = new TerraformStack(Testing.app(), 'prod');
    new CloudflareProvider(stack, 'cloudflare', {});
    new TimeProvider(stack, 'time', {});
    new StaticResource(stack, 'anchor', {});
    expect(() => withStandIns(synthesizeStack(stack))).toThrow(/harness: no stand-in for resource type time_static \(anchor\)/);
  });

  test('references are rewritten only inside interpolations; $${ stays a literal', () => {
    const rewrite = (text: string) => rewriteInterpolations(text, (e) => `<${e}>`);
    expect(rewrite('a ${x.y} b $${not} ${f("}", {k = 1})}')).toBe('a ${<x.y>} b $${not} ${<f("}", {k = 1})>}');
    expect(() => rewrite('${unbalanced')).toThrow(/unbalanced interpolation/);
  });
});
