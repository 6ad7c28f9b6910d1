import * as fs from 'fs';
import * as path from 'path';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { OverlappingToken, OverlappingTokenProps, Policy, Resource, TokenConfigError, TokenOwner } from '../../lib';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '01a7362d577a6c3019a474fd6f485823';
const dnsPolicy = () => Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function build(props: Partial<OverlappingTokenProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new OverlappingToken(stack, 'ci', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 }, ...props });
  return { stack, token };
}

function synthOf(token: OverlappingToken): Json {
  return JSON.parse(Testing.synth(token.node.scope as TerraformStack, true));
}

describe('OverlappingToken', () => {
  test('each slot has its own generation record on one grid: slot a even periods, slot b odd ones (test/terraform/overlapping-token.test.ts runs it)', () => {
    const { token } = build();
    const json = synthOf(token);
    const start = `terraform_data.${token.start.friendlyUniqueId}`;
    expect(json.resource.terraform_data[token.start.friendlyUniqueId]).toMatchObject({ input: { rfc3339: '${plantimestamp()}' }, lifecycle: { ignore_changes: ['input'] } });
    const [a, b] = token.generations.map((g) => json.resource.terraform_data[g.friendlyUniqueId].input);
    const k = `max(0, floor((${Object.keys(json.locals).map((n) => `local.${n}`).find((n) => n.includes('unix'))} - ${start}.input.unix) / 2592000))`;
    expect(a).toEqual({ every_days: 30, grace_days: 7, slot: 'a', generation: `\${2 * floor(${k} / 2)}`, expires_on: `\${timeadd(${start}.input.rfc3339, format("%dh", (2 * floor(${k} / 2) + 2) * 720 + 168))}` });
    expect(b).toEqual({
      every_days: 30,
      grace_days: 7,
      slot: 'b',
      generation: `\${2 * floor((${k} + 1) / 2) - 1}`,
      expires_on: `\${timeadd(${start}.input.rfc3339, format("%dh", (2 * floor((${k} + 1) / 2) - 1 + 2) * 720 + 168))}`,
    });
    expect(JSON.stringify(json)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(json.resource.time_rotating).toBeUndefined();
  });

  test('two overlapping tokens in one stack share the plan clock and keep their own records', () => {
    const { stack } = build();
    new OverlappingToken(stack, 'other', { policies: [dnsPolicy()], rotation: { everyDays: 7, graceDays: 1 } });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.locals)).toHaveLength(2);
    expect(Object.keys(json.resource.terraform_data)).toHaveLength(6);
  });

  test("each slot token expires at its generation's expiry and is replaced, new one first, by its own generation only", () => {
    const { token } = build();
    const json = synthOf(token);
    token.slots.forEach((slot, i) => {
      const rendered = json.resource.cloudflare_api_token[slot.resource.friendlyUniqueId];
      const generation = `terraform_data.${token.generations[i].friendlyUniqueId}`;
      expect(rendered.expires_on).toBe(`\${${generation}.input.expires_on}`);
      expect(rendered.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [generation] });
    });
  });

  test('value is the slot with the newer generation, chosen by Terraform', () => {
    const { token } = build();
    const out = token.exportValue();
    const json = synthOf(token);
    const [ga, gb] = token.generations.map((g) => `terraform_data.${g.friendlyUniqueId}.input.generation`);
    const [ta, tb] = token.slots.map((s) => `cloudflare_api_token.${s.resource.friendlyUniqueId}.value`);
    const rendered = json.output[out.friendlyUniqueId];
    expect(rendered.value).toBe(`\${(${ga} > ${gb}) ? ${ta} : ${tb}}`);
    expect(rendered.sensitive).toBe(true);
  });

  test('both slots grant exactly the same policies', () => {
    const { token } = build({ owner: TokenOwner.account(ACCOUNT) });
    const json = synthOf(token);
    const [a, b] = token.slots.map((s) => json.resource.cloudflare_account_token[s.resource.friendlyUniqueId]);
    expect(a.policies).toEqual(b.policies);
    expect(a.policies[0].permission_groups).toHaveLength(2);
    expect(token.summary).toEqual(token.slots[1].summary);
    expect(a.account_id).toBe(ACCOUNT);
  });

  test('a given name is suffixed per slot; the default is each slot path', () => {
    expect(build({ name: 'ci-dns' }).token.slots.map((s) => s.tokenName)).toEqual(['ci-dns (a)', 'ci-dns (b)']);
    expect(build().token.slots.map((s) => s.tokenName)).toEqual(['prod/ci/a', 'prod/ci/b']);
  });

  test('synth is byte-identical whatever the clock and time zone', () => {
    const originalTz = process.env.TZ;
    jest.useFakeTimers({ now: new Date('2026-02-28T23:59:59Z') });
    try {
      process.env.TZ = 'UTC';
      const first = Testing.synth(build().stack, true);
      jest.setSystemTime(new Date('2040-09-01T08:00:00Z'));
      process.env.TZ = 'America/St_Johns';
      expect(Testing.synth(build().stack, true)).toBe(first);
    } finally {
      jest.useRealTimers();
      process.env.TZ = originalTz;
    }
  });

  test('each slot token records its rotation in "//".rotation: the slot, and at most 2N + G days of validity', () => {
    const { stack, token } = build();
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    token.slots.forEach((slot, i) => {
      expect(json.resource.cloudflare_api_token[slot.resource.friendlyUniqueId]['//'].rotation).toEqual({
        everyDays: 30,
        graceDays: 7,
        maxValidityDays: 67,
        slot: i === 0 ? 'a' : 'b',
        generation: `terraform_data.${token.generations[i].friendlyUniqueId}`,
      });
    });
  });

  test('needs no time provider', () => {
    const { token } = build();
    expect(synthOf(token).provider.time).toBeUndefined();
  });
});

describe('OverlappingToken: bad input', () => {
  test('a grace period not shorter than the period is rejected with the construct path', () => {
    expect(() => build({ rotation: { everyDays: 7, graceDays: 7 } })).toThrow(
      /\[prod\/ci\][\s\S]*rotation\.graceDays is not shorter than everyDays \(7\): received 7; expected a grace period of fewer than 7 days/,
    );
  });

  test('a zero period is rejected', () => {
    expect(() => build({ rotation: { everyDays: 0, graceDays: 1 } })).toThrow(/\[prod\/ci\][\s\S]*rotation\.everyDays is not at least 1: received 0/);
  });

  test('a missing rotation is rejected', () => {
    expect(() => build({ rotation: undefined })).toThrow(/rotation is not a rotation: received undefined; expected \{ everyDays, graceDays \}/);
  });

  test('a fixed expiresOn is rejected', () => {
    const props = { expiresOn: '2027-01-01T00:00:00Z' } as Partial<OverlappingTokenProps>;
    expect(() => build(props)).toThrow(
      /expiresOn is set on an overlapping token: received "2027-01-01T00:00:00Z"; expected no expiresOn: each slot expires at its own rotation plus graceDays\. Fix: remove expiresOn/,
    );
    expect(() => build(props)).toThrow(TokenConfigError);
  });
});
