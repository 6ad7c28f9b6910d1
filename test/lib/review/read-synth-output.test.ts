import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccountToken } from '@cdktf/provider-cloudflare/lib/account-token';
import { Fn } from 'cdktf';
import { CloudflareToken, LeastPrivilegeChecks, Policy, readSynthOutput, Resource, ReviewInputError, TokenOwner } from '../../../lib';
import { ACCOUNT, DNS_WRITE_ID, PLANTED_SECRET, ZONE } from './ids';
import { removeSynthDirs, synthApp, tokenStack } from './synth-fixtures';

const FINDINGS = {
  findings: [{ rule: 'CFT1', level: 'warning', message: 'token never expires', finding: 'no-expiry' }],
  suppressions: [{ rule: 'CFT2', reason: 'the DNS bot needs every zone', appliesTo: 'policies[0]' }],
};

let dir: string;
beforeAll(() => {
  // GIVEN a synth output with a construct-made token (findings recorded, a value planted) and a raw account token
  dir = synthApp((app) => {
    const stack = tokenStack(app, 'prod');
    const token = new CloudflareToken(stack, 'dns', {
      owner: TokenOwner.account(ACCOUNT),
      policies: [Policy.allow({ permissions: ['DNS Write', { name: 'Logs Write', scope: 'zone' }], resources: [Resource.zone(ZONE)] })],
      allowedIps: ['192.0.2.0/24', '2001:db8::/32'],
      deniedIps: ['192.0.2.7'],
      notBefore: '2026-01-01T00:00:00Z',
      expiresOn: '2027-01-01T00:00:00Z',
    });
    // The record is planted by hand; the default checks would write the real one over it.
    LeastPrivilegeChecks.disable(stack, { reason: 'this test plants its own least-privilege record' });
    token.resource.addOverride('//.leastPrivilege', FINDINGS);
    token.resource.addOverride('value', PLANTED_SECRET);
    new AccountToken(stack, 'raw', {
      accountId: ACCOUNT,
      name: 'raw',
      policies: [
        { effect: 'allow', permissionGroups: [{ id: 'ffffffffffffffffffffffffffffffff' }], resources: Fn.jsonencode({ [`com.cloudflare.api.account.${ACCOUNT}`]: '*' }) },
      ],
    });
    tokenStack(app, 'empty');
  });
}, 60_000);
afterAll(removeSynthDirs);

describe('readSynthOutput', () => {
  test('reads a construct-made account token: owner, named permissions, nested zone, IPs, validity, findings', () => {
    // WHEN the output is read
    const output = readSynthOutput(dir);
    // THEN every stack is listed and the token is described from its attributes
    expect(output.stacks).toEqual(['empty', 'prod']);
    const token = output.tokens.find((t) => t.constructPath === 'prod/dns/token');
    expect(token).toMatchObject({
      stack: 'prod',
      resourceType: 'cloudflare_account_token',
      matchKey: 'prod:prod/dns/token',
      name: 'prod/dns',
      owner: { kind: 'account', accountId: ACCOUNT },
      policies: [
        {
          effect: 'allow',
          permissions: [{ id: DNS_WRITE_ID, name: 'DNS Write' }, { id: '3e0b5820118e47f3922f7c989e673882', name: 'Logs Write (zone)' }],
          resources: [{ kind: 'zone', zoneId: ZONE, accountId: ACCOUNT }],
        },
      ],
      allowedIps: ['192.0.2.0/24', '2001:db8::/32'],
      deniedIps: ['192.0.2.7/32'],
      notBefore: '2026-01-01T00:00:00Z',
      expiresOn: '2027-01-01T00:00:00Z',
      summary: [`allow DNS Write, Logs Write on zone ${ZONE}`],
      ...FINDINGS,
    });
  });

  test('reads a raw provider token whose resources are a Terraform expression, keeping the expression', () => {
    const token = readSynthOutput(dir).tokens.find((t) => t.constructPath === 'prod/raw');
    expect(token?.policies).toEqual([
      {
        effect: 'allow',
        permissions: [{ id: 'ffffffffffffffffffffffffffffffff' }],
        resources: [{ kind: 'expression', expression: `\${jsonencode({"com.cloudflare.api.account.${ACCOUNT}" = "*"})}` }],
      },
    ]);
    expect(token?.summary).toEqual([]);
    // No record (the stack's checks are off): only what the reviewer's run of the rules finds on its JSON, marked so.
    expect(token?.findings.map((f) => `${f.rule} ${f.finding} ${f.notInRecord}`)).toEqual(['CFT3 no-expiry true', 'CFT8 ffffffffffffffffffffffffffffffff true', 'CFT13 policies[0].resources true']);
    expect(token?.recordDisagrees).toBeUndefined();
  });

  test('never copies a value attribute into the model', () => {
    expect(JSON.stringify(readSynthOutput(dir))).not.toContain(PLANTED_SECRET);
  });
});

describe('readSynthOutput: edited outputs', () => {
  let broken: string;
  beforeEach(() => {
    broken = mkdtempSync(join(tmpdir(), 'cf-token-review-broken-'));
    cpSync(dir, broken, { recursive: true });
  });
  afterEach(() => rmSync(broken, { recursive: true, force: true }));

  const stackFile = () => join(broken, 'stacks', 'prod', 'cdk.tf.json');
  const editStack = (edit: (json: any) => void) => {
    const json = JSON.parse(readFileSync(stackFile(), 'utf8'));
    edit(json);
    writeFileSync(stackFile(), JSON.stringify(json));
  };
  const expectError = (pattern: RegExp) => {
    expect(() => readSynthOutput(broken)).toThrow(ReviewInputError);
    expect(() => readSynthOutput(broken)).toThrow(pattern);
  };

  test('a token without cdktf metadata (hand-written JSON) is matched by its resource address', () => {
    editStack((json) => {
      delete json.resource.cloudflare_account_token.raw['//'];
    });
    const raw = readSynthOutput(broken).tokens.find((t) => t.address === 'cloudflare_account_token.raw');
    expect(raw).toMatchObject({ constructPath: undefined, matchKey: 'prod:cloudflare_account_token.raw', summary: [] });
    expect(raw?.findings.every((f) => f.notInRecord)).toBe(true);
  });

  test('a missing directory', () => {
    expect(() => readSynthOutput(join(broken, 'nope'))).toThrow(/nope: no such directory \(pass the directory `cdktf synth` wrote, usually cdktf\.out\)$/);
  });

  test('a directory that is not a synth output', () => {
    rmSync(join(broken, 'manifest.json'));
    expectError(/manifest\.json: missing: the directory is not a cdktf synth output/);
  });

  test('a manifest without stacks', () => {
    writeFileSync(join(broken, 'manifest.json'), '{"version":"0.21.0"}');
    expectError(/manifest\.json: has no "stacks" object: not a cdktf synth manifest$/);
  });

  test('malformed JSON names the file and where, without quoting it', () => {
    writeFileSync(stackFile(), `{\n  "resource": {"value": "${PLANTED_SECRET}" oops}}`);
    expectError(/stacks\/prod\/cdk\.tf\.json: is not valid JSON \(line 2, column 68\)$/);
    expect(() => readSynthOutput(broken)).not.toThrow(new RegExp(PLANTED_SECRET));
  });

  test('truncated JSON', () => {
    writeFileSync(stackFile(), '{"resource":');
    expectError(/cdk\.tf\.json: is not valid JSON \(it ends too early: truncated\?\)$/);
  });

  test('an empty file', () => {
    writeFileSync(stackFile(), '');
    expectError(/cdk\.tf\.json: is not valid JSON \(empty\)$/);
  });

  test('a stack file listed in the manifest but missing', () => {
    rmSync(stackFile());
    expectError(/stacks\/prod\/cdk\.tf\.json: missing$/);
  });

  test('a resources string that is not JSON names the token and the attribute', () => {
    editStack((json) => {
      json.resource.cloudflare_account_token.dns_token_4295AE55.policies[0].resources = '{"com.cloudflare.api.account.zone.x": *}';
    });
    expectError(/cdk\.tf\.json: cloudflare_account_token\.dns_token_4295AE55\.policies\[0\]\.resources is a string that is not valid JSON$/);
  });

  test('policies that are not a list', () => {
    editStack((json) => {
      json.resource.cloudflare_account_token.dns_token_4295AE55.policies = 'allow all';
    });
    expectError(/cloudflare_account_token\.dns_token_4295AE55\.policies is not a list$/);
  });

  test('an account token without account_id', () => {
    editStack((json) => {
      delete json.resource.cloudflare_account_token.dns_token_4295AE55.account_id;
    });
    expectError(/dns_token_4295AE55\.account_id is missing \(an account token needs its account\)$/);
  });
});
