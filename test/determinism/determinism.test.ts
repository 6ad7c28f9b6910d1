// The synth must give the same bytes any day, in any time zone: the app (main.ts) is
// synthesized in separate processes under different TZ values, locales and a clock shifted
// by years, each into its own outdir, and every stack's cdk.tf.json is compared byte for
// byte. The stack list comes from each outdir's manifest.json, so new stacks are covered
// without touching this test.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const SWC_TS_NODE_PROJECT = path.join(ROOT, 'test', 'support', 'tsconfig.ts-node-swc.json');

interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly shiftMs: number;
}

const VARIANTS: Variant[] = [
  { name: 'utc-now', env: { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, shiftMs: 0 },
  // UTC+14, Turkish locale (its dotless i breaks naive case mapping), clock 7 years ahead.
  { name: 'kiritimati-future', env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, shiftMs: 7 * YEAR_MS },
  // UTC-8/-7 with daylight saving, clock 5 years back.
  { name: 'los-angeles-past', env: { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' }, shiftMs: -5 * YEAR_MS },
];

interface Synthesized {
  readonly variant: Variant;
  readonly outdir: string;
  readonly proof: { now: number; realNow: number; tzOffsetMinutes: number };
}

function synthesize(variant: Variant, workdir: string): Promise<Synthesized> {
  const outdir = path.join(workdir, variant.name);
  const proofFile = path.join(workdir, `${variant.name}.clock.json`);
  const env = {
    ...process.env,
    ...variant.env,
    CDKTF_OUTDIR: outdir,
    CHECKPOINT_DISABLE: '1',
    SHIFT_CLOCK_MS: String(variant.shiftMs),
    CLOCK_PROOF_FILE: proofFile,
    // ts-node transpiling with swc (three times faster to start): every variant runs the same
    // transpiled app, and what differs between them, and is compared, is TZ, locale and clock.
    TS_NODE_PROJECT: SWC_TS_NODE_PROJECT,
  };
  const args = ['--require', path.join(__dirname, 'shift-clock.js'), '--require', 'ts-node/register/transpile-only', 'main.ts'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`synth under ${variant.name} exited with ${code}:\n${stderr}`));
      resolve({ variant, outdir, proof: JSON.parse(fs.readFileSync(proofFile, 'utf8')) });
    });
  });
}

/** Stack name -> cdk.tf.json bytes, from the outdir's manifest. */
function stackFiles(outdir: string): Map<string, Buffer> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  return new Map(Object.entries(manifest.stacks).map(([name, stack]) => [name, fs.readFileSync(path.join(outdir, stack.synthesizedStackPath))]));
}

describe('synth determinism', () => {
  let workdir: string;
  let results: Synthesized[];

  beforeAll(async () => {
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-tokens-determinism-'));
    results = await Promise.all(VARIANTS.map((v) => synthesize(v, workdir)));
  }, 120_000);

  afterAll(() => {
    if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
  });

  it('really ran each process under its own clock and time zone', () => {
    // GIVEN the processes' own record of their clock and zone THEN the variants differ as intended
    const [utc, kiritimati, losAngeles] = results;
    expect(utc.proof.tzOffsetMinutes).toBe(0);
    expect(kiritimati.proof.tzOffsetMinutes).toBe(-14 * 60);
    expect(losAngeles.proof.tzOffsetMinutes).toBe(8 * 60);
    for (const { variant, proof } of results) {
      expect(Math.abs(proof.now - proof.realNow - variant.shiftMs)).toBeLessThan(1000);
    }
  });

  it('writes at least one stack, and the same stacks in every variant', () => {
    const names = results.map((r) => [...stackFiles(r.outdir).keys()].sort());
    expect(names[0].length).toBeGreaterThan(0);
    for (const other of names.slice(1)) expect(other).toEqual(names[0]);
  });

  it('writes byte-identical cdk.tf.json for every stack under every TZ, locale and clock', () => {
    // GIVEN the same app WHEN synthesized in different places and times THEN the bytes are equal
    const [reference, ...others] = results.map((r) => ({ name: r.variant.name, files: stackFiles(r.outdir) }));
    for (const other of others) {
      for (const [stack, bytes] of reference.files) {
        const otherBytes = other.files.get(stack);
        // Compared as text first, so that a failure shows the differing JSON.
        expect({ variant: other.name, stack, json: otherBytes?.toString('utf8') }).toEqual({ variant: other.name, stack, json: bytes.toString('utf8') });
        expect(otherBytes?.equals(bytes)).toBe(true);
      }
    }
  });
});
