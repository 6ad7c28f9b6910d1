import { AccountToken, AccountTokenConfig } from '@cdktf/provider-cloudflare/lib/account-token';
import { ApiToken, ApiTokenConfig } from '@cdktf/provider-cloudflare/lib/api-token';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { LeastPrivilegeChecks, LeastPrivilegeChecksProps, RecordedFinding, RecordedSuppression } from '../../lib';

export const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
export const ZONE_2 = '9a7806061c88ada191ed06f989cc3dac';
export const ACCOUNT = '01a7362d577a6c3019a474fd6f485823';
export const USER = '7c5dae5552338874e5053f2534d2767a';

/** GIVEN a stack with a Cloudflare provider (validations need one). */
export function givenStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'stack');
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

/** A stack with the checks applied. */
export function checkedStack(props: LeastPrivilegeChecksProps = {}): TerraformStack {
  const stack = givenStack();
  LeastPrivilegeChecks.applyTo(stack, props);
  return stack;
}

type PolicyInput = { effect?: string; ids: string[]; resources: Record<string, unknown> | string };

function rawPolicies(policies: PolicyInput[]) {
  return policies.map((p) => ({
    effect: p.effect ?? 'allow',
    permissionGroups: p.ids.map((g) => ({ id: g })),
    resources: typeof p.resources === 'string' ? p.resources : JSON.stringify(p.resources),
  }));
}

/** A raw `cloudflare_api_token` with literal policies (what any hand-written token looks like). */
export function rawApiToken(stack: TerraformStack, id: string, policies: PolicyInput[], extra: Partial<ApiTokenConfig> = {}): ApiToken {
  return new ApiToken(stack, id, {
    name: id,
    policies: rawPolicies(policies),
    expiresOn: '2027-03-01T00:00:00Z',
    notBefore: '2027-01-01T00:00:00Z',
    ...extra,
  });
}

export function rawAccountToken(stack: TerraformStack, id: string, policies: PolicyInput[], extra: Partial<AccountTokenConfig> = {}): AccountToken {
  return new AccountToken(stack, id, {
    accountId: ACCOUNT,
    name: id,
    policies: rawPolicies(policies),
    expiresOn: '2027-03-01T00:00:00Z',
    notBefore: '2027-01-01T00:00:00Z',
    ...extra,
  });
}

export interface LeastPrivilegeRecord {
  readonly findings: RecordedFinding[];
  readonly suppressions: RecordedSuppression[];
}

/**
 * WHEN the stack is synthesized (aspects run, validations not): what the checks recorded on
 * each token, by construct path of the resource, read from the JSON with its "//" metadata.
 */
export function recorded(stack: TerraformStack): Record<string, LeastPrivilegeRecord> {
  Testing.synth(stack);
  const json = stack.toTerraform() as { resource?: Record<string, Record<string, { '//'?: { metadata: { path: string }; leastPrivilege?: LeastPrivilegeRecord } }>> };
  const out: Record<string, LeastPrivilegeRecord> = {};
  for (const type of ['cloudflare_api_token', 'cloudflare_account_token']) {
    for (const resource of Object.values(json.resource?.[type] ?? {})) {
      const meta = resource['//'];
      if (meta?.leastPrivilege) out[meta.metadata.path] = meta.leastPrivilege;
    }
  }
  return out;
}

/** The `rule finding` pairs recorded on one token, sorted: what most tests compare. */
export function findingIds(stack: TerraformStack, path: string): string[] {
  const record = recorded(stack)[path];
  if (record === undefined) throw new Error(`no least-privilege record for ${path}; recorded: ${Object.keys(recorded(stack)).join(', ')}`);
  return record.findings.map((f) => `${f.rule} ${f.finding}`).sort();
}

/** Only the findings of one rule. */
export function findingsOfRule(stack: TerraformStack, path: string, rule: string): string[] {
  return findingIds(stack, path)
    .filter((f) => f.startsWith(`${rule} `))
    .map((f) => f.slice(rule.length + 1));
}
