// One measured run of the reviewer in a fresh process: `node review-child.js <cli args...>`.
// Runs the compiled CLI (dist/review/cli.js) with stdout counted, not printed; prints one
// JSON line: exit code, wall time of read + diff/report + render, peak RSS of the process.
'use strict';
const path = require('path');
const { runCli } = require(path.join(__dirname, '..', 'dist', 'review', 'cli.js'));

let bytes = 0;
const started = process.hrtime.bigint();
const code = runCli(process.argv.slice(2), { stdout: (t) => (bytes += t.length), stderr: (t) => process.stderr.write(t) });
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ code, elapsedMs, outputChars: bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
