// Why the reviewer reports every *.tf / *.tf.json beside cdk.tf.json: real Terraform 1.11.4
// loads them with it (an extra file adds resources; an *_override file rewrites the
// synthesized ones), so a head that drops one there changes what is deployed while
// cdk.tf.json stays the same.
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { diffTokens } from '../../../lib/review/diff-tokens';
import { readSynthOutput } from '../../../lib/review/read-synth-output';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'extra-tf-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function synthDir(name: string, extra: Record<string, unknown>): string {
  const out = join(dir, name);
  mkdirSync(join(out, 'stacks', 'prod'), { recursive: true });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
  writeFileSync(join(out, 'stacks', 'prod', 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: { a: { input: 'synthesized' } } } }));
  for (const [file, body] of Object.entries(extra)) writeFileSync(join(out, 'stacks', 'prod', file), JSON.stringify(body));
  return out;
}

test('Terraform loads extra files beside cdk.tf.json, and the reviewer counts them as a widening', () => {
  const base = synthDir('base', {});
  const head = synthDir('head', {
    'extra.tf.json': { resource: { terraform_data: { b: { input: 'from the extra file' } } } },
    'evil_override.tf.json': { resource: { terraform_data: { a: { input: 'overridden' } } } },
  });
  const stackDir = join(head, 'stacks', 'prod');
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const init = spawnSync('terraform', ['init', '-input=false', '-backend=false', '-no-color'], { cwd: stackDir, env, encoding: 'utf8' });
  expect(init.status).toBe(0);
  const plan = spawnSync('terraform', ['plan', '-input=false', '-no-color'], { cwd: stackDir, env, encoding: 'utf8' });
  expect(plan.status).toBe(0);
  expect(plan.stdout).toContain('terraform_data.b will be created');
  expect(plan.stdout).toContain('"from the extra file"');
  expect(plan.stdout).toContain('"overridden"');
  expect(plan.stdout).not.toContain('"synthesized"');
  rmSync(join(stackDir, '.terraform'), { recursive: true, force: true });
  rmSync(join(stackDir, '.terraform.lock.hcl'), { force: true });

  const diff = diffTokens(readSynthOutput(base), readSynthOutput(head));
  expect(diff.widened).toBe(true);
  expect(diff.stackChanges.map((c) => `${c.direction}: ${c.description}`)).toEqual([
    'wider: new or changed extra Terraform file: evil_override.tf.json beside the synthesized configuration (Terraform loads it too); the reviewer cannot see what it does, so it counts as wider',
    'wider: new or changed extra Terraform file: extra.tf.json beside the synthesized configuration (Terraform loads it too); the reviewer cannot see what it does, so it counts as wider',
  ]);
}, 60_000);
