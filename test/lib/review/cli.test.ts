import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { runCli } from '../../../lib';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { PLANTED_SECRET } from './ids';
import { removeSynthDirs, synthCases } from './synth-fixtures';

// GIVEN the CLI compiled as shipped (dist/ + bin shim) and real base/head synth outputs
let root: string;
let baseDir: string;
let headDir: string;
const run: Record<string, CliRun> = {};
beforeAll(async () => {
  root = compileCli();
  ({ baseDir, headDir } = synthCases());
  const notSynth = join(root, 'not-a-synth-output');
  mkdirSync(notSynth);
  const malformed = join(root, 'malformed');
  mkdirSync(malformed);
  writeFileSync(join(malformed, 'manifest.json'), '{"stacks": {"prod": ');
  const badResources = join(root, 'bad-resources');
  cpSync(headDir, badResources, { recursive: true });
  const stackFile = join(badResources, 'stacks', 'raw-provider', 'cdk.tf.json');
  const stack = JSON.parse(readFileSync(stackFile, 'utf8'));
  stack.resource.cloudflare_api_token['raw-user'].policies[0].resources = 'zone.*';
  writeFileSync(stackFile, JSON.stringify(stack));
  // WHEN the CLI runs as a process, a few times in parallel
  const runs: Record<string, string[]> = {
    diffFailOnWiden: ['diff', baseDir, headDir, '--fail-on-widen'],
    diffJson: ['diff', '--json', baseDir, headDir],
    diffSame: ['diff', baseDir, baseDir, '--fail-on-widen'],
    report: ['report', headDir],
    missing: ['report', join(root, 'missing')],
    notSynth: ['diff', baseDir, notSynth],
    malformed: ['report', malformed, '--json'],
    badResources: ['diff', baseDir, badResources],
    unknownFlag: ['diff', baseDir, headDir, '--fail-on-widening'],
  };
  await Promise.all(Object.entries(runs).map(async ([name, args]) => (run[name] = await runCliProcess(root, args))));
  // Synthesizing the cases and compiling the CLI take seconds on a busy machine.
}, 60_000);
afterAll(() => {
  removeSynthDirs();
  removeCompiledCli(root);
});

describe('cf-token-review as a process', () => {
  test('diff --fail-on-widen exits 1 when tokens get wider, with the changes in words', () => {
    const { code, stdout, stderr } = run.diffFailOnWiden;
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toMatch(/^## Cloudflare token changes\n\n\*\*Tokens get wider\.\*\* /);
    expect(stdout).toContain('| zone-to-all-zones | zone-to-all-zones/dns/token | **wider** | **wider**: now allows DNS Write on ALL zones of account ');
    expect(stdout).toContain('### Added (new tokens count as wider)');
  });

  test('diff --json prints the typed diff, a verdict for each case, and exits 0 without --fail-on-widen', () => {
    const { code, stdout } = run.diffJson;
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.widened).toBe(true);
    const verdicts = Object.fromEntries(diff.changed.map((c: { stack: string; verdict: string }) => [c.stack, c.verdict]));
    expect(verdicts).toEqual({
      'all-zones-to-all-accounts': 'wider',
      'allowed-ips-removed': 'wider',
      'allowed-ipv4-widened': 'wider',
      'allowed-ipv6-widened': 'wider',
      both: 'both',
      'bucket-to-all-buckets': 'wider',
      'denied-ip-removed': 'wider',
      'deny-removed': 'wider',
      'expiry-later': 'wider',
      'expiry-removed': 'wider',
      'ips-same-addresses': 'other',
      narrower: 'narrower',
      'new-permission': 'wider',
      'not-before-earlier': 'wider',
      'owner-account-changed': 'wider',
      'owner-user-to-account': 'wider',
      'planted-value': 'other',
      'raw-provider': 'wider',
      renamed: 'other',
      rotation: 'wider',
      'status-re-enabled': 'wider',
      'user-zone-to-all-zones': 'wider',
      'zone-to-all-zones': 'wider',
    });
    expect(diff.added.map((t: { matchKey: string }) => t.matchKey)).toEqual(['added:added/dns/token', 'raw-provider:raw-provider/raw-account']);
    expect(diff.removed.map((t: { matchKey: string }) => t.matchKey)).toEqual(['removed:removed/dns/token']);
  });

  test('diff of an output against itself: no changes, exit 0 even with --fail-on-widen', () => {
    expect(run.diffSame.code).toBe(0);
    expect(run.diffSame.stdout).toMatch(/No token changes\. 0 added, 0 removed, 0 changed, \d+ unchanged\./);
  });

  test('report prints one markdown row per token', () => {
    expect(run.report.code).toBe(0);
    expect(run.report.stdout).toContain('| rotation | rotation/dns/token | user | **allow** DNS Write on zone ');
    expect(run.report.stdout).toContain("| any address | rotates every 30 days, 7 days' grace | nowhere in the stack | none |");
    expect(run.report.stdout).not.toContain('timeadd');
  });

  test('a planted token value never reaches stdout or stderr', () => {
    for (const { stdout, stderr } of Object.values(run)) expect(stdout + stderr).not.toContain(PLANTED_SECRET);
    expect(run.report.stdout).toContain('planted-value/dns/token');
  });

  test.each([
    ['missing', /^cf-token-review: .*missing: no such directory \(pass the directory `cdktf synth` wrote, usually cdktf\.out\)\n$/],
    ['notSynth', /^cf-token-review: .*not-a-synth-output\/manifest\.json: missing: the directory is not a cdktf synth output .*\n$/],
    ['malformed', /^cf-token-review: .*malformed\/manifest\.json: is not valid JSON \(it ends too early: truncated\?\)\n$/],
    ['badResources', /^cf-token-review: .*bad-resources\/stacks\/raw-provider\/cdk\.tf\.json: cloudflare_api_token\.raw-user\.policies\[0\]\.resources is a string that is not valid JSON\n$/],
    ['unknownFlag', /^cf-token-review: unknown option "--fail-on-widening" for diff: expected --json or --fail-on-widen \(run cf-token-review --help\)\n$/],
  ])('unusable input (%s): one line naming what is wrong, exit 2, no stack trace', (name, message) => {
    expect(run[name].code).toBe(2);
    expect(run[name].stderr).toMatch(message);
    expect(run[name].stdout).toBe('');
  });
});

describe('runCli in process', () => {
  function cli(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  test('--help prints usage and exits 0', () => {
    const { code, stdout } = cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('cf-token-review diff <base dir> <head dir> [--json] [--fail-on-widen]');
  });

  test.each([
    [[], 'missing command: expected "report", "diff", "audit" or "adopt"'],
    [['audits', 'x'], 'unknown command "audits": expected "report", "diff", "audit" or "adopt"'],
    [['report'], 'report takes one directory (the cdktf synth output), got 0'],
    [['report', 'a', 'b'], 'report takes one directory (the cdktf synth output), got 2'],
    [['report', 'a', '--fail-on-widen'], 'unknown option "--fail-on-widen" for report: expected --json or --fail-on-findings'],
    [['diff', 'a'], 'diff takes two directories (<base dir> <head dir>), got 1'],
  ])('usage error %j: one line, exit 2', (args, message) => {
    expect(cli(...args)).toEqual({ code: 2, stdout: '', stderr: `cf-token-review: ${message} (run cf-token-review --help)\n` });
  });

  test('report --json holds every token in words, and no planted value', () => {
    const { code, stdout } = cli('report', headDir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const planted = report.tokens.find((t: { path: string }) => t.path === 'planted-value/dns/token');
    expect(planted).toMatchObject({ owner: 'user', ipCondition: 'any address', validity: 'expires 2027-01-01T00:00:00Z', findings: [{ rule: 'CFT9', level: 'error' }] });
    expect(stdout).not.toContain(PLANTED_SECRET);
  });

  test('diff shows new findings next to the changes', () => {
    expect(cli('diff', baseDir, headDir).stdout).toContain('other: renamed "planted-value/dns" -&gt; "dns-planted"<br>new finding: error CFT9: planted finding');
  });
});
