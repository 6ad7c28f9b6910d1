// `cf-token-review report` does not take the least-privilege record (`"//".leastPrivilege`, written
// at synth) on trust: it re-runs the rules that read only the token on the token's JSON. Real
// synth outputs (cdktf, the checks on) agree with it; the same outputs with the record edited,
// dropped or outrun by an edit of the token are caught, said, and counted (`--fail-on-findings`).
// All through the compiled CLI, which has no cdktf to load.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { Fn } from 'cdktf';
import { CloudflareToken, LeastPrivilegeChecks, OverlappingToken, Policy, Resource, ScopedDnsToken, TokenOwner, WorkersDeployToken } from '../../../lib';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { ACCOUNT, DNS_WRITE_ID, ZONE } from './ids';
import { removeSynthDirs, synthApp, tokenStack } from './synth-fixtures';

type Json = Record<string, any>;

const API_TOKENS_WRITE_ID = '686d18d5ac6c441c867cbf6771e58a0a';

let root: string;
let work: string;
/** The untouched synth output: every kind of token the library writes, checks on (default, strict, off). */
let synthDir: string;

function buildApp(): string {
  return synthApp((app) => {
    const loose = tokenStack(app, 'loose');
    // Wildcard and no expiry: CFT1 and CFT3 warnings, recorded.
    new CloudflareToken(loose, 'wide', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAllAccounts()] })] });
    const minting = new CloudflareToken(loose, 'minting', { policies: [Policy.allow({ permissions: ['API Tokens Write'], resources: [Resource.user('0123456789abcdef0123456789abcdef')] })], expiresOn: '2027-01-01T00:00:00Z' });
    LeastPrivilegeChecks.suppress(minting, [{ id: 'CFT2', reason: 'the bootstrap token mints the others' }]);
    new ApiToken(loose, 'raw', { name: 'raw', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE_ID }], resources: Fn.jsonencode({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }] });
    new ScopedDnsToken(loose, 'acme', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE], expiresOn: '2027-01-01T00:00:00Z' });
    new WorkersDeployToken(loose, 'workers', { accountId: ACCOUNT, kv: true, rotation: { everyDays: 30, graceDays: 7 } });
    new OverlappingToken(loose, 'overlap', { policies: [Policy.allow({ permissions: ['Cache Purge'], resources: [Resource.zone(ZONE)] })], rotation: { everyDays: 30, graceDays: 7 } });

    const strict = tokenStack(app, 'strict');
    LeastPrivilegeChecks.applyTo(strict, { strict: true, maxValidityDays: 90 });
    new CloudflareToken(strict, 'dns', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], allowedIps: ['192.0.2.0/24'], rotation: { everyDays: 30, graceDays: 7 } });
    const anywhere = new CloudflareToken(strict, 'anywhere', { policies: [Policy.allow({ permissions: ['Cache Purge'], resources: [Resource.zone(ZONE)] })], rotation: { everyDays: 30, graceDays: 7 } });
    LeastPrivilegeChecks.suppress(anywhere, [{ id: 'CFT4', reason: 'purged from runners whose addresses change' }]);

    // A validity limit between one period plus grace (37 days) and an overlapping slot's two periods plus grace (67).
    const tight = tokenStack(app, 'tight');
    LeastPrivilegeChecks.applyTo(tight, { maxValidityDays: 60 });
    new OverlappingToken(tight, 'overlap', { policies: [Policy.allow({ permissions: ['Cache Purge'], resources: [Resource.zone(ZONE)] })], rotation: { everyDays: 30, graceDays: 7 } });
    new CloudflareToken(tight, 'single', { policies: [Policy.allow({ permissions: ['Cache Purge'], resources: [Resource.zone(ZONE)] })], rotation: { everyDays: 30, graceDays: 7 } });

    const off = tokenStack(app, 'off');
    LeastPrivilegeChecks.disable(off, { reason: 'a sandbox account, reviewed by hand' });
    new CloudflareToken(off, 'sandbox', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], expiresOn: '2027-01-01T00:00:00Z' });
  });
}

const stackFile = (dir: string, stack: string) => join(dir, 'stacks', stack, 'cdk.tf.json');

/** A copy of the synth output with one stack's JSON edited. */
function edited(name: string, stack: string, edit: (json: Json) => void): string {
  const dir = join(work, name);
  cpSync(synthDir, dir, { recursive: true });
  const json = JSON.parse(readFileSync(stackFile(dir, stack), 'utf8'));
  edit(json);
  writeFileSync(stackFile(dir, stack), JSON.stringify(json));
  return dir;
}

/** The one token resource of `type` whose key starts with `prefix` (cdktf adds a hash). */
function token(json: Json, prefix: string, type = 'cloudflare_api_token'): Json {
  const name = Object.keys(json.resource[type]).find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no ${type} ${prefix}* in ${Object.keys(json.resource[type]).join(', ')}`);
  return json.resource[type][name];
}

interface Edit {
  readonly stack: string;
  readonly edit: (json: Json) => void;
  /** Construct paths of the tokens whose record must be said to disagree; none when the records must be believed. */
  readonly disagrees?: readonly string[];
  /** Findings (`rule finding level`) that must be marked "not in the synth record". */
  readonly notInRecord: readonly string[];
  /** Exit code with `--fail-on-findings`. */
  readonly code: 0 | 1;
  /** Words the disagreement is said with. */
  readonly says?: string;
}

const EDITS: Record<string, Edit> = {
  'the findings dropped from the record of a token granting DNS Write on every zone with no expiry': {
    stack: 'loose',
    edit: (json) => (token(json, 'wide')['//'].leastPrivilege.findings = []),
    disagrees: ['loose/wide/token'],
    notInRecord: ['CFT1 all-zones-of-all-accounts warning', 'CFT3 no-expiry warning'],
    code: 1,
    says: "the rules find CFT1 (all-zones-of-all-accounts), CFT3 (no-expiry) on the token's JSON, which the record of the checks lacks",
  },
  'the token widened after the checks ran (API Tokens Write on all zones), its record kept': {
    stack: 'loose',
    edit: (json) => {
      const t = token(json, 'acme', 'cloudflare_account_token');
      t.policies = [{ effect: 'allow', permission_groups: [{ id: API_TOKENS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } }) }];
      delete t.expires_on;
    },
    disagrees: ['loose/acme/Token/token'],
    notInRecord: [`CFT1 all-zones-of-account:${ACCOUNT} warning`, 'CFT2 API Tokens Write error', 'CFT3 no-expiry warning'],
    code: 1,
  },
  "the token's whole record removed in a stack whose checks ran": {
    stack: 'loose',
    edit: (json) => delete token(json, 'wide')['//'].leastPrivilege,
    disagrees: ['loose/wide/token'],
    notInRecord: ['CFT1 all-zones-of-all-accounts warning', 'CFT3 no-expiry warning'],
    code: 1,
    says: "the stack's checks ran at the default level but the token carries no record of them",
  },
  'a strict token whose suppression was dropped from the record': {
    stack: 'strict',
    edit: (json) => (token(json, 'anywhere')['//'].leastPrivilege.suppressions = []),
    disagrees: ['strict/anywhere/token'],
    notInRecord: ['CFT4 no-allowed-ips error'],
    code: 1,
  },
  'an error finding recorded as a warning': {
    stack: 'loose',
    edit: (json) => {
      const record = token(json, 'minting')['//'].leastPrivilege;
      record.suppressions = [];
      record.findings = [{ rule: 'CFT2', level: 'warning', finding: 'API Tokens Write', message: 'planted' }];
    },
    disagrees: ['loose/minting/token'],
    notInRecord: ['CFT2 API Tokens Write error'],
    code: 1,
  },
  "the raw token's unreadable resources (an expression) dropped from its record": {
    stack: 'loose',
    edit: (json) => (token(json, 'raw')['//'].leastPrivilege.findings = []),
    disagrees: ['loose/raw'],
    notInRecord: ['CFT13 policies[0].resources warning', 'CFT3 no-expiry warning'],
    code: 1,
  },
  "an overlapping slot's CFT3 (two periods plus grace over the limit) dropped from its record": {
    stack: 'tight',
    edit: (json) => {
      for (const t of Object.values(json.resource.cloudflare_api_token) as Json[]) t['//'].leastPrivilege.findings = [];
    },
    disagrees: ['tight/overlap/a/token', 'tight/overlap/b/token'],
    notInRecord: ['CFT3 rotation-over-max warning', 'CFT3 rotation-over-max warning'],
    code: 1,
  },
  'findings replaced by suppressions with reasons: believed, and shown as suppressed': {
    stack: 'loose',
    edit: (json) => {
      const record = token(json, 'wide')['//'].leastPrivilege;
      record.findings = [];
      record.suppressions = [
        { rule: 'CFT1', reason: 'the DNS bot manages every zone' },
        { rule: 'CFT3', reason: 'revoked by hand each quarter' },
      ];
    },
    notInRecord: [],
    code: 0,
  },
  'a token of a stack whose checks are off, granting API Tokens Write: found, not a disagreement, an error': {
    stack: 'off',
    edit: (json) => {
      const t = token(json, 'sandbox');
      t.policies = [{ effect: 'allow', permission_groups: [{ id: API_TOKENS_WRITE_ID }], resources: JSON.stringify({ 'com.cloudflare.api.user.0123456789abcdef0123456789abcdef': '*' }) }];
    },
    notInRecord: ['CFT2 API Tokens Write error'],
    code: 1,
  },
};

const reports: Record<string, { json: CliRun; markdown: CliRun; plain: CliRun }> = {};

beforeAll(async () => {
  root = compileCli();
  work = mkdtempSync(join(tmpdir(), 'recomputed-findings-'));
  synthDir = buildApp();
  const dirs: Record<string, string> = { untouched: synthDir };
  for (const [name, e] of Object.entries(EDITS)) dirs[name] = edited(name.replace(/[^A-Za-z0-9]+/g, '-'), e.stack, e.edit);
  await Promise.all(
    Object.entries(dirs).map(async ([name, dir]) => {
      const [json, markdown, plain] = await Promise.all([
        runCliProcess(root, ['report', dir, '--json', '--fail-on-findings']),
        runCliProcess(root, ['report', dir, '--fail-on-findings']),
        runCliProcess(root, ['report', dir]),
      ]);
      reports[name] = { json, markdown, plain };
    }),
  );
}, 120_000);
afterAll(() => {
  removeCompiledCli(root);
  rmSync(work, { recursive: true, force: true });
  removeSynthDirs();
});

describe('report re-runs the token rules on the synthesized JSON', () => {
  test('on real synth outputs (presets, rotation, overlapping slots, raw tokens, strict, suppressions) the records agree: nothing added, exit 0', () => {
    const { json } = reports.untouched;
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(json.stdout);
    expect(report.tokens.length).toBeGreaterThanOrEqual(9);
    expect(report.tokens.filter((t: Json) => t.recordDisagrees !== undefined)).toEqual([]);
    // The checks' own records are what the report shows: CFT1 and CFT3 on the wide token, recorded at synth.
    const wide = report.tokens.find((t: Json) => t.path === 'loose/wide/token');
    expect(wide.findings.map((f: Json) => `${f.rule} ${f.finding} ${f.notInRecord ?? 'recorded'}`)).toEqual(['CFT1 all-zones-of-all-accounts recorded', 'CFT3 no-expiry recorded']);
    const checked = report.tokens.filter((t: Json) => !t.path.startsWith('off/'));
    expect(checked.flatMap((t: Json) => t.findings.filter((f: Json) => f.notInRecord))).toEqual([]);
    // Where the checks were turned off, the report shows what the rules find, marked as its own.
    const sandbox = report.tokens.find((t: Json) => t.path === 'off/sandbox/token');
    expect(sandbox).toMatchObject({ checked: false });
    expect(sandbox.recordDisagrees).toBeUndefined();
    expect(report.rulesRecomputed).toEqual(['CFT1', 'CFT2', 'CFT3', 'CFT4', 'CFT5', 'CFT6', 'CFT7', 'CFT8', 'CFT13']);
    // The strict stack's validity limit (90 days) is what the reviewer's CFT3 measures against, and it is shown.
    expect(reports.untouched.markdown.stdout).toContain('- Stack strict: checks ran at the strict level (validity limit 90 days)');
    expect(reports.untouched.markdown.stdout).toContain('- Stack loose: checks ran at the default level\n');
  });

  test.each(Object.keys(EDITS))('%s', (name) => {
    const e = EDITS[name];
    const { json, markdown, plain } = reports[name];
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: e.code, stderr: '' });
    expect({ code: markdown.code, stderr: markdown.stderr }).toEqual({ code: e.code, stderr: '' });
    // Without --fail-on-findings the report only says it.
    expect({ code: plain.code, stderr: plain.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(json.stdout);
    expect(report.hasErrors).toBe(e.code === 1);
    const disagreeing = report.tokens.filter((t: Json) => t.recordDisagrees !== undefined);
    expect(disagreeing.map((t: Json) => t.path)).toEqual(e.disagrees ?? []);
    if (e.says) expect(disagreeing[0].recordDisagrees).toContain(e.says);
    const added = report.tokens.flatMap((t: Json) => (t.path.startsWith(`${e.stack}/`) ? t.findings.filter((f: Json) => f.notInRecord) : []));
    expect(added.map((f: Json) => `${f.rule} ${f.finding} ${f.level}`).sort()).toEqual([...e.notInRecord].sort());
    if (e.disagrees) {
      expect(markdown.stdout).toContain('**the record of the checks disagrees**: ');
      const tokens = e.disagrees.length === 1 ? '1 token' : `${e.disagrees.length} tokens`;
      expect(markdown.stdout).toContain(`**${tokens}: the record of the checks disagrees with the rules; the rules' findings count.**`);
      expect(markdown.stdout).toContain(`not in the synth record: ${e.notInRecord[0].split(' ').slice(-1)[0]} ${e.notInRecord[0].split(' ')[0]}: `);
    } else {
      expect(markdown.stdout).not.toContain('disagrees');
    }
  });

  test('the suppressions that replaced the findings are shown, with their reasons', () => {
    const report = JSON.parse(reports['findings replaced by suppressions with reasons: believed, and shown as suppressed'].json.stdout);
    const wide = report.tokens.find((t: Json) => t.path === 'loose/wide/token');
    expect(wide.findings).toEqual([]);
    expect(wide.suppressions.map((s: Json) => `${s.rule}: ${s.reason}`)).toEqual(['CFT1: the DNS bot manages every zone', 'CFT3: revoked by hand each quarter']);
  });

  test('a policy written as an expression still reads as an expression, not as a grant', () => {
    const report = JSON.parse(reports["the raw token's unreadable resources (an expression) dropped from its record"].json.stdout);
    const raw = report.tokens.find((t: Json) => t.path === 'loose/raw');
    expect(raw.policies[0].resources[0]).toContain('${jsonencode(');
  });
});
