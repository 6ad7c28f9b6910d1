import { AccountToken as ProviderAccountToken } from '@cdktf/provider-cloudflare/lib/account-token';
import { ApiToken as ProviderApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { Fn, TerraformIterator, TerraformLocal, TerraformResource, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { CloudflareToken, OverlappingToken, Policy, Resource, ScopedDnsToken, TokenOwner } from '../../lib';
import { ApiToken } from '../../lib/bindings/cloudflare-token-resources';
import { isTokenResource, readTokenFacts, resolvedFactAttributes } from '../../lib/checks/token-facts';
import { literalFactAttributes } from '../../lib/checks/literal-attributes';
import { ENVIRONMENTS } from '../../stacks/environments';
import { TokenStack } from '../../stacks/token-stack';
import { ACCOUNT, givenStack, ZONE } from './helpers';

// The checks read a token's attributes without cdktf's `resolve` when they are plain literals
// (lib/checks/literal-attributes.ts): these tests hold that reading to the resolved one, on
// tokens of every shape, and show which shapes take which path.

const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const policies = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

function tokenResources(stack: TerraformStack): TerraformResource[] {
  return stack.node.findAll().filter(isTokenResource);
}

/** Whether the attributes were read without resolving; when they were, they equal the resolved ones. */
function read(resource: TerraformResource): { literal: boolean } {
  const literal = literalFactAttributes(resource);
  if (literal !== undefined) expect(literal).toEqual(resolvedFactAttributes(resource));
  return { literal: literal !== undefined };
}

describe('literal attributes are exactly the resolved ones', () => {
  test('a CloudflareToken of literals (user and account owned, IPs, dates, status) is read without resolving', () => {
    const stack = givenStack();
    const user = new CloudflareToken(stack, 'user', { policies, allowedIps: ['192.0.2.0/24'], deniedIps: ['192.0.2.7'], expiresOn: '2027-03-01T00:00:00Z', notBefore: '2026-03-01T00:00:00Z', status: 'disabled' });
    const account = new CloudflareToken(stack, 'account', { policies, owner: TokenOwner.account(ACCOUNT), name: 'literal ${not a reference} %{ nor this }' });
    expect(read(user.resource).literal).toBe(true);
    expect(read(account.resource).literal).toBe(true);
    // The escaped name is what Terraform must get: the literal reading keeps the escape.
    expect(literalFactAttributes(account.resource)?.name).toBe('literal $${not a reference} %%{ nor this }');
  });

  test('raw provider tokens of literals are read without resolving too', () => {
    const stack = givenStack();
    const raw = new ProviderApiToken(stack, 'raw', {
      name: 'raw',
      policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }],
      condition: { requestIp: { in: ['192.0.2.0/24'] } },
    });
    const rawAccount = new ProviderAccountToken(stack, 'raw-account', {
      accountId: ACCOUNT,
      name: 'raw account',
      policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }],
    });
    const binding = new ApiToken(stack, 'binding', { name: 'binding', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }] });
    for (const r of [raw, rawAccount, binding]) expect(read(r).literal).toBe(true);
  });

  test.each([
    ['a string reference in the name', (stack: TerraformStack) => ({ name: new TerraformVariable(stack, 'v', { type: 'string' }).stringValue })],
    ['a reference inside a CIDR list', (stack: TerraformStack) => ({ allowedIps: ['192.0.2.0/24', new TerraformVariable(stack, 'v', { type: 'string' }).stringValue] })],
    ['an expiry from a function', () => ({ expiresOn: Fn.timeadd('2027-01-01T00:00:00Z', '24h') })],
    ['a local as notBefore', (stack: TerraformStack) => ({ notBefore: new TerraformLocal(stack, 'l', '2026-01-01T00:00:00Z').asString })],
  ])('%s is resolved, and read the same', (_what, extra) => {
    const stack = givenStack();
    const token = new CloudflareToken(stack, 't', { policies, ...extra(stack) });
    expect(read(token.resource).literal).toBe(false);
    expect(() => readTokenFacts(token.resource)).not.toThrow();
  });

  test('a whole list token as the CIDR list (raw binding) is resolved', () => {
    const stack = givenStack();
    const cidrs = new TerraformVariable(stack, 'cidrs', { type: 'list(string)' });
    const r = new ApiToken(stack, 'listed', { name: 'listed', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }], condition: { requestIp: { in: cidrs.listValue } } });
    expect(read(r).literal).toBe(false);
    expect(resolvedFactAttributes(r).condition).toEqual({ request_ip: { in: '${var.cidrs}' } });
  });

  test('a number token written into a string (the name) is resolved', () => {
    const stack = givenStack();
    const count = new TerraformVariable(stack, 'n', { type: 'number' });
    const r = new ApiToken(stack, 'numbered', { name: `token-${Token.asString(count.numberValue)}`, policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }] });
    expect(read(r).literal).toBe(false);
    expect(resolvedFactAttributes(r).name).toBe('token-${var.n}');
  });

  test('text that looks like a number run but is none (hex ids with "e") stays literal', () => {
    const stack = givenStack();
    const zone = '0000000000000000000000000001e2e3';
    const token = new CloudflareToken(stack, 'hex', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(zone)] })], name: 'v1e+289 -1.5e+10' });
    expect(read(token.resource).literal).toBe(true);
  });

  test.each([
    ['policies', ['policies.0.effect', 'deny']],
    ['condition', ['condition.request_ip.in', ['0.0.0.0/0']]],
    ['expires_on', ['expires_on', undefined]],
    ['name', ['name', 'other']],
    ['not_before', ['not_before', '2020-01-01T00:00:00Z']],
    ['account_id', ['account_id', 'ffffffffffffffffffffffffffffffff']],
  ] as const)('an override of %s sends the token to resolving, which sees it', (_what, [path, value]) => {
    const stack = givenStack();
    const token = new CloudflareToken(stack, 't', { policies, owner: TokenOwner.account(ACCOUNT), allowedIps: ['192.0.2.0/24'], expiresOn: '2027-03-01T00:00:00Z' });
    token.resource.addOverride(path, value);
    expect(literalFactAttributes(token.resource)).toBeUndefined();
    const resolved = resolvedFactAttributes(token.resource) as Record<string, unknown>;
    const [head, ...rest] = path.split('.');
    let at: unknown = resolved[head];
    for (const key of rest) at = (at as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) expect(at).toBeUndefined();
    // cdktf appends an overriding list to the one it overrides.
    else if (Array.isArray(value)) expect(at).toEqual(expect.arrayContaining([...value]));
    else expect(at).toEqual(value);
  });

  test('an override elsewhere (lifecycle, "//") keeps the literal reading, and it matches', () => {
    const stack = givenStack();
    const token = new CloudflareToken(stack, 't', { policies });
    token.resource.addOverride('lifecycle.prevent_destroy', true);
    token.resource.addOverride('//.note', 'x');
    expect(read(token.resource).literal).toBe(true);
  });

  test('a dynamic block or a resolvable object among the attributes is resolved', () => {
    const stack = givenStack();
    const list = new TerraformVariable(stack, 'policies', { type: 'list(any)' });
    const iterator = TerraformIterator.fromList(list.listValue);
    const dynamic = new ProviderApiToken(stack, 'dynamic', {
      name: 'dynamic',
      policies: iterator.dynamic({ effect: 'allow', permission_groups: [{ id: DNS_WRITE }], resources: '{}' }) as never,
    });
    expect(literalFactAttributes(dynamic)).toBeUndefined();
    // The provider's attribute list renders the iterator as a `for` expression: CFT13 territory.
    expect(resolvedFactAttributes(dynamic).policies).toMatch(/^\$\{\[ for key, val in toset\(var\.policies\)/);
    const lazy = new ProviderApiToken(stack, 'lazy', { name: 'lazy', policies: Token.asAny({ resolve: () => [] }) as never });
    expect(literalFactAttributes(lazy)).toBeUndefined();
    expect(resolvedFactAttributes(lazy).policies).toEqual([]);
  });

  test('a moved token is left to the resolving path (which reports it cannot be read)', () => {
    const stack = givenStack();
    const from = new ApiToken(stack, 'from', { name: 'from', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }] });
    const to = new ApiToken(stack, 'to', { name: 'to', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: '{}' }] });
    to.addMoveTarget('target');
    from.moveTo('target');
    expect(literalFactAttributes(from)).toBeUndefined();
  });

  test('every token of the example stacks, rotating and overlapping ones and presets: literal where it can be, always the same', () => {
    const app = Testing.app();
    const stacks = ENVIRONMENTS.map((env) => new TokenStack(app, env.name, env));
    const extra = givenStack(app);
    new OverlappingToken(extra, 'overlap', { policies, rotation: { everyDays: 30, graceDays: 7 } });
    new CloudflareToken(extra, 'rotating', { policies, rotation: { everyDays: 30, graceDays: 7 } });
    new ScopedDnsToken(extra, 'dns', { zones: [ZONE], allowedIps: ['192.0.2.0/24'], expiresOn: '2027-01-01T00:00:00Z' });
    const results = [...stacks, extra].flatMap((s) => tokenResources(s).map((r) => ({ path: r.node.path, ...read(r) })));
    expect(results.length).toBeGreaterThan(12);
    // Rotating tokens take expires_on from the generation record: a reference, so resolved.
    const literalPaths = results.filter((r) => r.literal).map((r) => r.path);
    expect(literalPaths).toContain('stack/dns/Token/token');
    expect(results.filter((r) => !r.literal).map((r) => r.path)).toContain('stack/rotating/token');
  });
});
