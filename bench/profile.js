#!/usr/bin/env node
// Where synth time goes: runs bench/synth-child.js under the V8 CPU profiler (construct +
// synth only) for each mode and summarises the .cpuprofile files as Markdown: time per
// package (our dist/, cdktf, constructs, the provider bindings, Node, GC), the functions with
// the most self time, and the frames with the most total (inclusive) time.
// Usage: node bench/profile.js [N=1000] [--runs <k>] [--keep <dir>]   (run `npm run build` first)
// --runs k: k runs per mode, interleaved, averaged (one run is noisy on a busy machine).
// bench/run.js uses `profileModes` for the profile section of bench/RESULTS.md.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MODES = ['ours', 'raw', 'raw-nested'];
// Our code: the build under test (synth-child.js loads BENCH_DIST instead of dist/ when set).
const OURS_DIR = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'dist');

/** Which package a profile node's code belongs to. */
function ownerOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(V8 / native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith(OURS_DIR + '/')) return 'ours (dist/)';
  if (file.startsWith(ROOT + '/')) return 'bench driver';
  if (file.startsWith('node:')) return 'node (built-in JS)';
  return file;
}

/** A readable place for a function: package-relative file and 1-based line. */
function placeOf(callFrame) {
  const file = callFrame.url.replace(/^file:\/\//, '');
  if (!file) return '';
  if (file.startsWith(OURS_DIR + '/')) return `dist/${path.relative(OURS_DIR, file)}:${callFrame.lineNumber + 1}`;
  const nm = file.lastIndexOf('/node_modules/');
  const short = nm >= 0 ? file.slice(nm + '/node_modules/'.length) : path.relative(ROOT, file) || file;
  return `${short}:${callFrame.lineNumber + 1}`;
}

/**
 * Self and total time per function, and self time per package, from a V8 .cpuprofile.
 * Total time counts a sample once per distinct function on its stack (recursion is not
 * double counted).
 */
function summarise(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'}\t${placeOf(f)}`;
  };
  const selfUs = new Map();
  const totalUs = new Map();
  const ownerUs = new Map();
  const sampleUs = new Map();
  // timeDeltas[i] is the time before sample i; charge it to the sample (V8 does the same).
  profile.samples.forEach((id, i) => sampleUs.set(id, (sampleUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let allUs = 0;
  // The last samples are the profiler stopping itself (synth-child's stop -> inspector dispatch).
  const isProfilerItself = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at).callFrame;
      if (f.url.endsWith('bench/synth-child.js') && (f.functionName === 'stop' || f.functionName === 'startProfiler')) return true;
    }
    return false;
  };
  for (const [id, us] of sampleUs) {
    if (isProfilerItself(id)) continue;
    allUs += us;
    const node = nodes.get(id);
    const key = keyOf(node);
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
    const owner = ownerOf(node.callFrame.url, node.callFrame.functionName);
    ownerUs.set(owner, (ownerUs.get(owner) ?? 0) + us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(nodes.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      totalUs.set(k, (totalUs.get(k) ?? 0) + us);
    }
  }
  const rows = (map) =>
    [...map.entries()]
      .map(([key, us]) => {
        const [name, place] = key.split('\t');
        return { name, place, ms: us / 1000, share: us / allUs };
      })
      .sort((a, b) => b.ms - a.ms);
  return {
    totalMs: allUs / 1000,
    self: rows(selfUs),
    // Without the frames every sample has (Node's module loader, the driver's top level).
    total: rows(totalUs).filter((r) => !r.name.startsWith('(root)') && !r.place.startsWith('node:') && !/^bench\/synth-child\.js:1$/.test(r.place)),
    owners: [...ownerUs.entries()].map(([owner, us]) => ({ owner, ms: us / 1000, share: us / allUs })).sort((a, b) => b.ms - a.ms),
  };
}

/**
 * Profiles `runs` synths of `n` tokens per mode, the modes interleaved; returns the summaries
 * by mode, each the mean over its runs.
 */
function profileModes(n, dir, runs = 1) {
  const sums = Object.fromEntries(MODES.map((m) => [m, []]));
  for (let r = 0; r < runs; r++) {
    for (const mode of MODES) {
      const file = path.join(dir, `${mode}-${n}-${r}.cpuprofile`);
      const outdir = path.join(dir, `${mode}-${n}-out`);
      const result = spawnSync(process.execPath, [path.join(__dirname, 'synth-child.js'), mode, String(n), outdir, file], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      });
      if (result.status !== 0) throw new Error(`profiling ${mode} failed:\n${result.stderr}`);
      fs.rmSync(outdir, { recursive: true, force: true });
      sums[mode].push(summarise(JSON.parse(fs.readFileSync(file, 'utf8'))));
    }
  }
  return Object.fromEntries(MODES.map((m) => [m, meanOf(sums[m])]));
}

/** The mean of several summaries, entry by entry. */
function meanOf(summaries) {
  if (summaries.length === 1) return summaries[0];
  const k = summaries.length;
  const totalMs = summaries.reduce((a, s) => a + s.totalMs, 0) / k;
  const merge = (pick, keyOf) => {
    const acc = new Map();
    for (const s of summaries) for (const r of pick(s)) acc.set(keyOf(r), { ...r, ms: (acc.get(keyOf(r))?.ms ?? 0) + r.ms / k });
    return [...acc.values()].map((r) => ({ ...r, share: r.ms / totalMs })).sort((a, b) => b.ms - a.ms);
  };
  const fn = (r) => `${r.name}\t${r.place}`;
  return { totalMs, self: merge((s) => s.self, fn), total: merge((s) => s.total, fn), owners: merge((s) => s.owners, (r) => r.owner) };
}

/** Frames worth following across versions; `file` tells same-named functions apart. */
const KEY_FRAMES = [
  { name: 'CloudflareToken', file: 'dist/token/cloudflare-token.js', what: 'our construct, all of it (includes our token binding below)' },
  { name: 'AccountToken', file: 'dist/bindings/cloudflare-token-resources.js', what: 'our binding of cloudflare_account_token (on cdktf TerraformResource)' },
  { name: 'AccountToken', file: 'provider-cloudflare/lib/account-token/', what: 'the prebuilt provider class (what raw uses)' },
  { name: 'renderPolicies', file: 'dist/policy/render.js', what: 'our policy validation and rendering' },
  { name: 'captureStackTrace', file: 'cdktf/lib/tokens/private/stack-trace.js', what: 'cdktf: a full stack trace per token object (Lazy, Intrinsic, complex lists)' },
  { name: 'visit', file: 'dist/checks/least-privilege-checks.js', what: 'the least-privilege checks, per element' },
  { name: 'prepareStack', file: 'cdktf/lib/terraform-stack.js', what: 'cdktf: resolves every element once before the Aspects' },
  { name: 'toTerraform', file: 'cdktf/lib/terraform-stack.js', what: 'cdktf: resolves each element, then the whole stack' },
  { name: 'stableStringify', file: 'json-stable-stringify', what: 'writes cdk.tf.json' },
  { name: 'synth', file: 'cdktf/lib/app.js', what: 'cdktf: `app.synth()`' },
];

function frameTotal(summary, frame) {
  return summary.total.filter((r) => r.name === frame.name && r.place.includes(frame.file)).reduce((max, r) => Math.max(max, r.ms), 0);
}

const pct = (share) => `${(share * 100).toFixed(1)}%`;
const cell = (text) => String(text).replace(/\|/g, '\\|');

/** Markdown tables: per package side by side, then top self and total entries per mode. */
function profileMarkdown(byMode, { top = 12 } = {}) {
  const modes = Object.keys(byMode);
  const owners = [...new Set(modes.flatMap((m) => byMode[m].owners.map((o) => o.owner)))];
  const ownerMs = (m, o) => byMode[m].owners.find((x) => x.owner === o)?.ms ?? 0;
  owners.sort((a, b) => ownerMs(modes[0], b) - ownerMs(modes[0], a));
  const lines = [
    `| package (self time) | ${modes.map((m) => `${m} ms (share)`).join(' | ')} |`,
    `|:---|${modes.map(() => '---:').join('|')}|`,
    ...owners.map((o) => `| ${cell(o)} | ${modes.map((m) => `${ownerMs(m, o).toFixed(0)} (${pct(ownerMs(m, o) / byMode[m].totalMs)})`).join(' | ')} |`),
    `| **all sampled** | ${modes.map((m) => `${byMode[m].totalMs.toFixed(0)}`).join(' | ')} |`,
    '',
  ];
  for (const m of modes) {
    lines.push(
      `Top self time, *${m}*:`,
      '',
      '| self ms | share | function | where |',
      '|---:|---:|:---|:---|',
      ...byMode[m].self.slice(0, top).map((r) => `| ${r.ms.toFixed(1)} | ${pct(r.share)} | \`${cell(r.name)}\` | ${cell(r.place)} |`),
      '',
    );
  }
  const keyFrames = KEY_FRAMES.map((k) => ({ ...k, ms: Object.fromEntries(modes.map((m) => [m, frameTotal(byMode[m], k)])) }));
  lines.push(
    'Key frames, total (inclusive) time: where the construct and synth phases go.',
    '',
    `| frame | ${modes.map((m) => `${m} ms`).join(' | ')} | what it is |`,
    `|:---|${modes.map(() => '---:').join('|')}|:---|`,
    ...keyFrames.map((k) => `| \`${k.name}\` (${k.file}) | ${modes.map((m) => (k.ms[m] ? k.ms[m].toFixed(0) : '-')).join(' | ')} | ${k.what} |`),
    '',
  );
  if (byMode.ours) {
    lines.push(
      'Top total (inclusive) time, *ours*:',
      '',
      '| total ms | share | function | where |',
      '|---:|---:|:---|:---|',
      ...byMode.ours.total.slice(0, top + 8).map((r) => `| ${r.ms.toFixed(1)} | ${pct(r.share)} | \`${cell(r.name)}\` | ${cell(r.place)} |`),
      '',
    );
  }
  return lines.join('\n');
}

module.exports = { profileModes, profileMarkdown, summarise };

if (require.main === module) {
  const args = process.argv.slice(2);
  const keepAt = args.indexOf('--keep');
  const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : undefined;
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 1;
  const n = Number(args[0] ?? 1000);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cf-tokens-profile-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    process.stdout.write(`Profile of ${runs === 1 ? 'one synth' : `${runs} synths (mean)`} of ${n} tokens per mode (construct + synth only, 100 µs sampling).\n\n`);
    process.stdout.write(profileMarkdown(profileModes(n, dir, runs)) + '\n');
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
