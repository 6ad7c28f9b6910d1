#!/usr/bin/env node
// Builds the CDK Terrain entry point (`cdktf-cloudflare-tokens/cdktn`) from the same compiled
// source as the cdktf one: copies dist/ to dist/cdktn/ and rewrites the one module that imports
// the framework (lib/framework.ts, the seam) to import `cdktn`. Fails when any other compiled
// module names a framework or a prebuilt provider package: the seam must stay the only one.
'use strict';
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist');
const out = path.join(dist, 'cdktn');
const SEAM = ['framework.js', 'framework.d.ts'];
// require("cdktf"), from "cdktf", import("cdktf") and the same with @cdktf/ packages or cdktn.
const FRAMEWORK_IMPORT = /(require\(|from |import\()\s*["'](cdktf|cdktn|@cdktf\/[^"']*)["']/g;

fs.rmSync(out, { recursive: true, force: true });
const files = [];
(function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (source === out) continue;
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, target);
    else {
      fs.copyFileSync(source, target);
      files.push(path.relative(out, target));
    }
  }
})(dist, out);

const stray = [];
for (const file of files) {
  const full = path.join(out, file);
  const text = fs.readFileSync(full, 'utf8');
  if (SEAM.includes(file)) {
    const rewritten = text.replace(FRAMEWORK_IMPORT, (whole, how, name) => {
      if (name !== 'cdktf') stray.push(`${file}: ${whole}`);
      return `${how}"cdktn"`;
    });
    if (rewritten === text) stray.push(`${file}: does not import cdktf`);
    fs.writeFileSync(full, rewritten);
  } else {
    for (const match of text.matchAll(FRAMEWORK_IMPORT)) stray.push(`${file}: ${match[0]}`);
  }
}
if (stray.length > 0) {
  console.error(`build-cdktn: only lib/framework.ts may import a framework or a provider package:\n  ${stray.join('\n  ')}`);
  process.exit(1);
}
// Silent on success: `npm pack --json` runs this (prepare) and its stdout must stay JSON.
