import { ApiToken as ProviderApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { Aspects, Fn, Lazy, ref, TerraformIterator, TerraformResource, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { CloudflareToken, LeastPrivilegeChecks, PermissionGroups, Policy, Resource } from '../../lib';
import { ApiToken } from '../../lib/bindings/cloudflare-token-resources';
import { literalFactAttributes } from '../../lib/checks/literal-attributes';
import { readTokenFacts, resolvedFactAttributes } from '../../lib/checks/token-facts';
import { givenStack, ZONE } from '../checks/helpers';

// Attacks on the checks' fast path (lib/checks/literal-attributes.ts, issue 14): it reads a
// token's six fact attributes from `synthesizeAttributes()` and decides from `rawOverrides` and
// `_hasMoved` whether that is what synthesis writes. Synthesis writes `toTerraform()`, which also
// merges the resource's meta-arguments and which a subclass or the instance can replace. Each
// test compares what the checks read with the cdk.tf.json that `Testing.fullSynth` writes.
// The first seven found real holes in the first version of the fast path (fixed: it now reads
// the unresolved toTerraform() block); the rest are attacks that failed. All are regression tests.

const FACTS = ['account_id', 'condition', 'expires_on', 'name', 'not_before', 'policies'] as const;
const DNS_WRITE = PermissionGroups.byName('DNS Write').id;
const TOKENS_WRITE = PermissionGroups.byName('API Tokens Write').id;
const ZONE_RESOURCES = JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' });
const USER_RESOURCES = JSON.stringify({ 'com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a': '*' });
const narrowPolicy = { effect: 'allow', permission_groups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES };
const mintingPolicy = { effect: 'allow', permission_groups: [{ id: TOKENS_WRITE }], resources: USER_RESOURCES };

/** The block of `resource` in the cdk.tf.json that a full synth of its stack writes. */
function writtenBlock(resource: TerraformResource): Record<string, unknown> {
  const stack = TerraformStack.of(resource);
  const outdir = Testing.fullSynth(stack);
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
  return json.resource[resource.terraformResourceType][resource.friendlyUniqueId];
}

/** The fact attributes of a written block (what Terraform gets). */
function writtenFacts(resource: TerraformResource): Record<string, unknown> {
  const block = writtenBlock(resource);
  const out: Record<string, unknown> = {};
  for (const name of FACTS) if (block[name] !== undefined) out[name] = block[name];
  return out;
}

/** What the checks read (the fast path when it applies, the resolved JSON otherwise). */
function checkedFacts(resource: TerraformResource): Record<string, unknown> {
  return (literalFactAttributes(resource) ?? resolvedFactAttributes(resource)) as Record<string, unknown>;
}

function bindingToken(stack: TerraformStack, id: string): ApiToken {
  return new ApiToken(stack, id, {
    name: id,
    policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
    condition: { requestIp: { in: ['192.0.2.0/24'] } },
    expiresOn: '2027-03-01T00:00:00Z',
    notBefore: '2027-01-01T00:00:00Z',
  });
}

describe('the fast path reads what synthesis writes: toTerraform, not synthesizeAttributes', () => {
  test('a subclass of a raw provider token that overrides toTerraform() to mint tokens fails synth (CFT2)', () => {
    // A subclass rewrites its own block at synth (a "post-processing" pattern). The old path
    // resolved toTerraform() and saw it; the fast path reads synthesizeAttributes() only.
    class PostProcessed extends ProviderApiToken {
      public toTerraform(): any {
        const out = super.toTerraform();
        out.resource.cloudflare_api_token[this.friendlyUniqueId].policies = [mintingPolicy];
        return out;
      }
    }
    const make = (stack: TerraformStack) =>
      new PostProcessed(stack, 'minter', {
        name: 'minter',
        policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
        expiresOn: '2027-03-01T00:00:00Z',
        notBefore: '2027-01-01T00:00:00Z',
      });
    // Unchecked, cdk.tf.json holds the minting policy; the checks must read just that.
    const token = make(givenStack());
    const written = writtenFacts(token);
    expect(written.policies).toEqual([mintingPolicy]);
    expect(checkedFacts(token).policies).toEqual(written.policies);
    // Checked, a token that grants API Tokens Write fails synth (CFT2), as it did at dbf7af3.
    const checked = givenStack();
    LeastPrivilegeChecks.applyTo(checked);
    make(checked);
    expect(() => Testing.fullSynth(checked)).toThrow(/\[stack\/minter\] \[CFT2\]/);
  });

  test('replacing toTerraform on the instance of a CloudflareToken resource: the dropped IP condition is seen', () => {
    const stack = givenStack();
    const token = new CloudflareToken(stack, 't', { policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })], allowedIps: ['192.0.2.0/24'] });
    const resource = token.resource;
    const original = resource.toTerraform.bind(resource);
    resource.toTerraform = () => {
      const out = original();
      delete out.resource.cloudflare_api_token[resource.friendlyUniqueId].condition;
      return out;
    };
    expect(writtenFacts(resource).condition).toBeUndefined();
    expect(readTokenFacts(resource).allowedIps).toEqual([]);
  });

  test('meta-arguments are merged into the block: a terraformMetaArguments getter that adds a policy is seen', () => {
    // cdktf's toTerraform deep-merges keysToSnakeCase(this.terraformMetaArguments) into the
    // attributes (lists are appended, `undefined` deletes): the fast path never reads them.
    class WithMetaPolicies extends ApiToken {
      public get terraformMetaArguments(): { [name: string]: any } {
        return { ...super.terraformMetaArguments, policies: [mintingPolicy], condition: undefined };
      }
    }
    const make = (stack: TerraformStack) =>
      new WithMetaPolicies(stack, 'meta', {
        name: 'meta',
        policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
        condition: { requestIp: { in: ['192.0.2.0/24'] } },
        expiresOn: '2027-03-01T00:00:00Z',
        notBefore: '2027-01-01T00:00:00Z',
      });
    const token = make(givenStack());
    const written = writtenFacts(token);
    expect(written.policies).toEqual([narrowPolicy, mintingPolicy]);
    expect(written.condition).toBeUndefined();
    expect(checkedFacts(token)).toEqual(written);
    const checked = givenStack();
    LeastPrivilegeChecks.applyTo(checked);
    make(checked);
    expect(() => Testing.fullSynth(checked)).toThrow(/\[stack\/meta\] \[CFT2\]/);
  });

  test('the same getter defined on one instance (plain JS, no subclass) is seen too', () => {
    const stack = givenStack();
    const token = bindingToken(stack, 'patched');
    const base = Object.getOwnPropertyDescriptor(TerraformResource.prototype, 'terraformMetaArguments')?.get as () => Record<string, unknown>;
    Object.defineProperty(token, 'terraformMetaArguments', { get: () => ({ ...base.call(token), condition: undefined }) });
    expect(writtenFacts(token).condition).toBeUndefined();
    expect(readTokenFacts(token).allowedIps).toEqual([]);
  });
});

describe('a list marked as a cdktf dynamic block (Object.defineProperty trick)', () => {
  test('an allowed-IP list carrying the dynamic-block marker: the checks read it where synthesis moves it', () => {
    // cdktf's processDynamicAttributes tests `Symbol.for("cdktf/TerraformDynamicBlock") in x`
    // on every value of plain objects and moves a marked one under "dynamic"; the fast path only
    // rejects class instances, and a plain array with a non-enumerable marker passes as literal.
    // Terraform does not reject the extra "dynamic" key inside a nested attribute object
    // (hashicorp/terraform#33570): the token is created without its allowed IPs.
    const stack = givenStack();
    const cidrs = ['192.0.2.0/24'];
    Object.defineProperty(cidrs, Symbol.for('cdktf/TerraformDynamicBlock'), { value: true });
    Object.defineProperty(cidrs, 'toTerraformDynamicBlockJson', { value: () => ({ for_each: [], content: {} }) });
    const token = new ApiToken(stack, 'marked', {
      name: 'marked',
      policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
      condition: { requestIp: { in: cidrs } },
    });
    const written = writtenFacts(token);
    expect(written.condition).toEqual({ request_ip: { dynamic: { in: { content: {}, for_each: [] } } } });
    expect(checkedFacts(token)).toEqual(written);
  });
});

describe('a number-list token element is not read as a literal number', () => {
  test('Token.asNumberList in a list attribute: the checks read the reference synthesis writes', () => {
    // Token.isUnresolved(number) tests only the scalar number-token marker; resolve() also
    // replaces a list holding a number-LIST token element (containsNumberListTokenElement).
    const stack = givenStack();
    const cidrs = new TerraformVariable(stack, 'cidrs', { type: 'list(number)' });
    const token = new ApiToken(stack, 'numbers', {
      name: 'numbers',
      policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
      condition: { requestIp: { in: Token.asNumberList(cidrs.value) as unknown as string[] } },
    });
    const written = writtenFacts(token);
    expect(written.condition).toEqual({ request_ip: { in: '${var.cidrs}' } });
    expect(checkedFacts(token)).toEqual(written);
  });
});

describe('attacks that failed (regression tests): the fast path falls back or reads the same', () => {
  test.each([
    ['a Lazy string name', () => ({ name: Lazy.stringValue({ produce: () => 'lazy' }) })],
    ['an Fn.join name', () => ({ name: Fn.join('-', ['a', 'b']) })],
    ['a Token.asList CIDR list', (stack: TerraformStack) => ({ condition: { requestIp: { in: Token.asList(new TerraformVariable(stack, 'l', { type: 'list(string)' }).value) } } })],
    ['a Token.asString(number) inside the resources text', (stack: TerraformStack) => ({ policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: `{"x": "${Token.asString(new TerraformVariable(stack, 'n', { type: 'number' }).numberValue)}"}` }] })],
    ['an escaped "$${" in the name', () => ({ name: 'a $${literal} b' })],
  ])('%s', (_what, extra) => {
    const stack = givenStack();
    const token = new ApiToken(stack, 't', {
      name: 't',
      policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
      ...(extra(stack) as object),
    });
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test('a Lazy any value as the policies of a raw provider token falls back to resolving', () => {
    const stack = givenStack();
    const token = new ProviderApiToken(stack, 'lazy', { name: 'lazy', policies: Lazy.anyValue({ produce: () => [mintingPolicy] }) as never });
    expect(literalFactAttributes(token)).toBeUndefined();
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test('a map token (a token in an object KEY) from a subclass synthesizeAttributes falls back to resolving', () => {
    class MapCondition extends ApiToken {
      protected synthesizeAttributes(): Record<string, unknown> {
        return { ...super.synthesizeAttributes(), condition: { request_ip: Token.asAnyMap(Fn.lookup(Fn.jsondecode('{}'), 'x', {})) } };
      }
    }
    const stack = givenStack();
    const token = new MapCondition(stack, 'mapped', { name: 'mapped', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }] });
    expect(literalFactAttributes(token)).toBeUndefined();
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test.each([
    ['policies', undefined],
    ['policies.0.resources', USER_RESOURCES],
    ['condition.request_ip.in', ['0.0.0.0/0']],
    ['condition', undefined],
  ])('an override of %s is seen', (at, value) => {
    const stack = givenStack();
    const token = bindingToken(stack, 'o');
    token.addOverride(at, value);
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test.each<[string, (t: ApiToken) => void]>([
    ['overrideLogicalId', (t) => t.overrideLogicalId('renamed')],
    ['overrideLogicalId then resetOverrideLogicalId', (t) => (t.overrideLogicalId('renamed'), t.resetOverrideLogicalId())],
    ['importFrom', (t) => t.importFrom('abc')],
    ['moveFromId', (t) => t.moveFromId('cloudflare_api_token.old')],
    ['forEach over an iterator, and an override of lifecycle (not a fact)', (t) => {
      const it = TerraformIterator.fromList(['a', 'b']);
      t.forEach = it;
      t.addOverride('lifecycle.create_before_destroy', true);
    }],
  ])('%s: the checks read what is written', (_what, edit) => {
    const stack = givenStack();
    const token = bindingToken(stack, 'x');
    edit(token);
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test('a ref() and an iterator value in the policies fall back to resolving, and read the same', () => {
    const stack = givenStack();
    const it = TerraformIterator.fromList(['a']);
    const token = new ApiToken(stack, 'refs', {
      name: it.value,
      forEach: it,
      policies: [{ effect: 'allow', permissionGroups: [{ id: Token.asString(ref('var.group')) }], resources: ZONE_RESOURCES }],
    });
    expect(literalFactAttributes(token)).toBeUndefined();
    expect(checkedFacts(token)).toEqual(writtenFacts(token));
  });

  test('moveTo: the moved token writes no block, and the checks do not read it as if it did', () => {
    const stack = givenStack();
    const from = bindingToken(stack, 'from');
    bindingToken(stack, 'to').addMoveTarget('target');
    from.moveTo('target');
    expect(literalFactAttributes(from)).toBeUndefined();
  });

  test('an override made by an Aspect added BEFORE the checks is seen: the minting grant fails synth', () => {
    const stack = givenStack();
    const token = bindingToken(stack, 'late');
    Aspects.of(stack).add({
      visit(node: IConstruct) {
        if (node === token) token.addOverride('policies', [mintingPolicy]);
      },
    });
    LeastPrivilegeChecks.applyTo(stack);
    expect(() => Testing.fullSynth(stack)).toThrow(/\[stack\/late\] \[CFT2\]/);
  });
});
