#!/usr/bin/env node
// `npm run bench`: measures the claims the README makes and writes bench/RESULTS.md.
//   1. synth time of N tokens (N = 10, 100, 1000) with CloudflareToken vs the same tokens
//      written with raw provider resources: median of several fresh processes, ratio per N;
//   2. cold start: wall time and peak RSS of a process importing the library (dist/) vs one
//      importing @cdktf/provider-cloudflare from its root;
//   3. wall time of the whole test suite (`npx jest`).
// Run `npm run build` first (the `bench` script does). Figures are wall-clock on whatever
// machine runs this: rerun on a quiet machine before trusting a close call.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SIZES = [10, 100, 1000];
const REPETITIONS = { 10: 7, 100: 7, 1000: 5 };
const COLD_START_REPETITIONS = 7;
const TARGETS = { ratio: 1.15, coldStartMs: 300, coldStartMb: 100, testSuiteS: 30 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (n, digits = 1) => n.toFixed(digits);
const verdict = (ok) => (ok ? 'pass' : '**FAIL**');

function runNode(args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env } });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return { wallMs, report: JSON.parse(result.stdout.trim().split('\n').pop()) };
}

const MODES = ['ours', 'raw', 'raw-nested'];

function benchSynth(tmp) {
  const rows = [];
  for (const n of SIZES) {
    const runs = Object.fromEntries(MODES.map((m) => [m, []]));
    for (let r = 0; r < REPETITIONS[n]; r++) {
      // Rotate the order so that a burst of load elsewhere hits every mode alike.
      for (let k = 0; k < MODES.length; k++) {
        const mode = MODES[(r + k) % MODES.length];
        const outdir = path.join(tmp, `${mode}-${n}-${r}`);
        runs[mode].push(runNode([path.join(__dirname, 'synth-child.js'), mode, String(n), outdir]).report);
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }
    const wall = Object.fromEntries(MODES.map((m) => [m, median(runs[m].map((x) => x.elapsedMs))]));
    const cpu = Object.fromEntries(MODES.map((m) => [m, median(runs[m].map((x) => x.cpuMs))]));
    rows.push({ n, reps: REPETITIONS[n], wall, cpu, ratio: wall.ours / wall.raw });
    process.stderr.write(`bench: synth N=${n}: wall ours ${fixed(wall.ours)} ms, raw ${fixed(wall.raw)} ms, raw-nested ${fixed(wall['raw-nested'])} ms\n`);
  }
  return rows;
}

function benchColdStart() {
  const targets = [
    { label: 'empty process (node itself)', module: '-' },
    { label: '`cdktf` alone (a peer dependency)', module: 'cdktf' },
    { label: '**this library** (`dist/`, as packed)', module: path.join(ROOT, 'dist'), ours: true },
    { label: '`@cdktf/provider-cloudflare` (package root)', module: '@cdktf/provider-cloudflare' },
  ];
  return targets.map((t) => {
    const runs = [];
    for (let r = 0; r < COLD_START_REPETITIONS; r++) runs.push(runNode([path.join(__dirname, 'cold-start-child.js'), t.module]));
    const row = {
      ...t,
      wallMs: median(runs.map((x) => x.wallMs)),
      requireMs: median(runs.map((x) => x.report.requireMs)),
      maxRssMb: Math.max(...runs.map((x) => x.report.maxRssMb)),
    };
    process.stderr.write(`bench: cold start ${t.module}: ${fixed(row.wallMs)} ms, ${fixed(row.maxRssMb)} MB\n`);
    return row;
  });
}

function benchTestSuite() {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--silent'], { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = (result.stderr.match(/^Tests:.*$/m) ?? ['Tests: ?'])[0];
  process.stderr.write(`bench: test suite ${fixed(seconds)} s (${summary})\n`);
  return { seconds, passed: result.status === 0, summary };
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const benchStarted = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-tokens-bench-'));
  let synth, cold, suite;
  try {
    synth = benchSynth(tmp);
    cold = benchColdStart();
    suite = benchTestSuite();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  const ourCold = cold.find((c) => c.ours);
  const worstRatio = Math.max(...synth.map((s) => s.ratio));
  const [small, , large] = synth;
  const lines = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench` (bench/run.js); do not edit by hand. Rerun to refresh.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} cores, ${cpus[0]?.model ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30)} GiB RAM, load average ${os.loadavg().map((l) => fixed(l, 2)).join(' ')} at the end`,
    `- Node ${process.version} on ${os.platform()} ${os.arch()}`,
    `- Bench run time: ${fixed((Date.now() - benchStarted) / 1000)} s`,
    '',
    'Wall-clock figures: noisy on a shared or busy machine (see the load average). A ratio',
    'close to its target needs a rerun on a quiet machine before it means anything.',
    '',
    '## 1. Synth time: CloudflareToken vs raw provider resources',
    '',
    'Each token: account-owned, two policies (DNS Write + Zone Read on its own zone; Workers',
    'Scripts Write on the account), an IP condition and an expiry. *raw* writes the same tokens',
    'with `AccountToken` directly in the stack and hand-written `resources` JSON, as someone',
    'without the library would; *raw nested* puts each `AccountToken` inside a plain `Construct`,',
    'the tree shape every wrapper construct has (cdktf charges per tree level: logical-id hashing,',
    'tree walks), so *ours / raw nested* is the cost of our own validation and rendering.',
    'Time = construct + `app.synth()` in a fresh process (module loading excluded: see cold',
    'start), median of the runs, the modes rotating. Wall time is what a user waits; CPU time',
    '(user + system of the process) is less disturbed by other load on a shared machine.',
    '',
    `| N | runs | ours wall (ms) | raw wall (ms) | raw nested wall (ms) | ours / raw | target <= ${TARGETS.ratio}x | ours / raw nested |`,
    '|---:|---:|---:|---:|---:|---:|:---|---:|',
    ...synth.map(
      (s) =>
        `| ${s.n} | ${s.reps} | ${fixed(s.wall.ours)} | ${fixed(s.wall.raw)} | ${fixed(s.wall['raw-nested'])} | ${fixed(s.ratio, 2)}x | ${verdict(s.ratio <= TARGETS.ratio)} | ${fixed(s.wall.ours / s.wall['raw-nested'], 2)}x |`,
    ),
    '',
    '| N | ours CPU (ms) | raw CPU (ms) | raw nested CPU (ms) | ours / raw (CPU) | ours / raw nested (CPU) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...synth.map(
      (s) =>
        `| ${s.n} | ${fixed(s.cpu.ours)} | ${fixed(s.cpu.raw)} | ${fixed(s.cpu['raw-nested'])} | ${fixed(s.cpu.ours / s.cpu.raw, 2)}x | ${fixed(s.cpu.ours / s.cpu['raw-nested'], 2)}x |`,
    ),
    '',
    `Worst wall ratio against raw: ${fixed(worstRatio, 2)}x (target <= ${TARGETS.ratio}x: ${verdict(worstRatio <= TARGETS.ratio)}).`,
    `Growth: from N=${small.n} to N=${large.n} (${large.n / small.n}x the tokens) our wall time grows ${fixed(large.wall.ours / small.wall.ours)}x` +
      ` (raw: ${fixed(large.wall.raw / small.wall.raw)}x); per token at N=${large.n}: ${fixed(large.wall.ours / large.n, 2)} ms ours, ${fixed(large.wall.raw / large.n, 2)} ms raw.`,
    'Growth at most about linear (fixed costs dominate at small N) means no quadratic step.',
    '',
    '## 2. Cold start: importing the library',
    '',
    'A fresh `node` process that `require`s one module and exits; wall time of the whole process',
    `(median of ${COLD_START_REPETITIONS}), the \`require\` alone, and the largest peak RSS seen.`,
    '',
    '| import | process wall (ms) | require (ms) | peak RSS (MB) |',
    '|:---|---:|---:|---:|',
    ...cold.map((c) => `| ${c.label} | ${fixed(c.wallMs)} | ${fixed(c.requireMs)} | ${fixed(c.maxRssMb)} |`),
    '',
    `Ours: ${fixed(ourCold.wallMs)} ms (target < ${TARGETS.coldStartMs} ms: ${verdict(ourCold.wallMs < TARGETS.coldStartMs)}),` +
      ` ${fixed(ourCold.maxRssMb)} MB (target < ${TARGETS.coldStartMb} MB: ${verdict(ourCold.maxRssMb < TARGETS.coldStartMb)}).`,
    'The library imports provider classes from their own modules, never the provider root, which',
    'is what keeps it far below the root import.',
    '',
    '## 3. Test suite',
    '',
    `\`npx jest\` (the whole suite, once): ${fixed(suite.seconds)} s on ${cpus.length} cores` +
      ` (target < ${TARGETS.testSuiteS} s on 2 cores: ${verdict(suite.seconds < TARGETS.testSuiteS)}); ${suite.summary.replace(/\s+/g, ' ')}` +
      `${suite.passed ? '' : ' **(the suite failed)**'}.`,
    '',
  ];
  fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), lines.join('\n'));
  process.stderr.write(`bench: wrote bench/RESULTS.md\n`);
  // The reviewer's scale figures, in their own section (bench/review-scale.js).
  require('./review-scale').main();
}

main();
