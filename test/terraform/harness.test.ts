// The harness itself: it refuses to run without terraform, and refuses what it cannot translate.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { StaticResource } from '@cdktf/provider-time/lib/static-resource';
import { TerraformStack, Testing } from 'cdktf';
import { requireTerraform, rewriteInterpolations, synthesizeStack, TERRAFORM_VERSION, TerraformWorkspace, withStandIns } from './harness';

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

  test('the state a workspace reports is the one after the last command that can change it', () => {
    // The workspace keeps `terraform show -json` of the state between such commands: an apply,
    // a new configuration and a `state rm` must each be seen at the next read.
    const config = (input: number) => ({ resource: { terraform_data: { x: { input } } }, variable: { plan_time: { type: 'string' } } });
    const ws = new TerraformWorkspace(config(1));
    try {
      expect(ws.state()).toEqual({});
      ws.deploy('2027-01-01T00:00:00Z');
      const first = ws.state();
      expect(first['terraform_data.x'].input).toBe(1);
      first['terraform_data.x'].input = 'changed by the caller';
      expect(ws.state()['terraform_data.x'].input).toBe(1);
      ws.setConfig(config(2));
      expect(ws.deploy('2027-01-02T00:00:00Z').actions('terraform_data.x')).toEqual(['update']);
      expect(ws.state()['terraform_data.x'].input).toBe(2);
      ws.run(['state', 'rm', '-lock=false', 'terraform_data.x']);
      expect(ws.state()).toEqual({});
    } finally {
      ws.dispose();
    }
  });

  test('references are rewritten only inside interpolations; $${ stays a literal', () => {
    const rewrite = (text: string) => rewriteInterpolations(text, (e) => `<${e}>`);
    expect(rewrite('a ${x.y} b $${not} ${f("}", {k = 1})}')).toBe('a ${<x.y>} b $${not} ${<f("}", {k = 1})>}');
    expect(() => rewrite('${unbalanced')).toThrow(/unbalanced interpolation/);
  });
});
