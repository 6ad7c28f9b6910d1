/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
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
