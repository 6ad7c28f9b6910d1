const os = require('os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers at least: Jest's default on 2 cores (cores - 1) is one, which runs the files
  // one after another while the slow ones mostly wait on terraform, npm and node children.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Slowest files first (timed by Jest, or estimated on a fresh clone), so the workers end together.
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc strips types without checking them; `npm test` runs tsc first for that.
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // README examples (test/readme) import the package by name, as users do.
  moduleNameMapper: {
    '^cdktf-cloudflare-tokens$': '<rootDir>/lib/index.ts',
    // `CDK_FRAMEWORK=cdktn npx jest`: the suite on CDK Terrain. Every `cdktf` import (the
    // library's seam, the tests' App/Testing, the prebuilt provider oracles) loads cdktn.
    ...(process.env.CDK_FRAMEWORK === 'cdktn' ? { '^cdktf$': 'cdktn' } : {}),
  },
  // The token construct snapshots must not depend on where the repo is checked out.
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
