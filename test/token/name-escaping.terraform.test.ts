// Issue 12, proven with the real terraform binary: a literal name holding "${...}" or "%{...}"
// reaches Terraform as text. The synthesized `name` is copied into a terraform_data stand-in
// (the provider cannot be downloaded here) and planned; the plan shows the literal text and
// no file is read. A control run with the unescaped text shows the file's contents, so the
// test can fail.
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack } from 'cdktf';
import { CloudflareToken, Policy, Resource } from '../../lib';

const SECRET = 'TOP-SECRET-FILE-CONTENT';
const NAME = 'ci ${file("secret.txt")} %{ if true }directive%{ endif } $${kept}';

/** Plans `{ resource.terraform_data.probe.input = text }` in a fresh directory; returns the planned input. */
function plannedInput(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cft-escape-'));
  try {
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: { probe: { input: text } } } }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const run = (...args: string[]) => execFileSync('terraform', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run('init', '-input=false', '-no-color');
    run('plan', '-input=false', '-no-color', '-out=plan.bin');
    const plan = JSON.parse(run('show', '-json', 'plan.bin')) as { resource_changes: { change: { after: { input: string } } }[] };
    return plan.resource_changes[0].change.after.input;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function synthesizedName(name: string): string {
  const stack = new TerraformStack(new App(), 'stack');
  const token = new CloudflareToken(stack, 'dns', { name, expiresOn: '2027-01-01T00:00:00Z', policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })] });
  const json = stack.toTerraform() as { resource: Record<string, Record<string, { name: string }>> };
  return json.resource.cloudflare_api_token[token.resource.friendlyUniqueId].name;
}

describe('literal names reach Terraform as text (real terraform 1.11.4)', () => {
  test('the plan shows the name exactly as given, and no file is read', () => {
    const written = synthesizedName(NAME);
    expect(written).toBe('ci $${file("secret.txt")} %%{ if true }directive%%{ endif } $$${kept}');
    const planned = plannedInput(written);
    expect(planned).toBe(NAME);
    expect(planned).not.toContain(SECRET);
  });

  test('control: the same text unescaped is evaluated by Terraform (what main did)', () => {
    expect(plannedInput('ci ${file("secret.txt")}')).toBe(`ci ${SECRET}`);
  });
});
