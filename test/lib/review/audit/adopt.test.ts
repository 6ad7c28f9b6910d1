// `cf-token-review adopt`: the generated module compiles, synthesizes with the checks on, adopts
// every listed token by id (import blocks) and reproduces its policies, IPs and dates exactly.
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as library from '../../../../lib';
import { canonicalJson } from '../../../../lib/policy/canonical-json';
import { auditTokens } from '../../../../lib/review/audit/audit-tokens';
import { readListings } from '../../../../lib/review/audit/listed-tokens';
import { runCli } from '../../../../lib/review/cli';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const LISTINGS = [{ file: join(FIXTURES, 'user-tokens.json') }, { file: join(FIXTURES, 'account-tokens.json'), accountId: ACCOUNT }];

let dir: string;
let source: string;
let synthesized: { resource: Record<string, Record<string, Record<string, any>>>; import?: { to: string; id: string }[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'adopt-'));
  // The generated module imports `constructs` as a user's project does.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const out = join(dir, 'adopted.ts');
  const stderr: string[] = [];
  const code = runCli(['adopt', LISTINGS[0].file, '--account', ACCOUNT, LISTINGS[1].file, '--out', out], { stdout: () => undefined, stderr: (t) => stderr.push(t) });
  expect({ code, stderr }).toEqual({ code: 0, stderr: [] });
  source = readFileSync(out, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the generated module type-checks against the library', () => {
  const program = ts.createProgram([join(dir, 'adopted.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: { 'cdktf-cloudflare-tokens': [join(ROOT, 'lib', 'index.ts')] },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);
});

function synthModule(): typeof synthesized {
  // Run the module against the library instance this test loaded (one cdktf, one catalog).
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  const load = (name: string) => (name === 'cdktf-cloudflare-tokens' ? library : name === 'constructs' ? { Construct } : undefined);
  new Function('require', 'exports', js)(load, exports);
  const stack = new TerraformStack(Testing.app(), 'adopted');
  new CloudflareProvider(stack, 'cloudflare', {});
  new (exports.AdoptedTokens as new (scope: Construct, id: string) => Construct)(stack, 'tokens');
  // With validations: the default checks run, and a finding at the error level would fail here.
  Testing.synth(stack, true);
  // The file cdktf writes, with the checks' records under "//".
  return JSON.parse(readFileSync(join(Testing.fullSynth(stack), 'stacks', 'adopted', 'cdk.tf.json'), 'utf8'));
}

beforeAll(() => {
  synthesized = synthModule();
});

const listed = () => readListings(LISTINGS);
const tokenResources = () => [
  ...Object.entries(synthesized.resource.cloudflare_api_token ?? {}).map(([name, r]) => ({ address: `cloudflare_api_token.${name}`, r })),
  ...Object.entries(synthesized.resource.cloudflare_account_token ?? {}).map(([name, r]) => ({ address: `cloudflare_account_token.${name}`, r })),
];
const resourceNamed = (name: string | undefined) => {
  const found = tokenResources().filter((t) => t.r.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Policies as sets: effect, sorted group ids, resources as canonical JSON. */
function canonicalPolicies(policies: any[], resourcesOf: (p: any) => unknown): string[] {
  return policies.map((p) => canonicalJson({ effect: p.effect, ids: p.permission_groups.map((g: { id: string }) => g.id).sort(), resources: resourcesOf(p) })).sort();
}

test('every listed token is declared and adopted by id, with the import id the provider documents', () => {
  const tokens = listed();
  expect(tokens).toHaveLength(8);
  expect(source).not.toContain('NOT ADOPTED');
  const imports = synthesized.import ?? [];
  expect(imports).toHaveLength(tokens.length);
  for (const token of tokens) {
    const { address } = resourceNamed(token.name);
    const expectedId = token.owner.kind === 'account' ? `${token.owner.accountId}/${token.id}` : token.id;
    expect(address.startsWith(token.owner.kind === 'account' ? 'cloudflare_account_token.' : 'cloudflare_api_token.')).toBe(true);
    expect(imports).toContainEqual(expect.objectContaining({ to: address, id: expectedId }));
  }
});

test('the synthesized policies, IP condition, dates and status equal the listed ones exactly', () => {
  for (const token of listed()) {
    const { r } = resourceNamed(token.name);
    expect(canonicalPolicies(r.policies, (p) => JSON.parse(p.resources))).toEqual(canonicalPolicies(token.raw.policies as any[], (p) => p.resources));
    const ips = (token.raw.condition as any)?.request_ip ?? {};
    expect(r.condition?.request_ip?.in ?? []).toEqual(ips.in ?? []);
    expect(r.condition?.request_ip?.not_in ?? []).toEqual(ips.not_in ?? []);
    expect(r.expires_on).toBe(token.expiresOn);
    expect(r.not_before).toBe(token.notBefore);
    expect(r.status).toBe(token.status === 'expired' ? undefined : token.status);
    if (token.owner.kind === 'account') expect(r.account_id).toBe(token.owner.accountId);
  }
});

test('grants equal to a preset are declared with it: DNS Write + Zone Read on named zones is a ScopedDnsToken', () => {
  expect(source).toMatch(/new ScopedDnsToken\(this, "external-dns-prod-5a6b7c8d", \{ zones: \["023e105f4ecef8ad9ca31a8372d0c353", "9a7806061c88ada191ed06f989cc3dac"\],/);
  expect(source).toMatch(/new ScopedDnsToken\(this, "ci-dns-account-owned-9f8e7d6c", \{ zones: \["023e105f4ecef8ad9ca31a8372d0c353"\], readOnly: true,/);
  expect(source).toMatch(/new CachePurgeToken\(this, "cache-purge-old-CI-c0ffee00"/);
  expect(source).toMatch(/new PagesDeployToken\(this, "pages-deploy-account-owned-1f2e3d4c", \{ accountId: "0123456789abcdef0123456789abcdef",/);
  expect(resourceNamed('external-dns prod').r['//'].preset).toBe('ScopedDnsToken');
  expect(source).toMatch(/new CloudflareToken\(this, "Edit-zone-DNS-template-ed175743"/);
});

test('the findings the audit reports are the ones synth records on the adopted token, by rule and finding id', () => {
  const audit = auditTokens(listed());
  for (const token of audit.tokens) {
    const { r } = resourceNamed(token.name);
    const recorded = r['//'].leastPrivilege;
    const atSynth = [...recorded.findings, ...recorded.suppressions.map((s: any) => ({ rule: s.rule, finding: s.appliesTo }))].map((f: any) => `${f.rule} ${f.finding}`).sort();
    // CFT4 runs only in strict mode at synth; the audit always runs it.
    const atAudit = token.findings.filter((f) => f.rule !== 'CFT4').map((f) => `${f.rule} ${f.finding}`).sort();
    expect({ token: token.name, findings: atSynth }).toEqual({ token: token.name, findings: atAudit });
  }
});

test('each token carries its findings and the narrowing the checks suggest, as comments; errors are suppressed visibly', () => {
  expect(source).toContain('// warning CFT1 (all-zones-of-all-accounts): policies[0] grants on every zone of every account');
  expect(source).toContain('Narrow: name the zones or accounts');
  expect(source).toContain('LeastPrivilegeChecks.suppress(token5, [{ id: "CFT2", appliesTo: "API Tokens Write"');
  expect(source).toContain('PermissionGroups.uncatalogued("fedcba9876543210fedcba9876543210", "user", "Brand New Thing Read")');
});

test('an expired token is marked for deletion rather than adoption', () => {
  expect(source).toMatch(/\/\/ cache purge \(old CI\): .*status expired.*\n    \/\/ Expired: Cloudflare no longer accepts it\. Delete it rather than adopt it/);
});
