#!/usr/bin/env node
// Copies each README example from the file the tests compile (test/readme/examples/*.ts)
// into the README block marked `<!-- example: <path> -->`. The test suite fails when they
// differ, so run this after editing an example: `npm run readme:sync`.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const readmePath = path.join(root, 'README.md');
// The Getting started app is the consumer test's app (test/consumer/getting-started/main.ts).
const marker = /(<!-- example: (test\/(?:readme\/examples|consumer\/getting-started)\/[\w.-]+\.ts) -->\n```ts\n)[\s\S]*?```/g;
const readme = fs.readFileSync(readmePath, 'utf8');
const synced = readme.replace(marker, (_, head, file) => `${head}${fs.readFileSync(path.join(root, file), 'utf8')}\`\`\``);
if (synced !== readme) fs.writeFileSync(readmePath, synced);
console.log(synced === readme ? 'README examples already in sync' : 'README examples updated');
