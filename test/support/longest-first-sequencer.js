// Orders the test files longest first, so that the workers finish together instead of one
// starting the Terraform or workflow suite when the other has nothing left to do.
//
// Jest's own sequencer already does this once it has timed a run (its cache, per worktree
// and config), but on a fresh clone (CI) it has no timings and falls back to file size, which
// says little here: the slowest files are short ones that spawn terraform, npm or node. So a
// file Jest has not timed yet gets the estimate below; a file in neither is taken as fast.
// Files that failed last time still run first, as with Jest's default. The order changes
// nothing a test proves: every file runs in its own module registry either way.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('path');

/**
 * Seconds per file, for files Jest has not timed yet (the slow ones only): CPU seconds (user +
 * sys, child processes included) of `npx jest <file>` alone on the 2-core machine, a steadier
 * guide than wall time on a shared machine. Jest's own timings replace them after one run.
 */
const ESTIMATED_SECONDS = {
  'test/workflow/token-review-workflow.test.ts': 18,
  'test/lib/review/gate-cases.test.ts': 17,
  'test/errors/synth-error-output.test.ts': 16,
  'test/terraform/overlapping-token.test.ts': 16,
  'test/lib/review/audit/adopt.test.ts': 12,
  'test/lib/review/bin-fallback.test.ts': 7,
  'test/lib/review/robust-output.test.ts': 7,
  'test/terraform/rotation.test.ts': 7,
  'test/determinism/determinism.test.ts': 6.5,
  'test/lib/review/audit/audit-live.test.ts': 6.5,
  'test/terraform/delivery.test.ts': 6,
  'test/stacks/token-stack.test.ts': 4.5,
  'test/terraform/example-stacks.test.ts': 3.5,
  'test/lib/review/audit/audit-cli.test.ts': 3,
  'test/terraform/expiry-check.test.ts': 3,
  'test/terraform/rotation-switched-off.test.ts': 2.5,
};

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const seconds = (test) => {
      const timed = this.time(test);
      if (timed !== undefined) return timed / 1000;
      const relative = path.relative(test.context.config.rootDir, test.path).split(path.sep).join('/');
      return ESTIMATED_SECONDS[relative] ?? 0;
    };
    return [...tests]
      .map((test) => ({ test, failed: this.hasFailed(test), seconds: seconds(test) }))
      .sort((a, b) => Number(b.failed) - Number(a.failed) || b.seconds - a.seconds || (a.test.path < b.test.path ? -1 : a.test.path > b.test.path ? 1 : 0))
      .map(({ test }) => test);
  }
}

module.exports = LongestFirstSequencer;
module.exports.ESTIMATED_SECONDS = ESTIMATED_SECONDS;
