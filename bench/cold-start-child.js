// Cold start of one import, in a fresh process: prints the milliseconds `require` took and
// the process's peak resident memory. Usage: node bench/cold-start-child.js <module|-> 
'use strict';
const target = process.argv[2];
const started = process.hrtime.bigint();
if (target !== '-') require(target);
const requireMs = Number(process.hrtime.bigint() - started) / 1e6;
// maxRSS is in kilobytes.
process.stdout.write(JSON.stringify({ requireMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
