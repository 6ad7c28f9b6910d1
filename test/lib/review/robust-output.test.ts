// What the reviewer does with hostile or broken input and output: exit codes stay 0/1/2,
// errors are one line naming the file, markdown cannot be broken out of, paths stay inside
// the synth output, bytes are decoded strictly, and nothing recurses or spreads with size.
import { spawn } from 'child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readSynthOutput } from '../../../lib/review/read-synth-output';
import { renderReportMarkdown } from '../../../lib/review/render-markdown';
import { reportTokens } from '../../../lib/review/report';
import { compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { DNS_WRITE_ID, ZONE } from './ids';

type Json = Record<string, unknown>;

function token(path: string, zones: readonly string[] = [ZONE]): Json {
  const resources = Object.fromEntries(zones.map((z) => [`com.cloudflare.api.account.zone.${z}`, '*']));
  return { '//': { metadata: { path } }, policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify(resources) }] };
}

let work: string;
let root: string;
let count = 0;

/** Writes a synth output with one stack; returns its directory. */
function synth(stack: Json | Buffer | string, manifestPath = 'stacks/prod/cdk.tf.json'): string {
  const dir = join(work, `out-${++count}`);
  mkdirSync(join(dir, 'stacks', 'prod'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ stacks: { prod: { synthesizedStackPath: manifestPath } } }));
  writeFileSync(join(dir, 'stacks', 'prod', 'cdk.tf.json'), Buffer.isBuffer(stack) || typeof stack === 'string' ? stack : JSON.stringify(stack));
  return dir;
}

function tokens(n: number, prefix = 't'): Json {
  const api: Json = {};
  for (let i = 0; i < n; i++) api[`${prefix}${i}`] = token(`prod/${prefix}${i}/token`);
  return { resource: { cloudflare_api_token: api } };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'robust-output-'));
  root = compileCli();
}, 60_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeCompiledCli(root);
});

describe('markdown cells', () => {
  test('CR, LF, line separators, pipes, backticks, HTML and mentions cannot escape a cell', () => {
    const hostile = 'prod/a\rb\nc\u2028d|e`f<script>alert(1)</script>&amp;@acme/admins @bob';
    const dir = synth({ resource: { cloudflare_api_token: { x: token(hostile) } } });
    const markdown = renderReportMarkdown(reportTokens(readSynthOutput(dir)));
    const rows = markdown.split('\n').filter((line) => line.startsWith('| prod | prod/'));
    expect(rows).toHaveLength(1);
    expect(markdown).not.toMatch(/[\r\u2028]/);
    expect(rows[0]).toContain('prod/a b c d\\|e\\`f&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;@\u200bacme/admins @\u200bbob');
    expect(markdown).not.toMatch(/@acme|@bob|<script/);
    // The pipe is escaped, so the row still has the header's number of cells.
    expect(rows[0].split(/(?<!\\)\|/).length).toBe(markdown.split('\n')[2].split('|').length);
  });
});

describe('exit codes and error lines', () => {
  test('ENOSPC on stdout (a full disk) exits 2, not 1', async () => {
    const dir = synth(tokens(3));
    const code = await new Promise<number | null>((resolve) => {
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [join(root, 'bin', 'cf-token-review.js'), 'report', dir], { stdio: ['ignore', full, 'ignore'] });
      child.on('exit', (c) => {
        closeSync(full);
        resolve(c);
      });
    });
    expect(code).toBe(2);
  });

  test('EPIPE on stdout (the reader went away) exits 2, not 1', async () => {
    const dir = synth(tokens(3000));
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'bin', 'cf-token-review.js'), 'diff', dir, synth({}), '--fail-on-widen'], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.destroy();
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(2);
  });

  test('an error about a name holding line breaks is one line naming the file', async () => {
    const dir = synth({ resource: { cloudflare_api_token: { 'a\nb\rc': { policies: 'nope' } } } });
    const run = await runCliProcess(root, ['report', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(join(dir, 'stacks', 'prod', 'cdk.tf.json'));
    expect(run.stderr).toContain('cloudflare_api_token.a\\nb\\rc.policies is not a list');
  });

  test.each([
    ['../../..', 'outside the synth output directory: refused'],
    ['/etc/hostname', 'outside the synth output directory: refused'],
  ])('a manifest path %s is refused', async (path, message) => {
    const run = await runCliProcess(root, ['report', synth({}, path)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('manifest.json');
  });

  test('a stack file that is a symbolic link out of the directory is refused', async () => {
    const dir = synth({});
    const outside = join(work, 'outside.json');
    writeFileSync(outside, '{}');
    rmSync(join(dir, 'stacks', 'prod', 'cdk.tf.json'));
    symlinkSync(outside, join(dir, 'stacks', 'prod', 'cdk.tf.json'));
    const run = await runCliProcess(root, ['report', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('outside the synth output directory: refused');
  });

  test('links in a module directory or beside the stack are not followed (a link to /dev/zero does not hang the review)', async () => {
    const dir = synth({ module: { m: { source: './mod' } } });
    const stackDir = join(dir, 'stacks', 'prod');
    mkdirSync(join(stackDir, 'mod'));
    symlinkSync('/dev/zero', join(stackDir, 'mod', 'main.tf'));
    symlinkSync('/dev/zero', join(stackDir, 'zero.tf.json'));
    const run = await runCliProcess(root, ['diff', synth({}), dir, '--fail-on-widen']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    expect(run.stdout).toContain('zero.tf.json beside the synthesized configuration');
    expect(run.stdout).toContain('module m from ./mod (files ');
  });

  test('a manifest that links to a device is refused, not read forever', async () => {
    const dir = synth({});
    rmSync(join(dir, 'manifest.json'));
    symlinkSync('/dev/zero', join(dir, 'manifest.json'));
    const run = await runCliProcess(root, ['report', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('manifest.json: is not a regular file');
  });

  test('invalid UTF-8 is an error (no lossy decode that could make different bytes equal)', async () => {
    const text = JSON.stringify({ resource: { cloudflare_api_token: { x: token('prod/x\u00e9') } } });
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(0xc3);
    const broken = Buffer.from(bytes);
    broken[at] = 0xff;
    const run = await runCliProcess(root, ['diff', synth(bytes), synth(broken)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cdk.tf.json: is not valid UTF-8 (first bad byte at offset ${at})`);
  });

  test('a UTF-8 byte-order mark is accepted; UTF-16 is refused by name', async () => {
    const text = JSON.stringify(tokens(1));
    const withBom = await runCliProcess(root, ['diff', synth(text), synth(`\ufeff${text}`), '--fail-on-widen']);
    expect({ code: withBom.code, stderr: withBom.stderr }).toEqual({ code: 0, stderr: '' });
    expect(withBom.stdout).toContain('No token changes.');
    const utf16 = await runCliProcess(root, ['report', synth(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))]);
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toContain('is UTF-16 or UTF-32');
  });
});

describe('size', () => {
  // With a 100 KB stack, spreading 20k arguments (`push(...list)`) or recursing once per
  // token or zone overflows (checked first, so the test cannot pass vacuously); the CLI must
  // still read, diff and render 20k tokens and a token with 20k zones.
  const SMALL_STACK = '--stack-size=100';
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [SMALL_STACK, join(root, 'bin', 'cf-token-review.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  test('the small stack does overflow on a 20k-argument spread', async () => {
    const probe = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [SMALL_STACK, '-e', 'const a = []; a.push(...new Array(20000).fill(1));'], { stdio: 'ignore' });
      child.on('exit', resolve);
    });
    expect(probe).not.toBe(0);
  });

  test('20k tokens, and one token with 20k zones, are read, diffed and rendered on that stack', async () => {
    const many = synth(tokens(20_000));
    const zones = Array.from({ length: 20_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const wide = synth({ resource: { cloudflare_api_token: { big: token('prod/big/token', zones) } } });
    const narrow = synth({ resource: { cloudflare_api_token: { big: token('prod/big/token', zones.slice(0, 10_000)) } } });
    const empty = synth({});
    expect(await run(['diff', empty, many, '--fail-on-widen'])).toEqual({ code: 1, stderr: '' });
    expect(await run(['report', many])).toEqual({ code: 0, stderr: '' });
    expect(await run(['diff', narrow, wide, '--fail-on-widen'])).toEqual({ code: 1, stderr: '' });
    expect(await run(['diff', wide, narrow, '--fail-on-widen'])).toEqual({ code: 0, stderr: '' });
  }, 120_000);
});
