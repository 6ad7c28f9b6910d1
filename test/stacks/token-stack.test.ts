import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { DEV, ENVIRONMENTS, EnvironmentConfig, PROD, STAGING } from '../../stacks/environments';
import { TokenStack } from '../../stacks/token-stack';
import { SynthToken, tokensOf } from '../synth-helpers';

const ID = {
  scriptsWrite: 'e086da7e2179491d91ee5f35b3ca210a',
  routesWrite: '28f4b596e7d643029c524985477ae49a',
  cachePurge: 'e17beae8b8cb423a99b1730f21238bed',
  dnsWrite: '4755a26eedb94da69e1066d98aa820be',
  zoneRead: 'c8fed203ed3043cba015a93ad1616f1f',
  pagesWrite: '8d28297797f24fb8a0c332fe0866ec89',
};

function synthEnv(env: EnvironmentConfig): { json: string; tokens: Map<string, SynthToken> } {
  const stack = new TokenStack(Testing.app(), env.name, env);
  const json = Testing.synth(stack, true);
  return { json, tokens: new Map(tokensOf(json).map((t) => [t.name, t])) };
}

/** The `resources` object a token of `env` has for one zone. */
function zoneResources(env: EnvironmentConfig): Record<string, unknown> {
  const zone = { [`com.cloudflare.api.account.zone.${env.zoneId}`]: '*' };
  return env.owner === 'account' ? { [`com.cloudflare.api.account.${env.accountId}`]: zone } : zone;
}

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('TokenStack %s', (name, env) => {
  const { json, tokens } = synthEnv(env);
  const account = { [`com.cloudflare.api.account.${env.accountId}`]: '*' };

  test('matches the snapshot', () => {
    // Re-serialized: cdktf and cdktn print an empty object differently.
    expect(JSON.stringify(JSON.parse(json), null, 2)).toMatchSnapshot();
  });

  test('has exactly the four tokens', () => {
    expect([...tokens.keys()].sort()).toEqual([`${name} CI Workers deploy`, `${name} DNS Manager`, `${name} Pages deploy`, `${name} cache purge`].sort());
  });

  test('CI Workers deploy: scripts + settings read on the account; routes + purge on the one zone; nothing else', () => {
    expect(tokens.get(`${name} CI Workers deploy`)?.policies).toEqual([
      { effect: 'allow', ids: [ID.scriptsWrite], resources: account },
      { effect: 'allow', ids: [ID.routesWrite, ID.cachePurge], resources: zoneResources(env) },
    ]);
  });

  test('DNS Manager: DNS Write and Zone Read on the one zone, only from the office network', () => {
    const dns = tokens.get(`${name} DNS Manager`);
    expect(dns?.policies).toEqual([{ effect: 'allow', ids: [ID.dnsWrite, ID.zoneRead], resources: zoneResources(env) }]);
    expect(dns?.allowedIps).toEqual(env.officeCidrs);
  });

  test('cache purge: Cache Purge on the one zone', () => {
    expect(tokens.get(`${name} cache purge`)?.policies).toEqual([{ effect: 'allow', ids: [ID.cachePurge], resources: zoneResources(env) }]);
  });

  test('Pages deploy: Pages Write on the account', () => {
    expect(tokens.get(`${name} Pages deploy`)?.policies).toEqual([{ effect: 'allow', ids: [ID.pagesWrite], resources: account }]);
  });

  test('CI tokens are usable only from the CI runners, when the environment names them', () => {
    for (const tokenName of [`${name} CI Workers deploy`, `${name} cache purge`, `${name} Pages deploy`]) {
      expect(tokens.get(tokenName)?.allowedIps).toEqual(env.ciCidrs);
    }
  });

  test('every token is of the configured owner and expires when configured', () => {
    for (const token of tokens.values()) {
      expect(token.type).toBe(env.owner === 'account' ? 'cloudflare_account_token' : 'cloudflare_api_token');
      if (env.rotation) {
        // Rotation: Terraform computes the expiry in the token's generation record (test/terraform/example-stacks.test.ts runs it).
        expect(token.expiresOn).toMatch(/^\$\{terraform_data\.[\w-]+\.input\.expires_on\}$/);
      } else {
        expect(token.expiresOn).toBe(env.expiresOn);
      }
    }
  });

  test('token values leave only through sensitive outputs, and the provider has no credentials in code', () => {
    const parsed = JSON.parse(json);
    const outputs = Object.entries(parsed.output as Record<string, { value: string; sensitive?: boolean }>);
    expect(outputs.map(([id]) => id).sort()).toEqual(['cache_purge_token', 'ci_workers_token', 'pages_deploy_token', 'terraform_dns_token']);
    for (const [, output] of outputs) expect(output).toEqual(expect.objectContaining({ sensitive: true, value: expect.stringMatching(/\.value\}$/) }));
    expect(parsed.provider.cloudflare).toEqual([{}]);
  });

  test('keeps its state in a relative local file by default', () => {
    expect(JSON.parse(json).terraform.backend).toEqual({ local: { path: `terraform.${name}.tfstate` } });
  });
});

describe('environments get stricter as they go', () => {
  test('prod: account-owned, every token IP-restricted and rotating within 37 days; staging expires before dev', () => {
    const { tokens } = synthEnv(PROD);
    for (const token of tokens.values()) {
      expect(token.type).toBe('cloudflare_account_token');
      expect(token.allowedIps?.length).toBeGreaterThan(0);
      expect(token.expiresOn).toMatch(/^\$\{terraform_data\.[\w-]+_rotation_[0-9A-F]+\.input\.expires_on\}$/);
    }
    expect(PROD.rotation).toEqual({ everyDays: 30, graceDays: 7 });
    expect(PROD.expiresOn).toBeUndefined();
    expect(PROD.checks).toEqual({ strict: true, production: true });
    expect(Date.parse(STAGING.expiresOn!)).toBeLessThan(Date.parse(DEV.expiresOn!));
  });

  test('staging: account-owned; dev: user-owned', () => {
    expect(STAGING.owner).toBe('account');
    expect(DEV.owner).toBe('user');
  });

  test('environments never share a zone or an account', () => {
    expect(new Set(ENVIRONMENTS.map((e) => e.zoneId)).size).toBe(ENVIRONMENTS.length);
    expect(new Set(ENVIRONMENTS.map((e) => e.accountId)).size).toBe(ENVIRONMENTS.length);
  });
});

describe('reviewer metadata', () => {
  test('each token records the preset it comes from and its summary next to the resource', () => {
    const outdir = Testing.fullSynth(new TokenStack(Testing.app(), 'prod', PROD));
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    const notes = Object.values(json.resource.cloudflare_account_token as Record<string, { name: string; '//': { preset: string; summary: string[] } }>).map((r) => [
      r.name,
      r['//'].preset,
      r['//'].summary,
    ]);
    expect(notes.sort()).toEqual(
      [
        ['prod CI Workers deploy', 'WorkersDeployToken', [`allow Workers Scripts Write on account ${PROD.accountId}`, `allow Cache Purge, Workers Routes Write on zone ${PROD.zoneId}`]],
        ['prod DNS Manager', 'ScopedDnsToken', [`allow DNS Write, Zone Read on zone ${PROD.zoneId}`]],
        ['prod Pages deploy', 'PagesDeployToken', [`allow Pages Write on account ${PROD.accountId}`]],
        ['prod cache purge', 'CachePurgeToken', [`allow Cache Purge on zone ${PROD.zoneId}`]],
      ].sort(),
    );
  });
});

describe('remote state', () => {
  test('an s3 backend is always encrypted, even when the config forgets it', () => {
    const env: EnvironmentConfig = { ...PROD, backend: { kind: 's3', config: { bucket: 'tfstate-prod', key: 'cloudflare-tokens/prod.tfstate', region: 'eu-west-1', encrypt: false } } };
    const backend = JSON.parse(Testing.synth(new TokenStack(Testing.app(), 'prod', env))).terraform.backend;
    expect(backend).toEqual({ s3: { bucket: 'tfstate-prod', key: 'cloudflare-tokens/prod.tfstate', region: 'eu-west-1', encrypt: true } });
  });
});

describe('prod wiring: rotation, delivery and strict checks', () => {
  const stack = new TokenStack(Testing.app(), 'prod', PROD);
  const parsed = JSON.parse(Testing.synth(stack));

  test('the CI/CD token is written straight into the GitHub Actions environment secret, and nowhere else', () => {
    const secrets = Object.values(parsed.resource.github_actions_environment_secret) as any[];
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatchObject({ repository: 'web-app', environment: 'production', secret_name: 'CLOUDFLARE_API_TOKEN' });
    expect(secrets[0].plaintext_value).toMatch(/^\$\{cloudflare_account_token\.ci-workers_Token_token_[0-9A-F]+\.value\}$/);
  });

  test('every token is replaced when its generation record changes, new one first (test/terraform/example-stacks.test.ts runs it)', () => {
    const tokens = Object.values(parsed.resource.cloudflare_account_token) as any[];
    expect(tokens).toHaveLength(4);
    for (const token of tokens) {
      expect(token.lifecycle.create_before_destroy).toBe(true);
      const [generation] = token.lifecycle.replace_triggered_by;
      expect(token.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(/^terraform_data\./)]);
      expect(parsed.resource.terraform_data[generation.split('.')[1]].input).toMatchObject({ every_days: 30, grace_days: 7 });
    }
    expect(parsed.resource.time_rotating).toBeUndefined();
  });

  test('runs the checks strictly and synthesizes with no error finding', () => {
    expect(() => Testing.synth(new TokenStack(Testing.app(), 'prod', PROD), true)).not.toThrow();
  });
});
