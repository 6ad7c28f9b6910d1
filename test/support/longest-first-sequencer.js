// Orders the test files longest first, so that the workers finish together instead of one
// starting the Terraform or workflow suite when the other has nothing left to do.
//
// Jest's own sequencer already does this once it has timed a run (its cache, per worktree
// and config), but on a fresh clone (CI) it has no timings and falls back to file size, which
// says little here: the slowest files are short ones that spawn terraform, npm or node. So a
// file Jest has not timed yet gets the estimate below (seconds, measured with
// `npx jest --json` on 2 cores); a file in neither is taken as fast. Files that failed last
// time still run first, as with Jest's default. The order changes nothing a test proves:
// every file runs in its own module registry either way.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('path');

/** Seconds per file, for files Jest has not timed yet (the slow ones only). */
const ESTIMATED_SECONDS = {
  'test/terraform/overlapping-token.test.ts': 20,
  'test/workflow/token-review-workflow.test.ts': 20,
  'test/errors/synth-error-output.test.ts': 18,
  'test/determinism/determinism.test.ts': 8,
  'test/lib/review/audit/adopt.test.ts': 8,
  'test/terraform/rotation.test.ts': 7,
  'test/lib/review/gate-cases.test.ts': 7,
  'test/terraform/delivery.test.ts': 6,
  'test/lib/review/bin-fallback.test.ts': 6,
  'test/lib/review/robust-output.test.ts': 6,
  'test/lib/review/audit/audit-live.test.ts': 4,
  'test/lib/review/audit/audit-cli.test.ts': 4,
  'test/terraform/example-stacks.test.ts': 4,
  'test/stacks/token-stack.test.ts': 3,
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
