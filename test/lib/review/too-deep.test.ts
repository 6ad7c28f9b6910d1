// Input nested thousands of levels deep, through the compiled CLI: every command refuses it
// with exit 2 and one line naming the file and the real cause (too deep), never a misleading
// "cannot be written" or a stack overflow. Just under the limit still works.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MAX_JSON_DEPTH } from '../../../lib/review/read-json-file';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { DNS_WRITE_ID, ZONE } from './ids';

const LISTED = { id: 'ed17574386854bf78a67040be0a770b0', name: 'deep', status: 'active' };

/** `"*"` wrapped in `depth` objects: `{"a":{"a":..."*"...}}`. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}"*"${'}'.repeat(depth)}`;

/** A listing whose one token grants on a resource key whose value is nested `depth` levels deep (the adversarial reproduction). */
function deepListing(depth: number): string {
  const token = { ...LISTED, policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE_ID }], resources: { 'com.cloudflare.api.account.x': 'DEEP' } }] };
  return JSON.stringify({ success: true, errors: [], messages: [], result: [token] }).replace('"DEEP"', nested(depth));
}

function writeSynth(dir: string, text: string): void {
  mkdirSync(join(dir, 'stacks', 'prod'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
  writeFileSync(join(dir, 'stacks', 'prod', 'cdk.tf.json'), text);
}

/** A stack whose token carries an attribute nested `depth` levels deep. */
function deepStack(depth: number): string {
  const token = { name: 'dns', policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }], extra: 'DEEP' };
  return JSON.stringify({ resource: { cloudflare_api_token: { dns: token } } }).replace('"DEEP"', nested(depth));
}

let root: string;
let work: string;
const runs: Record<string, CliRun> = {};
const TOO_DEEP = `is nested more than ${MAX_JSON_DEPTH} levels deep`;

beforeAll(async () => {
  root = compileCli();
  work = mkdtempSync(join(tmpdir(), 'too-deep-'));
  for (const depth of [5000, 200_000, MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH - 10]) writeFileSync(join(work, `listing-${depth}.json`), deepListing(depth));
  writeFileSync(join(work, 'array-5000.json'), `${'['.repeat(5000)}${']'.repeat(5000)}`);
  writeSynth(join(work, 'synth-ok'), deepStack(1));
  writeSynth(join(work, 'synth-deep'), deepStack(5000));
  const cases: Record<string, string[]> = {
    'adopt 5000': ['adopt', join(work, 'listing-5000.json'), '--out', join(work, 'out-5000.ts')],
    'adopt 200000': ['adopt', join(work, 'listing-200000.json'), '--out', join(work, 'out-200000.ts')],
    'adopt one level over': ['adopt', join(work, `listing-${MAX_JSON_DEPTH + 1}.json`), '--out', join(work, 'out-over.ts')],
    'adopt arrays 5000': ['adopt', join(work, 'array-5000.json'), '--out', join(work, 'out-array.ts')],
    'adopt under the limit': ['adopt', join(work, `listing-${MAX_JSON_DEPTH - 10}.json`), '--out', join(work, 'out-under.ts')],
    'audit 5000': ['audit', join(work, 'listing-5000.json')],
    'audit under the limit': ['audit', join(work, `listing-${MAX_JSON_DEPTH - 10}.json`), '--json'],
    'report 5000': ['report', join(work, 'synth-deep')],
    'diff 5000': ['diff', join(work, 'synth-ok'), join(work, 'synth-deep'), '--fail-on-widen'],
  };
  await Promise.all(Object.entries(cases).map(async ([name, args]) => (runs[name] = await runCliProcess(root, args))));
}, 120_000);
afterAll(() => {
  removeCompiledCli(root);
  rmSync(work, { recursive: true, force: true });
});

describe('input nested too deep', () => {
  test.each([
    ['adopt 5000', 'listing-5000.json', 'out-5000.ts'],
    ['adopt 200000', 'listing-200000.json', 'out-200000.ts'],
    ['adopt one level over', `listing-${MAX_JSON_DEPTH + 1}.json`, 'out-over.ts'],
    ['adopt arrays 5000', 'array-5000.json', 'out-array.ts'],
    ['audit 5000', 'listing-5000.json', undefined],
    ['report 5000', join('synth-deep', 'stacks', 'prod', 'cdk.tf.json'), undefined],
    ['diff 5000', join('synth-deep', 'stacks', 'prod', 'cdk.tf.json'), undefined],
  ])('%s: exit 2, one line naming the file and that it is too deep', (name, file, out) => {
    const run = runs[name];
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${join(work, file)}: ${TOO_DEEP} (line 1, column `);
    expect(lines[0]).not.toMatch(/cannot be written|RangeError|call stack|unexpected error/);
    if (out) expect(existsSync(join(work, out))).toBe(false);
  });

  test('just under the limit, adopt writes the module (the key is not adopted) and audit reads the token', () => {
    expect({ code: runs['adopt under the limit'].code, stderr: runs['adopt under the limit'].stderr }).toEqual({ code: 0, stderr: '' });
    expect(runs['audit under the limit'].code).toBe(0);
    expect(JSON.parse(runs['audit under the limit'].stdout).tokens).toHaveLength(1);
  });
});
