// Property tests of the policy renderer: what it writes parses back to exactly the grants
// asked for, is canonical JSON, and does not depend on the order or repetition of the input.
import { Testing, TerraformStack } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import fc from 'fast-check';
import { CloudflareToken, PermissionGroups, Policy, Resource, TokenOwner, canonicalJson } from '../../lib';
import type { PermissionScope } from '../../lib';
import { renderPolicies, RenderedPolicy } from '../../lib/policy/render';
import { OwnerContext } from '../../lib/resources/resource';

fc.configureGlobal({ seed: 20261128, numRuns: 150 });

const OWNER_ACCOUNT = '0123456789abcdef0123456789abcdef';
const hexId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 32, maxLength: 32 });
/** A few ids, so that generated policies share resources and merge. */
const someId = fc.oneof(fc.constantFrom('023e105f4ecef8ad9ca31a8372d0c353', 'fedcba9876543210fedcba9876543210'), hexId);

/** Names that resolve without a scope, per scope (ambiguous names need `{ name, scope }`). */
const unambiguous = (scope: PermissionScope) =>
  PermissionGroups.inScope(scope)
    .filter((g) => PermissionGroups.scopesOf(g.name).length === 1)
    .map((g) => g.name);
const NAMES = { zone: unambiguous('zone'), account: unambiguous('account'), r2Bucket: unambiguous('r2Bucket') };

type Owner = { kind: 'user' } | { kind: 'account' };

/** The leaf grants a resource stands for, written independently of lib/: "key" or "key > nested key". */
function expectedLeaf(resource: GeneratedResource, owner: Owner): string {
  const account = (id: string) => `com.cloudflare.api.account.${id}`;
  switch (resource.kind) {
    case 'zone':
      return owner.kind === 'account'
        ? `${account(OWNER_ACCOUNT)} > com.cloudflare.api.account.zone.${resource.id}`
        : `com.cloudflare.api.account.zone.${resource.id}`;
    case 'allZonesOfAccount':
      return `${account(resource.id)} > com.cloudflare.api.account.zone.*`;
    case 'account':
      return account(resource.id);
    case 'r2Bucket':
      return `com.cloudflare.edge.r2.bucket.${resource.id}_default_${resource.bucket}`;
  }
}

type GeneratedResource = { kind: 'zone' | 'allZonesOfAccount' | 'account'; id: string } | { kind: 'r2Bucket'; id: string; bucket: string };
interface GeneratedPolicy {
  effect: 'allow' | 'deny';
  scope: 'zone' | 'account' | 'r2Bucket';
  names: string[];
  resources: GeneratedResource[];
}

/** Policies valid for `owner`: account-owned tokens get resources of the owning account only. */
function policies(owner: Owner) {
  const accountId = owner.kind === 'account' ? fc.constant(OWNER_ACCOUNT) : someId;
  const resourcesOf = (scope: GeneratedPolicy['scope']): fc.Arbitrary<GeneratedResource> => {
    switch (scope) {
      case 'zone':
        return fc.oneof(
          someId.map((id) => ({ kind: 'zone' as const, id })),
          accountId.map((id) => ({ kind: 'allZonesOfAccount' as const, id })),
        );
      case 'account':
        return accountId.map((id) => ({ kind: 'account' as const, id }));
      case 'r2Bucket':
        return fc.tuple(accountId, fc.constantFrom('logs', 'assets', 'backups')).map(([id, bucket]) => ({ kind: 'r2Bucket' as const, id, bucket }));
    }
  };
  const policy = fc.constantFrom<GeneratedPolicy['scope']>('zone', 'account', 'r2Bucket').chain((scope) =>
    fc.record({
      effect: fc.constantFrom<'allow' | 'deny'>('allow', 'deny'),
      scope: fc.constant(scope),
      names: fc.uniqueArray(fc.constantFrom(...NAMES[scope]), { minLength: 1, maxLength: 4 }),
      resources: fc.array(resourcesOf(scope), { minLength: 1, maxLength: 3 }),
    }),
  );
  return fc.array(policy, { minLength: 1, maxLength: 5 });
}

const ownerArb = fc.constantFrom<Owner>({ kind: 'user' }, { kind: 'account' });
const context = (owner: Owner): OwnerContext => (owner.kind === 'account' ? { kind: 'account', accountId: OWNER_ACCOUNT } : { kind: 'user' });
const toResource = (r: GeneratedResource): Resource => {
  switch (r.kind) {
    case 'zone':
      return Resource.zone(r.id);
    case 'allZonesOfAccount':
      return Resource.allZonesOfAccount(r.id);
    case 'account':
      return Resource.account(r.id);
    case 'r2Bucket':
      return Resource.r2Bucket(r.id, r.bucket);
  }
};
const toPolicy = (p: GeneratedPolicy): Policy =>
  Policy[p.effect]({ permissions: p.names as never[], resources: p.resources.map(toResource) });

function render(generated: GeneratedPolicy[], owner: Owner): readonly RenderedPolicy[] {
  const result = renderPolicies(generated.map(toPolicy), context(owner));
  expect(result.problems).toEqual([]);
  return result.policies;
}

/** Every (effect, group id, leaf) triple a rendered policy list grants, read from its JSON. */
function grantsOf(rendered: readonly RenderedPolicy[]): string[] {
  const grants = new Set<string>();
  for (const policy of rendered) {
    const parsed = JSON.parse(policy.resourcesJson) as Record<string, '*' | Record<string, '*'>>;
    const leaves = Object.entries(parsed).flatMap(([key, value]) => (value === '*' ? [key] : Object.keys(value).map((inner) => `${key} > ${inner}`)));
    for (const group of policy.permissionGroups) for (const leaf of leaves) grants.add(`${policy.effect} | ${group.id} | ${leaf}`);
  }
  return [...grants].sort();
}

function expectedGrants(generated: GeneratedPolicy[], owner: Owner): string[] {
  const grants = new Set<string>();
  for (const policy of generated) {
    for (const name of policy.names) {
      const id = PermissionGroups.byName(name as never, policy.scope).id;
      for (const resource of policy.resources) grants.add(`${policy.effect} | ${id} | ${expectedLeaf(resource, owner)}`);
    }
  }
  return [...grants].sort();
}

/** Whether every object in a parsed JSON value has its keys in code-unit order. */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k) && Object.values(value).every(keysSorted);
}

/** The input reordered at every level and with some entries repeated. */
function shuffledWithRepeats(generated: GeneratedPolicy[]) {
  const permute = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
  const repeatSome = <T>(items: T[]) => fc.subarray(items).map((extra) => [...items, ...extra]);
  return fc
    .tuple(
      ...generated.map((p) =>
        fc.tuple(permute(p.names).chain(repeatSome), permute(p.resources).chain(repeatSome)).map(([names, resources]) => ({ ...p, names, resources })),
      ),
    )
    .chain((ps) => permute(ps))
    .chain(repeatSome);
}

describe('renderPolicies', () => {
  it('writes resources that parse back to exactly the grants asked for', () => {
    fc.assert(
      fc.property(ownerArb.chain((o) => policies(o).map((ps) => ({ o, ps }))), ({ o, ps }) => {
        // GIVEN valid policies for an owner WHEN rendered THEN the (effect, group, resource) grants are the same
        expect(grantsOf(render(ps, o))).toEqual(expectedGrants(ps, o));
      }),
    );
  });

  it('writes canonical JSON: sorted keys, no white space, a fixed point of canonicalJson', () => {
    fc.assert(
      fc.property(ownerArb.chain((o) => policies(o).map((ps) => ({ o, ps }))), ({ o, ps }) => {
        for (const policy of render(ps, o)) {
          const parsed: unknown = JSON.parse(policy.resourcesJson);
          expect(policy.resourcesJson).toBe(canonicalJson(parsed));
          expect(policy.resourcesJson).not.toMatch(/\s/);
          expect(keysSorted(parsed)).toBe(true);
          // and the permission groups are sorted by id, without repeats
          const ids = policy.permissionGroups.map((g) => g.id);
          expect(ids).toEqual([...new Set(ids)].sort());
        }
      }),
    );
  });

  it('renders the same whatever the order or repetition of policies, permissions and resources', () => {
    fc.assert(
      fc.property(
        ownerArb.chain((o) => policies(o).chain((ps) => shuffledWithRepeats(ps).map((shuffled) => ({ o, ps, shuffled })))),
        ({ o, ps, shuffled }) => {
          // GIVEN the same grants written in another order, some twice
          // WHEN both are rendered THEN the results are equal, summaries included
          const summary = (rendered: readonly RenderedPolicy[]) =>
            rendered.map((p) => ({ effect: p.effect, ids: p.permissionGroups.map((g) => g.id), json: p.resourcesJson, summary: p.summary }));
          expect(summary(render(shuffled, o))).toEqual(summary(render(ps, o)));
        },
      ),
    );
  });
});

describe('CloudflareToken synth', () => {
  it('synthesizes byte-identical JSON whatever the order or repetition of its input', () => {
    const synth = (generated: GeneratedPolicy[], owner: Owner) => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      new CloudflareProvider(stack, 'cloudflare', {});
      const token = new CloudflareToken(stack, 'token', {
        owner: owner.kind === 'account' ? TokenOwner.account(OWNER_ACCOUNT) : TokenOwner.user(),
        policies: generated.map(toPolicy),
      });
      // Testing.synth drops the "//" block, so the summary is compared from the construct.
      return { json: Testing.synth(stack), summary: token.summary };
    };
    fc.assert(
      fc.property(
        ownerArb.chain((o) => policies(o).chain((ps) => shuffledWithRepeats(ps).map((shuffled) => ({ o, ps, shuffled })))),
        ({ o, ps, shuffled }) => {
          expect(synth(shuffled, o)).toEqual(synth(ps, o));
        },
      ),
      { numRuns: 25 },
    );
  });
});
