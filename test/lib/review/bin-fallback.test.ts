// `npx cf-token-review` right after `npm ci` in this repository: bin/cf-token-review.js runs
// the compiled CLI when dist/ exists (the consumer test covers that) and the TypeScript
// sources through ts-node when it does not, instead of dying with MODULE_NOT_FOUND.
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { ScopedDnsToken } from '../../../lib';

const ROOT = join(__dirname, '..', '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cft-bin-'));
  // A checkout without dist/: the bin, the sources and the dev dependencies.
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'cf-token-review.js'), join(dir, 'bin', 'cf-token-review.js'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'lib'), join(dir, 'lib'), 'dir');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const app = new App({ outdir: join(dir, 'cdktf.out') });
  const stack = new TerraformStack(app, 'tokens');
  new CloudflareProvider(stack, 'cloudflare', {});
  new ScopedDnsToken(stack, 'dns', { zones: ['023e105f4ecef8ad9ca31a8372d0c353'] });
  app.synth();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [join(dir, 'bin', 'cf-token-review.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });

test('without dist/, the bin runs the sources and reports the tokens', () => {
  const result = run(['report', 'cdktf.out']);
  expect(result.stderr).not.toContain('MODULE_NOT_FOUND');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('tokens/dns');
  expect(result.stdout).toContain('DNS Write');
}, 120_000);

test('its own errors still come out as one line and exit 2', () => {
  const result = run(['report', 'no-such-dir']);
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}, 120_000);
