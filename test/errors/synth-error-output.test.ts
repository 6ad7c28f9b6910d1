// What a user sees when a construct is misconfigured, as a process: the app run with node, and
// through `cdktf synth` (which echoes the app's stderr live and again in its own summary).
// The error must name the construct path, each problem and its fix, once per print, with no
// stack frame inside this library, no dump of the error's fields, no skipValidation hint.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const HEADLINE = '[tokens/dns] 2 invalid values:';
const APP = `import { App, TerraformStack } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { CloudflareToken, Policy, Resource } from ${JSON.stringify(join(ROOT, 'lib'))};

const app = new App();
const stack = new TerraformStack(app, 'tokens');
new CloudflareProvider(stack, 'cloudflare', {});
new CloudflareToken(stack, 'dns', {
  policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('example.com')] })],
  allowedIps: ['10.0.0.0/33'],
});
app.synth();
`;

// A valid token that strict least-privilege checks refuse: an error at synth, not at construction.
const CHECKED_APP = `import { App, TerraformStack } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { CloudflareToken, LeastPrivilegeChecks, Policy, Resource } from ${JSON.stringify(join(ROOT, 'lib'))};

const app = new App();
const stack = new TerraformStack(app, 'tokens');
new CloudflareProvider(stack, 'cloudflare', {});
new CloudflareToken(stack, 'dns', {
  policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
});
LeastPrivilegeChecks.applyTo(stack, { strict: true });
app.synth();
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cft-error-'));
  writeFileSync(join(dir, 'main.ts'), APP);
  writeFileSync(join(dir, 'checked.ts'), CHECKED_APP);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true } }));
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node -r ts-node/register/transpile-only main.ts', sendCrashReports: 'false' }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0', NO_COLOR: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

function expectCompact(output: string): void {
  expect(output).toContain('policies[0].resources[0] is a zone name, not a zone id: received "example.com"');
  expect(output).toContain('Fix: pass the zone id, not the domain');
  expect(output).toContain('allowedIps[0] has a prefix length over 32: received "10.0.0.0/33"');
  expect(output).toContain('Fix: use /32 for one address');
  // The one frame left is the app's own line that made the token.
  expect(output).toMatch(/at .*main\.ts:8:1\)/);
  expect(output).not.toContain(join(ROOT, 'lib'));
  expect(output).not.toContain(join(ROOT, 'dist'));
  expect(output).not.toMatch(/node_modules[\\/].*:\d+:\d+/);
  expect(output).not.toMatch(/problems: \[|constructPath: '/);
  expect(output).not.toContain('skipValidation');
}

test('the app run with node prints the error once, compactly', () => {
  const { status, output } = run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts']);
  expect(status).not.toBe(0);
  expect(occurrences(output, HEADLINE)).toBe(1);
  expectCompact(output);
}, 120_000);

test('cdktf synth shows the same compact error (once live, once in its summary) and fails', () => {
  const { status, output } = run(join(ROOT, 'node_modules', '.bin', 'cdktf'), ['synth']);
  expect(status).not.toBe(0);
  expect(occurrences(output, HEADLINE)).toBe(2);
  expectCompact(output);
}, 120_000);

test('a failing least-privilege check prints its findings once, without cdktf\'s validation report or skipValidation hint', () => {
  const { status, output } = run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'checked.ts']);
  expect(status).not.toBe(0);
  expect(occurrences(output, '[tokens] synth checks failed:')).toBe(1);
  expect(output).toContain('- [tokens/dns/token] [CFT3] Expiry');
  expect(output).toContain('- [tokens/dns/token] [CFT4] No client-IP restriction');
  expect(output).toContain('Fix: ');
  expect(output).not.toContain('Validation failed with the following errors');
  expect(output).not.toContain('skipValidation');
  // The one frame left is the app's `app.synth()` line.
  expect(output.match(/^\s+at .*$/gm)).toEqual([expect.stringMatching(/checked\.ts:12:5\)$/)]);
}, 120_000);
