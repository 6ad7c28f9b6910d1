import { TerraformStack, Testing } from 'cdktf';
import { PermissionGroups, PermissionScope } from '../../lib';
import { ENVIRONMENTS } from '../../stacks/environments';
import { TokenStack } from '../../stacks/token-stack';
import { cmsPurge } from '../readme/examples/cache-purge-token';
import { pagesCi } from '../readme/examples/pages-deploy-token';
import { ProdTokens } from '../readme/examples/prod-stack';
import { auditor } from '../readme/examples/read-only-token';
import { dnsManager } from '../readme/examples/scoped-dns-token';
import { workersCi } from '../readme/examples/workers-deploy-token';
import { newStack, SynthToken, tokensOf } from '../synth-helpers';

const ACCOUNT_KEY = /^com\.cloudflare\.api\.account\.([0-9a-f]{32})$/;
const ZONE_KEY = /^com\.cloudflare\.api\.account\.zone\.([0-9a-f]{32}|\*)$/;
const USER_KEY = /^com\.cloudflare\.api\.user\.[0-9a-f]{32}$/;
const BUCKET_KEY = /^com\.cloudflare\.edge\.r2\.bucket\.([0-9a-f]{32}_(default|eu|fedramp)_[a-z0-9-]+|\*)$/;

/**
 * The scope of each entry of a `resources` object, or a reason it is malformed. Account
 * tokens nest zones (and all-zones / all-buckets wildcards) under an account key.
 */
type Found = { scope?: PermissionScope; error?: string };

function scopesOf(resources: Record<string, unknown>, token: SynthToken): Found[] {
  return Object.entries(resources).flatMap(([key, value]): Found[] => {
    if (ZONE_KEY.test(key)) return [value === '*' ? { scope: 'zone' } : { error: `${key} must map to "*"` }];
    if (USER_KEY.test(key)) return [value === '*' ? { scope: 'user' } : { error: `${key} must map to "*"` }];
    if (BUCKET_KEY.test(key)) return [value === '*' ? { scope: 'r2Bucket' } : { error: `${key} must map to "*"` }];
    const account = ACCOUNT_KEY.exec(key);
    if (!account) return [{ error: `unknown resource key ${key}` }];
    if (token.accountId !== undefined && account[1] !== token.accountId) return [{ error: `${key} is not the owning account ${token.accountId}` }];
    if (value === '*') return [{ scope: 'account' }];
    if (value === null || typeof value !== 'object') return [{ error: `${key} maps to neither "*" nor an object` }];
    return Object.entries(value as Record<string, unknown>).map(([inner, v]): Found => {
      if (v !== '*') return { error: `${inner} must map to "*"` };
      if (ZONE_KEY.test(inner)) return { scope: 'zone' };
      if (inner === 'com.cloudflare.edge.r2.bucket.*') return { scope: 'r2Bucket' };
      return { error: `unknown nested key ${inner}` };
    });
  });
}

/** Every problem of a synthesized token: unknown ids, scope mismatches, malformed keys. */
function problemsOf(token: SynthToken): string[] {
  const problems: string[] = [];
  token.policies.forEach((policy, i) => {
    const at = `${token.name} policies[${i}]`;
    const scopes = scopesOf(policy.resources, token);
    for (const s of scopes) if (s.error) problems.push(`${at}: ${s.error}`);
    const resourceScopes = new Set(scopes.map((s) => s.scope).filter((s) => s !== undefined));
    if (resourceScopes.size !== 1) problems.push(`${at}: resources of ${resourceScopes.size} scopes`);
    if (token.type === 'cloudflare_account_token' && Object.keys(policy.resources).some((k) => ZONE_KEY.test(k))) {
      problems.push(`${at}: an account token with a top-level zone key`);
    }
    for (const id of policy.ids) {
      if (!PermissionGroups.has(id)) {
        problems.push(`${at}: ${id} is not in the catalog`);
        continue;
      }
      const group = PermissionGroups.byId(id);
      if (!resourceScopes.has(group.scope)) problems.push(`${at}: ${group.name} (${group.scope}) granted on ${[...resourceScopes].join(', ')}`);
    }
  });
  return problems;
}

function everyStack(): TerraformStack[] {
  const app = Testing.app();
  const stacks: TerraformStack[] = ENVIRONMENTS.map((env) => new TokenStack(app, env.name, env));
  stacks.push(new ProdTokens(Testing.app(), 'prod-example'));
  for (const example of [dnsManager, cmsPurge, workersCi, pagesCi, auditor]) {
    const stack = newStack(example.name);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      example(stack);
    } finally {
      log.mockRestore();
    }
    stacks.push(stack);
  }
  return stacks;
}

describe('every synthesized stack', () => {
  const synthesized = everyStack().map((stack) => ({ id: stack.node.id, tokens: tokensOf(Testing.synth(stack, true)) }));

  test('walks the environment stacks and README examples, and finds tokens in each', () => {
    expect(synthesized.map((s) => s.id)).toEqual(['dev', 'staging', 'prod', 'prod-example', 'dnsManager', 'cmsPurge', 'workersCi', 'pagesCi', 'auditor']);
    for (const s of synthesized) expect(s.tokens.length).toBeGreaterThan(0);
  });

  test('grants only catalogued permission ids, each on resources of its own scope', () => {
    const problems = synthesized.flatMap((s) => s.tokens.flatMap((t) => problemsOf(t).map((p) => `${s.id}: ${p}`)));
    expect(problems).toEqual([]);
  });
});

describe('the walker itself', () => {
  const base: SynthToken = { type: 'cloudflare_api_token', address: 'x', name: 'bad', policies: [] };
  const zone = 'com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353';
  const account = 'com.cloudflare.api.account.0123456789abcdef0123456789abcdef';

  test('flags a zone group on an account key', () => {
    expect(problemsOf({ ...base, policies: [{ effect: 'allow', ids: ['4755a26eedb94da69e1066d98aa820be'], resources: { [account]: '*' } }] })).toEqual([
      'bad policies[0]: DNS Write (zone) granted on account',
    ]);
  });

  test('flags an uncatalogued id, an unknown key and a top-level zone on an account token', () => {
    expect(problemsOf({ ...base, policies: [{ effect: 'allow', ids: ['ffffffffffffffffffffffffffffffff'], resources: { [zone]: '*' } }] })).toEqual([
      'bad policies[0]: ffffffffffffffffffffffffffffffff is not in the catalog',
    ]);
    expect(problemsOf({ ...base, policies: [{ effect: 'allow', ids: [], resources: { 'com.example.thing': '*' } }] })).toEqual([
      'bad policies[0]: unknown resource key com.example.thing',
      'bad policies[0]: resources of 0 scopes',
    ]);
    expect(
      problemsOf({ ...base, type: 'cloudflare_account_token', accountId: '0123456789abcdef0123456789abcdef', policies: [{ effect: 'allow', ids: ['e17beae8b8cb423a99b1730f21238bed'], resources: { [zone]: '*' } }] }),
    ).toEqual(['bad policies[0]: an account token with a top-level zone key']);
  });

  test('accepts zones nested under the owning account and flags another account', () => {
    const nested = { [account]: { [zone]: '*' } };
    const owned: SynthToken = { ...base, type: 'cloudflare_account_token', accountId: '0123456789abcdef0123456789abcdef' };
    expect(problemsOf({ ...owned, policies: [{ effect: 'allow', ids: ['e17beae8b8cb423a99b1730f21238bed'], resources: nested }] })).toEqual([]);
    expect(problemsOf({ ...owned, accountId: 'fedcba9876543210fedcba9876543210', policies: [{ effect: 'allow', ids: ['e17beae8b8cb423a99b1730f21238bed'], resources: nested }] })[0]).toMatch(
      /is not the owning account fedcba98/,
    );
  });
});
