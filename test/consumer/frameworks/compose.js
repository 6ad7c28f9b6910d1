#!/usr/bin/env node
// Writes the consumer test's app for one framework into the current directory:
//   compose.js cdktf|cdktn <repo>
// main.ts is the README's Getting started (test/consumer/getting-started/main.ts) with the
// tokens of more-tokens.ts added before `app.synth()`; the examples are the README's
// (test/readme/examples). For cdktn every file gets the import changes the README's "cdktf or
// CDK Terrain" section tells users to make, read from the README's consumer-rewrite block.
'use strict';
const fs = require('fs');
const path = require('path');

const [framework, repo] = process.argv.slice(2);
if (!['cdktf', 'cdktn'].includes(framework) || !repo) {
  process.stderr.write('usage: compose.js cdktf|cdktn <repo>\n');
  process.exit(2);
}
const read = (file) => fs.readFileSync(path.join(repo, file), 'utf8');
const gettingStarted = read('test/consumer/getting-started/main.ts');
if (!gettingStarted.includes('\napp.synth();\n')) throw new Error('the Getting started app does not end with app.synth()');
const files = {
  'main.ts': `import { addMoreTokens } from './more-tokens';\n${gettingStarted.replace('\napp.synth();\n', '\naddMoreTokens(stack);\napp.synth();\n')}`,
  // In the repository it imports the examples where they are; in the app, next to it.
  'more-tokens.ts': read('test/consumer/frameworks/more-tokens.ts').split("from '../../readme/examples/").join("from './examples/"),
};
for (const name of ['acme-dns01-token', 'cache-purge-token', 'pages-deploy-token', 'read-only-token', 'scoped-dns-token', 'workers-deploy-token']) {
  files[`examples/${name}.ts`] = read(`test/readme/examples/${name}.ts`);
}

// The README's rewrite table: lines `from '<old>'` -> `from '<new>'`, and whole import lines.
function rewrites() {
  const readme = read('README.md');
  const marker = '<!-- consumer: cdktn-imports -->';
  const at = readme.indexOf(marker);
  const block = at < 0 ? null : readme.slice(at + marker.length).match(/^\n```\w*\n([\s\S]*?)```/);
  if (!block) throw new Error(`README.md has no ${marker} block`);
  return block[1]
    .split('\n')
    .filter((line) => line.includes('->'))
    .map((line) => line.split('->').map((side) => side.trim()));
}

fs.mkdirSync('examples', { recursive: true });
const table = framework === 'cdktn' ? rewrites() : [];
for (const [name, source] of Object.entries(files)) {
  let text = source;
  for (const [from, to] of table) text = text.split(from).join(to);
  if (framework === 'cdktn' && /from '(cdktf|@cdktf\/[^']*|cdktf-cloudflare-tokens)'/.test(text)) {
    throw new Error(`${name} still imports cdktf after the README's import changes:\n${text}`);
  }
  fs.writeFileSync(name, text);
}
