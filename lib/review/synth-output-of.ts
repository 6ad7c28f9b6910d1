import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack } from '../framework';
import { runAspects } from '../private/run-aspects';
import { SynthOutput } from './model';
import { readSynthOutput } from './read-synth-output';

/**
 * The review model of stacks in memory, as `readSynthOutput` would read them from
 * `cdktf synth` output, for tests: `diffTokens(synthOutputOf(before), synthOutputOf(after))`
 * compares two versions of a stack without a synth directory. Runs the stacks' Aspects (the
 * least-privilege checks record their findings) but not their validations, so a stack with
 * error findings can still be reviewed. Stacks are read by their construct id.
 */
export function synthOutputOf(...stacks: TerraformStack[]): SynthOutput {
  // Goes through the same reader as the CLI (one parser for both), via a throw-away directory.
  const dir = mkdtempSync(join(tmpdir(), 'cf-token-review-'));
  try {
    const manifest: Record<string, { synthesizedStackPath: string }> = {};
    for (const stack of stacks) {
      const name = stack.node.id;
      if (manifest[name] !== undefined) throw new Error(`synthOutputOf: two stacks are named "${name}"; pass stacks with distinct ids`);
      runAspects(stack);
      const stackDir = join('stacks', name);
      mkdirSync(join(dir, stackDir), { recursive: true });
      writeFileSync(join(dir, stackDir, 'cdk.tf.json'), JSON.stringify(stack.toTerraform()));
      manifest[name] = { synthesizedStackPath: join(stackDir, 'cdk.tf.json') };
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ stacks: manifest }));
    return { ...readSynthOutput(dir), dir: `<in memory: ${stacks.map((s) => s.node.id).join(', ')}>` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
