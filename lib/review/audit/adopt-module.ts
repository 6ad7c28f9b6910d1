import { writeFileSync } from 'fs';
import { PermissionGroups } from '../../permissions/catalog';
import { PermissionScope } from '../../permissions/scope';
import { oneLine, ReviewInputError } from '../review-input-error';
import { AuditFinding, checkListedToken } from './audit-tokens';
import { ListedToken } from './listed-tokens';
import { listedTokenFacts } from './listed-token-facts';

// Resource keys (DESIGN.md, "Resource keys").
const ACCOUNT = 'com.cloudflare.api.account.';
const ZONE = 'com.cloudflare.api.account.zone.';
const USER = 'com.cloudflare.api.user.';
const R2_BUCKET = 'com.cloudflare.edge.r2.bucket.';
const HEX32 = /^[0-9a-f]{32}$/;
const JURISDICTIONS = ['default', 'eu', 'fedramp'];
// R2 bucket names: 3 to 63 lower-case letters, digits and hyphens (what Resource.r2Bucket accepts).
const R2_BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** One resource of a listed policy as a `Resource` factory call, with its scope. */
interface ResourceCall {
  readonly code: string;
  readonly scope: PermissionScope;
  /** For preset matching: the zone id, when it is one zone. */
  readonly zoneId?: string;
  /** For preset matching: the account id, when it is one account. */
  readonly accountId?: string;
}

/** How one listed token is written: code that reproduces it exactly, or why it cannot be. */
export type AdoptedToken =
  | { readonly token: ListedToken; readonly code: string; readonly construct: string; readonly findings: readonly AuditFinding[] }
  | { readonly token: ListedToken; readonly notAdopted: string; readonly findings: readonly AuditFinding[] };

const str = (text: string): string => JSON.stringify(text);

/**
 * The resources of a listed policy as factory calls, in the layout the library writes for
 * `owner` (zones nested under the owning account for account tokens, flat for user tokens).
 * A key the library would write differently, or cannot write, makes the token not adoptable
 * as is: adoption must change nothing.
 */
function resourceCalls(resources: unknown, owner: ListedToken['owner']): ResourceCall[] | string {
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return 'its resources are not an object of resource keys';
  const calls: ResourceCall[] = [];
  for (const [key, value] of Object.entries(resources as Record<string, unknown>)) {
    if (value === '*') {
      if (key === `${ZONE}*` && owner.kind === 'user') calls.push({ code: 'Resource.allZonesOfAllAccounts()', scope: 'zone' });
      else if (key.startsWith(ZONE) && HEX32.test(key.slice(ZONE.length)) && owner.kind === 'user') calls.push({ code: `Resource.zone(${str(key.slice(ZONE.length))})`, scope: 'zone', zoneId: key.slice(ZONE.length) });
      else if (key.startsWith(ACCOUNT) && !key.startsWith(ZONE) && HEX32.test(key.slice(ACCOUNT.length))) calls.push({ code: `Resource.account(${str(key.slice(ACCOUNT.length))})`, scope: 'account', accountId: key.slice(ACCOUNT.length) });
      else if (key.startsWith(USER) && HEX32.test(key.slice(USER.length)) && owner.kind === 'user') calls.push({ code: `Resource.user(${str(key.slice(USER.length))})`, scope: 'user' });
      else if (key.startsWith(R2_BUCKET)) {
        const [account, jurisdiction, ...bucket] = key.slice(R2_BUCKET.length).split('_');
        if (!HEX32.test(account ?? '') || !JURISDICTIONS.includes(jurisdiction ?? '') || !R2_BUCKET_NAME.test(bucket.join('_'))) return `the resource key ${key} is not an R2 bucket key the library writes`;
        const options = jurisdiction === 'default' ? '' : `, { jurisdiction: ${str(jurisdiction)} }`;
        calls.push({ code: `Resource.r2Bucket(${str(account)}, ${str(bucket.join('_'))}${options})`, scope: 'r2Bucket' });
      } else return `the resource key ${key} is not one the library writes for ${owner.kind === 'user' ? 'a user' : 'an account'}-owned token`;
      continue;
    }
    const accountId = key.startsWith(ACCOUNT) ? key.slice(ACCOUNT.length) : '';
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !HEX32.test(accountId)) return `the resource key ${key} is not one the library writes`;
    for (const [nested, nestedValue] of Object.entries(value as Record<string, unknown>)) {
      if (nestedValue !== '*') return `the resource key ${key} / ${nested} is not "*"`;
      if (nested === `${ZONE}*`) calls.push({ code: `Resource.allZonesOfAccount(${str(accountId)})`, scope: 'zone' });
      else if (nested === `${R2_BUCKET}*`) calls.push({ code: `Resource.allR2BucketsOfAccount(${str(accountId)})`, scope: 'r2Bucket' });
      else if (nested.startsWith(ZONE) && HEX32.test(nested.slice(ZONE.length)) && owner.kind === 'account' && owner.accountId === accountId) {
        calls.push({ code: `Resource.zone(${str(nested.slice(ZONE.length))})`, scope: 'zone', zoneId: nested.slice(ZONE.length) });
      } else return `the resource key ${key} / ${nested} is not one the library writes for ${owner.kind === 'user' ? 'a user' : 'an account'}-owned token`;
    }
  }
  if (calls.length === 0) return 'a policy has no resources';
  return calls;
}

interface PolicyPlan {
  readonly effect: 'allow' | 'deny';
  readonly groupIds: readonly string[];
  readonly resources: readonly ResourceCall[];
}

function planPolicies(token: ListedToken): PolicyPlan[] | string {
  if (!Array.isArray(token.raw.policies) || token.raw.policies.length === 0) return 'it has no readable policies';
  const plans: PolicyPlan[] = [];
  const seen = new Set<string>();
  for (const policy of token.raw.policies as unknown[]) {
    if (policy === null || typeof policy !== 'object') return 'a policy is not an object';
    const p = policy as Record<string, unknown>;
    if (p.effect !== 'allow' && p.effect !== 'deny') return `a policy's effect is ${JSON.stringify(p.effect)}, not allow or deny`;
    if (!Array.isArray(p.permission_groups) || p.permission_groups.length === 0) return 'a policy has no permission groups';
    const groupIds = p.permission_groups.map((g) => (g !== null && typeof g === 'object' ? (g as Record<string, unknown>).id : undefined));
    if (groupIds.some((id) => typeof id !== 'string' || !HEX32.test(id))) return 'a permission group id is not 32 hex characters';
    const resources = resourceCalls(p.resources, token.owner);
    if (typeof resources === 'string') return resources;
    const scopes = new Set(resources.map((r) => r.scope));
    if (scopes.size > 1) return `a policy mixes resources of several scopes (${[...scopes].join(', ')}), which the library writes as separate policies`;
    // The library merges policies with the same effect and resources: the token would keep its grants but not its shape.
    const shape = `${p.effect} ${resources.map((r) => r.code).sort().join()}`;
    if (seen.has(shape)) return 'two policies have the same effect and resources, which the library merges into one';
    seen.add(shape);
    plans.push({ effect: p.effect, groupIds: groupIds as string[], resources });
  }
  return plans;
}

function permissionCode(id: string, scope: PermissionScope, apiName: string | undefined): string {
  if (PermissionGroups.has(id)) return `PermissionGroups.byId(${str(id)}) /* ${commentText(PermissionGroups.byId(id).name)} */`;
  return `PermissionGroups.uncatalogued(${str(id)}, ${str(scope)}${apiName === undefined ? '' : `, ${str(apiName)}`})`;
}

/** Text safe inside a comment: one line, no comment terminator. */
function commentText(text: string): string {
  return oneLine(text).replace(/\*\//g, '* /');
}

const DNS = { write: ['DNS Write', 'Zone Read'], readOnly: ['DNS Read', 'Zone Read'] };

function idsNamed(names: readonly string[], scope: PermissionScope = 'zone'): string {
  return names
    .map((n) => PermissionGroups.all().find((g) => g.name === n && g.scope === scope)?.id ?? n)
    .sort()
    .join();
}

/** A preset whose grants equal the token's, as `new Preset(this, id, { ...preset props`; undefined when none matches. */
function matchingPreset(plans: readonly PolicyPlan[]): { readonly preset: string; readonly props: string } | undefined {
  if (plans.length !== 1 || plans[0].effect !== 'allow') return undefined;
  const [plan] = plans;
  const ids = [...plan.groupIds].sort().join();
  const [only] = plan.resources;
  if (plan.resources.length === 1 && only.accountId !== undefined && ids === idsNamed(['Pages Write'], 'account')) return { preset: 'PagesDeployToken', props: `accountId: ${str(only.accountId)}` };
  if (plan.resources.some((r) => r.zoneId === undefined)) return undefined;
  const zones = `zones: [${plan.resources.map((r) => str(r.zoneId as string)).join(', ')}]`;
  if (ids === idsNamed(DNS.write)) return { preset: 'ScopedDnsToken', props: zones };
  if (ids === idsNamed(DNS.readOnly)) return { preset: 'ScopedDnsToken', props: `${zones}, readOnly: true` };
  if (ids === idsNamed(['Cache Purge'])) return { preset: 'CachePurgeToken', props: zones };
  return undefined;
}

/** What the checks suggest for a finding, in the library's options. */
function advice(finding: AuditFinding): string {
  switch (finding.rule) {
    case 'CFT1':
      return 'name the zones or accounts (Resource.zone(...)) instead of a wildcard';
    case 'CFT3':
      return 'add rotation: { everyDays, graceDays } (or expiresOn)';
    case 'CFT4':
      return 'add allowedIps: [...] (the addresses the token is used from)';
    case 'CFT6':
      return 'drop the Read group that the Write group already implies';
    default:
      return 'see RULES.md';
  }
}

function constructId(token: ListedToken, used: Set<string>): string {
  const base = (token.name ?? 'token').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'token';
  let id = `${base}-${token.id.slice(0, 8)}`;
  for (let n = 2; used.has(id); n++) id = `${base}-${token.id.slice(0, 8)}-${n}`;
  used.add(id);
  return id;
}

/** Writes one listed token as library code adopted by id, or says why it cannot be adopted as is. */
export function adoptToken(token: ListedToken, used: Set<string>): AdoptedToken {
  const findings = checkListedToken(listedTokenFacts(token));
  const plans = planPolicies(token);
  if (typeof plans === 'string') return { token, notAdopted: plans, findings };
  const facts = listedTokenFacts(token);
  if (facts.allowedIps === undefined || facts.deniedIps === undefined) return { token, notAdopted: 'its client-IP condition is not in the API shape', findings };
  const construct = constructId(token, used);
  const options = [
    `name: ${str(token.name ?? construct)}`,
    ...(token.owner.kind === 'account' ? [`owner: TokenOwner.account(${str(token.owner.accountId)})`] : []),
    ...(facts.allowedIps.length > 0 ? [`allowedIps: ${JSON.stringify(facts.allowedIps)}`] : []),
    ...(facts.deniedIps.length > 0 ? [`deniedIps: ${JSON.stringify(facts.deniedIps)}`] : []),
    ...(token.notBefore !== undefined ? [`notBefore: ${str(token.notBefore)}`] : []),
    ...(token.expiresOn !== undefined ? [`expiresOn: ${str(token.expiresOn)}`] : []),
    // `expired` is set by Cloudflare, not by a configuration: left out, the provider keeps what the API says.
    ...(token.status === 'active' || token.status === 'disabled' ? [`status: ${str(token.status)}`] : []),
    `adoptTokenId: ${str(token.id)}`,
  ];
  const preset = matchingPreset(plans);
  // Adopting changes nothing, so a finding at the error level (which fails synth) is suppressed,
  // visibly: the suppression is recorded in the synthesized JSON and shown by the reviewer
  // until the narrowing commit removes the grant and the suppression with it.
  const errors = findings.filter((f) => f.level === 'error');
  const variable = `token${used.size}`;
  const suppressions = errors.map(
    (f) => `\n    LeastPrivilegeChecks.suppress(${variable}, [{ id: ${str(f.rule)}, appliesTo: ${str(f.finding)}, reason: ${str(`adopted as it is in Cloudflare (${f.finding}); narrow it in the next commit`)} }]);`,
  );
  const declare = errors.length > 0 ? `const ${variable} = ` : '';
  let code: string;
  if (preset !== undefined) {
    code = `${declare}new ${preset.preset}(this, ${str(construct)}, { ${preset.props}, ${options.join(', ')} });${suppressions.join('')}`;
  } else {
    const policies = plans.map((p) => {
      const scope = p.resources[0].scope;
      const permissions = p.groupIds.map((id) => permissionCode(id, scope, token.apiGroupNames[id])).join(', ');
      return `        Policy.${p.effect}({ permissions: [${permissions}], resources: [${p.resources.map((r) => r.code).join(', ')}] }),`;
    });
    code = `${declare}new CloudflareToken(this, ${str(construct)}, {\n      ${options.join(',\n      ')},\n      policies: [\n${policies.join('\n')}\n      ],\n    });${suppressions.join('')}`;
  }
  return { token, code, construct, findings };
}

/** The generated module: one construct, `AdoptedTokens`, declaring every adoptable token. */
export function adoptModule(tokens: readonly ListedToken[], sources: readonly string[]): string {
  const used = new Set<string>();
  const adopted = tokens.map((t) => adoptToken(t, used));
  const body = adopted.map((a) => {
    const head = `    // ${commentText(`${a.token.name ?? '(no name)'}: token ${a.token.id}, ${a.token.owner.kind === 'user' ? 'user-owned' : `owned by account ${a.token.owner.accountId}`}, status ${a.token.status ?? 'not listed'}, last used ${a.token.lastUsedOn ?? 'never'}`)}`;
    const expired =
      a.token.status === 'expired'
        ? ['    // Expired: Cloudflare no longer accepts it. Delete it rather than adopt it (provider 5.19 and later drop an expired token from state and plan to create it again).']
        : [];
    const findings = a.findings.map((f) => `    // ${commentText(`${f.level} ${f.rule} (${f.finding}): ${f.message}. Narrow: ${advice(f)}`)}`);
    if ('notAdopted' in a) return [head, ...expired, ...findings, `    // NOT ADOPTED: ${commentText(a.notAdopted)}; declare it by hand (the library would change it at the first apply otherwise).`].join('\n');
    return [head, ...expired, ...(findings.length > 0 ? findings : ['    // no findings']), `    ${a.code}`].join('\n');
  });
  const mentions = (name: string) => adopted.some((a) => 'code' in a && a.code.includes(name));
  const imports = ['CachePurgeToken', 'CloudflareToken', 'LeastPrivilegeChecks', 'PagesDeployToken', 'PermissionGroups', 'Policy', 'Resource', 'ScopedDnsToken', 'TokenOwner'].filter(mentions);
  return `// Generated by \`cf-token-review adopt\` from ${commentText(sources.join(', '))}.
// Each token is declared exactly as the API listed it and adopted by id (an import block):
// the first \`cdktf plan\` imports it and changes nothing. Narrow it in the next, reviewed
// commit (see the findings above each token), then rotate it to give Terraform its value.
import { Construct } from 'constructs';
${imports.length > 0 ? `import { ${imports.join(', ')} } from 'cdktf-cloudflare-tokens';\n` : ''}
/** The tokens listed in ${commentText(sources.join(', '))}, adopted as they are. */
export class AdoptedTokens extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body.join('\n\n')}
  }
}
`;
}

/**
 * Writes the module; a file that cannot be written is unusable output (exit 2). The module is
 * built first, outside the write's error handling, so that a failure to build it is reported
 * as what it is, never as "cannot be written".
 */
export function writeAdoptModule(out: string, tokens: readonly ListedToken[], sources: readonly string[]): void {
  const text = adoptModule(tokens, sources);
  try {
    writeFileSync(out, text);
  } catch (error) {
    throw new ReviewInputError(out, `cannot be written (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}
