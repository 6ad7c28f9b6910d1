#!/usr/bin/env node
// Prints a block of the README marked for the consumer test, so that the test runs what the
// README tells users to run, not a copy of it:
//   readme-block.js setup [name]     the commands under <!-- consumer: setup --> (or <!-- consumer: <name> -->)
//   readme-block.js file <name>      the file under <!-- consumer-file: <name> -->
'use strict';
const fs = require('fs');
const path = require('path');

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const [kind, name] = process.argv.slice(2);
const marker = kind === 'setup' ? `<!-- consumer: ${name || 'setup'} -->` : `<!-- consumer-file: ${name} -->`;
const at = readme.indexOf(marker);
if (at < 0) {
  process.stderr.write(`readme-block: no ${marker} in README.md\n`);
  process.exit(2);
}
const block = readme.slice(at + marker.length).match(/^\n```\w*\n([\s\S]*?)```/);
if (!block) {
  process.stderr.write(`readme-block: ${marker} is not followed by a fenced block\n`);
  process.exit(2);
}
process.stdout.write(block[1]);
