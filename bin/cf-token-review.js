#!/usr/bin/env node
// The `cf-token-review` command (package.json "bin"). An installed package runs the compiled
// CLI in dist/ (built by `prepare` on a git install, shipped in the tarball). In a checkout
// where dist/ has not been built (or was removed), it runs the TypeScript sources through
// ts-node, a dev dependency, rather than dying with MODULE_NOT_FOUND.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'review', 'cli-main.js');
const source = path.join(root, 'lib', 'review', 'cli-main.ts');

if (fs.existsSync(compiled)) {
  require(compiled);
} else if (fs.existsSync(source) && canResolve('ts-node')) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require(source);
} else {
  process.stderr.write(
    `cf-token-review: ${path.relative(process.cwd(), compiled) || compiled} is missing: the package was not built. ` +
      'Run `npm run build` in the package directory (a git install builds it through `prepare`; see the README, Install).\n',
  );
  process.exitCode = 2;
}

function canResolve(name) {
  try {
    require.resolve(name, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}
