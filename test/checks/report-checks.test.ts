// Issue 12: `cf-token-review report` says per stack whether the least-privilege checks ran
// and at which level; a token nobody checked reads "not checked", never "none".
import { CloudflareToken, LeastPrivilegeChecks, Policy, Resource } from '../../lib';
import { compileCli, removeCompiledCli, runCliProcess } from '../lib/review/compiled-cli';
import { removeSynthDirs, synthApp, tokenStack } from '../lib/review/synth-fixtures';
import { rawApiToken, ZONE } from './helpers';

const dns = { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], expiresOn: '2027-01-01T00:00:00Z', allowedIps: ['192.0.2.0/24'] };

let cli: string;
let dir: string;
beforeAll(() => {
  cli = compileCli();
  dir = synthApp((app) => {
    new CloudflareToken(tokenStack(app, 'by-default'), 'dns', dns);
    const strict = tokenStack(app, 'strict');
    new CloudflareToken(strict, 'dns', dns);
    LeastPrivilegeChecks.applyTo(strict, { strict: true });
    const off = tokenStack(app, 'off');
    new CloudflareToken(off, 'dns', dns);
    LeastPrivilegeChecks.disable(off, { reason: 'sandbox tokens | revoked nightly' });
    // A raw provider token alone: no library construct turned the checks on.
    rawApiToken(tokenStack(app, 'raw-only'), 'raw', [{ ids: ['4755a26eedb94da69e1066d98aa820be'], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }]);
  });
});
afterAll(() => {
  removeCompiledCli(cli);
  removeSynthDirs();
});

test('the markdown report has one line per stack on the checks, and "not checked" tokens', async () => {
  const { code, stdout } = await runCliProcess(cli, ['report', dir]);
  expect(code).toBe(0);
  const lines = stdout.split('\n').filter((l) => l.startsWith('- Stack '));
  expect(lines).toEqual([
    '- Stack by-default: checks ran at the default level',
    '- Stack off: **not checked**: checks turned off (sandbox tokens \\| revoked nightly)',
    '- Stack raw-only: **not checked**: no least-privilege checks ran',
    '- Stack strict: checks ran at the strict level',
  ]);
  const row = (stack: string) => stdout.split('\n').find((l) => l.startsWith(`| ${stack} |`)) ?? '';
  expect(row('by-default').endsWith('| none |')).toBe(true);
  expect(row('off').endsWith('| **not checked** |')).toBe(true);
  expect(row('raw-only').endsWith('| **not checked** |')).toBe(true);
});

test('the JSON report carries the same per-stack record', async () => {
  const { stdout } = await runCliProcess(cli, ['report', dir, '--json']);
  expect(JSON.parse(stdout).checks).toEqual([
    { stack: 'by-default', level: 'default' },
    { stack: 'off', level: 'off', reason: 'sandbox tokens | revoked nightly' },
    { stack: 'raw-only', level: 'not checked' },
    { stack: 'strict', level: 'strict' },
  ]);
});
