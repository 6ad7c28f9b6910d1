// `cf-token-review audit` as shipped (compiled package without node_modules: it loads no cdktf),
// on saved API responses: what it reports, its exit codes, and its one-line errors.
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from '../compiled-cli';

const FIXTURES = join(__dirname, 'fixtures');
const USER = join(FIXTURES, 'user-tokens.json');
const ACCOUNT_FILE = join(FIXTURES, 'account-tokens.json');
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const PLANTED = 'planted-secret-value-0123456789-must-never-be-printed';

let root: string;
const run: Record<string, CliRun> = {};
beforeAll(async () => {
  root = compileCli();
  const bad = join(root, 'bad');
  mkdirSync(bad);
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(join(bad, name), text);
    return join(bad, name);
  };
  const runs: Record<string, string[]> = {
    markdown: ['audit', USER, '--account', ACCOUNT, ACCOUNT_FILE],
    json: ['audit', '--json', USER, '--account', ACCOUNT, ACCOUNT_FILE],
    failOnFindings: ['audit', USER, '--fail-on-findings'],
    cleanFailOnFindings: ['audit', '--account', ACCOUNT, ACCOUNT_FILE, '--fail-on-findings'],
    apiError: ['audit', write('error.json', '{"success":false,"errors":[{"code":9109,"message":"Invalid access token"}],"messages":[],"result":null}')],
    notListing: ['audit', write('object.json', '{"tokens":[]}')],
    noId: ['audit', write('no-id.json', '[{"name":"x","policies":[]}]')],
    notJson: ['audit', write('truncated.json', '{"result": [')],
    badUtf8: ['audit', write('latin1.json', Buffer.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]))],
    missing: ['audit', join(bad, 'nope.json')],
    badAccount: ['audit', '--account', 'example.com', USER],
    noFiles: ['audit'],
    malformedPolicies: ['audit', '--json', write('malformed.json', '[{"id":"1234","policies":"all"}]')],
    // A create response saved by mistake holds the value: it is never read into the report.
    withValueMd: ['audit', write('with-value.json', JSON.stringify([{ id: 'ed17574386854bf78a67040be0a770b0', name: 'n', value: PLANTED, policies: [] }]))],
    withValueJson: ['audit', '--json', join(bad, 'with-value.json')],
  };
  await Promise.all(Object.entries(runs).map(async ([name, args]) => (run[name] = await runCliProcess(root, args))));
}, 120_000);
afterAll(() => removeCompiledCli(root));

test('markdown: every listed token with owner, policies by name, IPs, validity, status, last use and findings', () => {
  const { code, stdout, stderr } = run.markdown;
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toContain('## Cloudflare tokens as the API lists them: 8 tokens');
  const row = (id: string) => stdout.split('\n').find((l) => l.includes(id)) ?? '';
  expect(row('ed17574386854bf78a67040be0a770b0')).toContain('| user | active | **allow** DNS Write, Zone Read on ALL zones of ALL accounts | any address | from creation (2024-03-01T09:12:44Z), never expires | 2026-11-20T07:01:02Z |');
  expect(row('ed17574386854bf78a67040be0a770b0')).toContain('warning CFT1: policies\\[0\\] grants on every zone of every account');
  expect(row('5a6b7c8d9e0f11223344556677889900')).toContain('only 192.0.2.0/24, 2001:db8::/32; never 192.0.2.128/25');
  expect(row('5a6b7c8d9e0f11223344556677889900')).toMatch(/\| none \|$/);
  expect(row('c0ffee00c0ffee00c0ffee00c0ffee00')).toContain('| expired |');
  expect(row('9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toContain(`| account ${ACCOUNT} | active | **allow** DNS Read, Zone Read on zone 023e105f4ecef8ad9ca31a8372d0c353 | only 203.0.113.0/24 |`);
  // An id the catalog lacks is shown as the id, with the name the API gave.
  expect(row('abcdefabcdefabcdefabcdefabcdef01')).toContain('unknown permission group fedcba9876543210fedcba9876543210 ("Brand New Thing Read" per the API)');
  expect(row('abcdefabcdefabcdefabcdefabcdef01')).toContain('error CFT2: policies\\[0\\] grants API Tokens Write');
  expect(stdout).toContain('Not run: CFT9 (reads the Terraform stack');
});

test('--json: the same report, machine-readable', () => {
  const report = JSON.parse(run.json.stdout);
  expect(run.json.code).toBe(0);
  expect(report.tokens.map((t: { id: string }) => t.id)).toHaveLength(8);
  expect(report.hasErrors).toBe(true);
  const minter = report.tokens.find((t: { id: string }) => t.id === 'abcdefabcdefabcdefabcdefabcdef01');
  expect(minter.findings.map((f: { rule: string; level: string; finding: string }) => `${f.rule} ${f.level} ${f.finding}`)).toEqual([
    'CFT2 error API Tokens Write',
    'CFT4 warning no-allowed-ips',
    'CFT8 warning fedcba9876543210fedcba9876543210',
  ]);
  expect(report.rulesNotRun.map((r: { rule: string }) => r.rule)).toEqual(['CFT9', 'CFT10', 'CFT11', 'CFT12']);
});

test('--fail-on-findings exits 1 only when a token has a finding at the error level', () => {
  expect(run.failOnFindings.code).toBe(1);
  expect(run.cleanFailOnFindings).toMatchObject({ code: 0, stderr: '' });
});

test('what the policies are cannot be read from is a CFT13 finding, never silence', () => {
  const [token] = JSON.parse(run.malformedPolicies.stdout).tokens;
  expect(token.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'CFT13', level: 'warning', finding: 'policies' })]));
  expect(token.findings.find((f: { rule: string }) => f.rule === 'CFT13').message).toMatch(/^policies is not in the provider's shape \("all"\), so none of its permissions/);
});

test('a token value in the file never reaches the output', () => {
  for (const name of ['withValueMd', 'withValueJson']) {
    expect(run[name].code).toBe(0);
    expect(run[name].stdout).toContain('ed17574386854bf78a67040be0a770b0');
    expect(run[name].stdout + run[name].stderr).not.toContain(PLANTED);
  }
});

test.each([
  ['apiError', /^cf-token-review: .*error\.json: is an error response of the Cloudflare API \(success: false, error codes 9109\), not a token listing\n$/],
  ['notListing', /^cf-token-review: .*object\.json: is not a token listing: expected the API response \(\{"result": \[\.\.\.\]\}\) or an array of tokens\n$/],
  ['noId', /^cf-token-review: .*no-id\.json\[0\]: has no token id \("id"\)\n$/],
  ['notJson', /^cf-token-review: .*truncated\.json: is not valid JSON \(it ends too early: truncated\?\)\n$/],
  ['badUtf8', /^cf-token-review: .*latin1\.json: is not valid UTF-8 \(first bad byte at offset \d+\)\n$/],
  ['missing', /^cf-token-review: .*nope\.json: missing\n$/],
  ['badAccount', /^cf-token-review: --account "example\.com" is not an account id: expected 32 lowercase hex characters \(run cf-token-review --help\)\n$/],
  ['noFiles', /^cf-token-review: audit takes at least one token listing file \(the saved API response\), or --live \(run cf-token-review --help\)\n$/],
])('unusable input (%s) exits 2 with one line', (name, message) => {
  expect(run[name].code).toBe(2);
  expect(run[name].stdout).toBe('');
  expect(run[name].stderr).toMatch(message);
});
