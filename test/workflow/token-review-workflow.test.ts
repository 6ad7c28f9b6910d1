// The token-review workflow, run locally in its job separation (test/workflow/run-workflow.ts):
// untrusted synth jobs hand over only artifacts, the judge runs the base's reviewer. A head
// that tampers (install script and synth writing $GITHUB_ENV / $GITHUB_PATH / the summary)
// changes the verdict when everything shares one runner, and no longer does with the jobs
// as the workflow defines them.
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileCli, removeCompiledCli } from '../lib/review/compiled-cli';
import { JobResult, loadWorkflow, runWorkflow, WorkflowEvent } from './run-workflow';

const ROOT = join(__dirname, '..', '..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'token-review.yml');
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const DNS_READ = '82e64a83756745bbbb1c9c2701bf816b';

function stack(permissionId: string, resources: Record<string, unknown>): unknown {
  return {
    resource: {
      cloudflare_api_token: {
        dns: {
          '//': { metadata: { path: 'prod/dns/token' } },
          name: 'dns',
          policies: [{ effect: 'allow', permission_groups: [{ id: permissionId }], resources: JSON.stringify(resources) }],
        },
      },
    },
  };
}

const SYNTH = `const fs = require('fs');
fs.rmSync('cdktf.out', { recursive: true, force: true });
fs.mkdirSync('cdktf.out/stacks/prod', { recursive: true });
fs.writeFileSync('cdktf.out/manifest.json', JSON.stringify({ version: '0.21.0', stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
fs.copyFileSync('stack.json', 'cdktf.out/stacks/prod/cdk.tf.json');
if (fs.existsSync('tamper.js')) require('./tamper.js');
`;

// What the code under review does to fool a judge that shares its runner.
const TAMPER = `const fs = require('fs'); const path = require('path');
const dir = path.join(process.env.RUNNER_TEMP, 'pwn');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'exit0.js'), 'process.exit(0)');
fs.writeFileSync(path.join(dir, 'npm'), '#!/bin/sh\\nexit 0\\n', { mode: 0o755 });
fs.appendFileSync(process.env.GITHUB_ENV, 'NODE_OPTIONS=--require=' + path.join(dir, 'exit0.js') + '\\n');
fs.appendFileSync(process.env.GITHUB_PATH, dir + '\\n');
fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'No token changes (forged)\\n');
fs.writeFileSync(path.join(process.env.RUNNER_TEMP, 'tampered'), 'yes');
`;

function git(repo: string, ...args: string[]): string {
  const run = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

let dir: string;
let repo: string;
let compiled: string;
let base: string;
const heads: Record<string, string> = {};

function commit(message: string, files: Record<string, string>, remove: string[] = []): string {
  git(repo, 'checkout', '-q', base);
  for (const file of remove) rmSync(join(repo, file), { force: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(repo, file), text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-review-workflow-'));
  repo = join(dir, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q');
  // A small consumer project whose base ships this repository's reviewer (compiled, so it
  // needs no dependencies) and a synth that writes a cdktf.out from stack.json. It has no
  // node_modules at all: the judge passing and failing below also shows the reviewer never
  // loads cdktf or any other package.
  compiled = compileCli();
  cpSync(join(compiled, 'dist'), join(repo, 'dist'), { recursive: true });
  cpSync(join(compiled, 'bin'), join(repo, 'bin'), { recursive: true });
  mkdirSync(join(repo, 'lib', 'review'), { recursive: true });
  cpSync(join(ROOT, 'lib', 'review', 'cli-main.ts'), join(repo, 'lib', 'review', 'cli-main.ts'));
  const pkg = { name: 'infra', version: '1.0.0', private: true, scripts: { synth: 'node synth.js', 'token-review': 'node bin/cf-token-review.js' } };
  writeFileSync(join(repo, 'package.json'), JSON.stringify(pkg));
  writeFileSync(join(repo, 'package-lock.json'), JSON.stringify({ name: 'infra', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'infra', version: '1.0.0' } } }));
  writeFileSync(join(repo, 'synth.js'), SYNTH);
  writeFileSync(join(repo, 'stack.json'), JSON.stringify(stack(DNS_WRITE, { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' })));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  base = git(repo, 'rev-parse', 'HEAD');
  const wide = JSON.stringify(stack(DNS_WRITE, { [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } }));
  heads.narrower = commit('DNS Write -> DNS Read', { 'stack.json': JSON.stringify(stack(DNS_READ, { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' })) });
  heads.wider = commit('all zones', { 'stack.json': wide });
  heads.tampering = commit('all zones, and fool the judge', {
    'stack.json': wide,
    'tamper.js': TAMPER,
    'package.json': JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, postinstall: 'node tamper.js' } }),
  });
}, 120_000);

afterAll(() => {
  removeCompiledCli(compiled);
  rmSync(dir, { recursive: true, force: true });
});

let runCount = 0;
/** Runs the workflow for a head; `reuse` takes the synth jobs of an earlier run of the same commits. */
interface Run {
  readonly results: Record<string, JobResult>;
  readonly judge: JobResult;
  readonly diffCode: number | undefined;
  readonly runDir: string;
}

function run(head: keyof typeof heads, event: Partial<WorkflowEvent> = {}, sharedRunner = false, reuse?: Run): Run {
  const runDir = join(dir, `run-${++runCount}`);
  const results = runWorkflow({
    workflowFile: WORKFLOW,
    repo,
    dir: runDir,
    sharedRunner,
    event: { action: 'synchronize', baseSha: base, headSha: heads[head], ...event },
    ...(reuse ? { reuse: { 'synth-base': reuse.results['synth-base'], 'synth-head': reuse.results['synth-head'] }, artifactDir: reuse.runDir } : {}),
  });
  const diffStep = results.judge.steps.find((s) => s.name === 'Diff the tokens');
  return { results, judge: results.judge, diffCode: diffStep?.code, runDir };
}

describe('token-review workflow, run locally job by job', () => {
  test('a narrowing head (DNS Write -> DNS Read) passes; the judge says narrower', () => {
    const { judge, diffCode } = run('narrower');
    expect(diffCode).toBe(0);
    expect(judge.result).toBe('success');
    expect(judge.summary).toContain('No token gets wider.');
    expect(judge.summary).toContain('narrower');
  }, 120_000);

  test('a widening head fails the judge with exit 1', () => {
    const { judge, diffCode, results } = run('wider');
    expect(results['synth-head'].result).toBe('success');
    expect(diffCode).toBe(1);
    expect(judge.result).toBe('failure');
    expect(judge.summary).toContain('**Tokens get wider.**');
  }, 120_000);

  test('control: on one shared runner the tampering head turns the verdict into a pass', () => {
    // Without tampering, a shared runner still judges right ...
    expect(run('wider', {}, true).diffCode).toBe(1);
    // ... with it, the judge's npm and node are the head's.
    const { judge, results } = run('tampering', {}, true);
    expect(results['synth-head'].result).toBe('success');
    expect(judge.result).toBe('success');
    expect(judge.summary).not.toContain('Tokens get wider');
  }, 120_000);

  test('with the jobs separated as the workflow defines them, the same tampering no longer changes the verdict', () => {
    const { judge, diffCode, results } = run('tampering');
    // The head's install script and synth ran and tampered with their own runner ...
    expect(readFileSync(join(results['synth-head'].runnerDir, 'temp', 'tampered'), 'utf8')).toBe('yes');
    expect(results['synth-head'].summary).toContain('forged');
    // ... and the judge, on its own runner, still finds the widening.
    expect(diffCode).toBe(1);
    expect(judge.result).toBe('failure');
    expect(judge.summary).toContain('**Tokens get wider.**');
    expect(judge.summary).not.toContain('forged');
  }, 120_000);

  test('approval counts only on the labeled event for this head commit, and is recorded', () => {
    const approved = run('wider', { action: 'labeled', label: 'token-widening-approved', labels: ['token-widening-approved'], sender: 'alice' });
    expect(approved.diffCode).toBe(0);
    expect(approved.judge.summary).toContain(`Widening approved by alice for head commit ${heads.wider}.`);
    // A later push (or any other event) with the label still on the PR is not an approval.
    const pushed = run('wider', { action: 'synchronize', labels: ['token-widening-approved'] }, false, approved);
    expect(pushed.diffCode).toBe(1);
    const otherLabel = run('wider', { action: 'labeled', label: 'docs', labels: ['token-widening-approved', 'docs'] }, false, approved);
    expect(otherLabel.diffCode).toBe(1);
  }, 240_000);

  test('a failed synth fails the check instead of skipping the judge', () => {
    const broken = commit('synth breaks', { 'synth.js': 'process.exit(3)' });
    heads.broken = broken;
    const { judge, results } = run('broken');
    expect(results['synth-head'].result).toBe('failure');
    expect(judge.result).toBe('failure');
    expect(judge.steps[0].stdout).toContain('Synthesis failed (base: success, head: failure)');
  }, 120_000);
});

describe('token-review workflow, statically', () => {
  const workflow = loadWorkflow(WORKFLOW);
  const jobs = workflow.jobs as Record<string, { permissions?: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;

  test('every action is pinned by a full commit SHA with its tag in a comment', () => {
    const text = readFileSync(WORKFLOW, 'utf8');
    const uses = [...text.matchAll(/uses: (\S+)(.*)/g)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, comment] of uses) {
      expect(ref).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  test('no job gets secrets; only revoke-approval may write, and only labels', () => {
    expect(workflow.permissions).toEqual({});
    const text = readFileSync(WORKFLOW, 'utf8');
    expect(text).not.toMatch(/secrets\./);
    for (const [id, job] of Object.entries(jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
      expect(writes).toEqual(id === 'revoke-approval' ? [['pull-requests', 'write']] : []);
    }
  });

  test('the judge checks out only the base, installs without scripts and runs no head code', () => {
    const judge = jobs.judge;
    const checkouts = judge.steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.map((s) => s.with?.ref)).toEqual(['${{ github.event.pull_request.base.sha }}']);
    const runs = judge.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm ci --ignore-scripts');
    expect(runs).not.toMatch(/head\.sha.*checkout|npm run synth/);
    for (const s of Object.values(jobs).flatMap((j) => j.steps)) {
      if (s.uses?.startsWith('actions/checkout@')) expect(s.with?.['persist-credentials']).toBe(false);
      if (s.uses?.startsWith('actions/setup-node@')) expect(s.with?.['package-manager-cache']).toBe(false);
    }
  });
});
