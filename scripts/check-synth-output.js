#!/usr/bin/env node
// Checks what `npm run synth` (the real cdktf CLI) wrote: every stack listed in
// cdktf.out/manifest.json has its cdk.tf.json, with at least one resource, and there is at
// least one stack. Reads the stack list from the manifest so that it needs no change when
// stacks are added or renamed. Usage: node scripts/check-synth-output.js [outdir]
'use strict';
const fs = require('fs');
const path = require('path');

const outdir = path.resolve(process.argv[2] ?? 'cdktf.out');
const fail = (message) => {
  console.error(`check-synth-output: FAIL: ${message}`);
  process.exit(1);
};

const manifestPath = path.join(outdir, 'manifest.json');
if (!fs.existsSync(manifestPath)) fail(`${manifestPath} is missing: did \`npm run synth\` run?`);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const stacks = Object.values(manifest.stacks ?? {});
if (stacks.length === 0) fail(`${manifestPath} lists no stacks`);

for (const stack of stacks) {
  const file = path.join(outdir, stack.synthesizedStackPath);
  if (!fs.existsSync(file)) fail(`stack ${stack.name}: ${file} was not written`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resources = Object.values(json.resource ?? {}).flatMap((byName) => Object.keys(byName));
  if (resources.length === 0) fail(`stack ${stack.name}: ${file} has no resources`);
  console.log(`check-synth-output: ok: ${stack.name} (${resources.length} resources) in ${path.relative(process.cwd(), file)}`);
}
