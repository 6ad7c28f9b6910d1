import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import * as fs from 'fs';
import * as path from 'path';
import { App, DataResource, TerraformLocal, TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, CloudflareTokenProps, Policy, Resource, TokenConfigError, TokenOptions, TokenOwner } from '../../lib';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const ACCOUNT = '01a7362d577a6c3019a474fd6f485823';
const dnsPolicy = () => Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] });

function newStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack, true));
}

function onlyEntry(block: Record<string, Json> | undefined): [string, Json] {
  const entries = Object.entries(block ?? {});
  expect(entries).toHaveLength(1);
  return entries[0];
}

describe('CloudflareToken rotation (what it writes; test/terraform/rotation.test.ts runs it)', () => {
  test('records the start once and a generation holding the rotation parameters, with no time provider', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const json = synth(stack);
    const start = json.resource.terraform_data[Object.keys(json.resource.terraform_data).find((n) => n.startsWith('dns_rotation-start_')) as string];
    expect(start).toEqual({ input: { rfc3339: '${plantimestamp()}', unix: expect.stringMatching(/^\$\{local\.plan-clock_unix_[0-9A-F]+\}$/) }, lifecycle: { ignore_changes: ['input'] } });
    const generation = json.resource.terraform_data[token.rotationGeneration?.friendlyUniqueId as string];
    expect(generation.input).toMatchObject({ every_days: 30, grace_days: 7 });
    expect(generation.input.generation).toMatch(/^\$\{max\(0, floor\(\(local\.plan-clock_unix_[0-9A-F]+ - terraform_data\.dns_rotation-start_[0-9A-F]+\.input\.unix\) \/ 2592000\)\)\}$/);
    // Generation k expires at start + (k + 1) x 30 days + 7 days, in hours.
    expect(generation.input.expires_on).toContain(') + 1) * 720 + 168))}');
    expect(json.resource.time_rotating).toBeUndefined();
    expect(json.provider.time).toBeUndefined();
    expect(token.rotation).toEqual({ everyDays: 30, graceDays: 7 });
  });

  test("expires_on is the generation's expiry, computed by Terraform, not at synth", () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const [, rendered] = onlyEntry(synth(stack).resource.cloudflare_api_token);
    expect(rendered.expires_on).toBe(`\${terraform_data.${token.rotationGeneration?.friendlyUniqueId}.input.expires_on}`);
    expect(JSON.stringify(synth(stack))).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  test('replace_triggered_by names the generation as a bare address, and the token is replaced new one first', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const [, rendered] = onlyEntry(synth(stack).resource.cloudflare_api_token);
    expect(rendered.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`terraform_data.${token.rotationGeneration?.friendlyUniqueId}`] });
  });

  test('an account-owned token rotates the same way', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'ci', { owner: TokenOwner.account(ACCOUNT), policies: [dnsPolicy()], rotation: { everyDays: 90, graceDays: 14 } });
    const json = synth(stack);
    const [, rendered] = onlyEntry(json.resource.cloudflare_account_token);
    const generation = `terraform_data.${token.rotationGeneration?.friendlyUniqueId}`;
    expect(rendered.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [generation] });
    expect(json.resource.terraform_data[token.rotationGeneration?.friendlyUniqueId as string].input).toMatchObject({ every_days: 90, grace_days: 14 });
  });

  test('the rotation is recorded for reviewers and checks in "//".rotation next to the token', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    const rendered = json.resource.cloudflare_api_token[token.resource.friendlyUniqueId];
    expect(rendered['//'].rotation).toEqual({ everyDays: 30, graceDays: 7, maxValidityDays: 37, generation: `terraform_data.${token.rotationGeneration?.friendlyUniqueId}` });
  });

  test('a token without rotation has no rotation records and no lifecycle, and a fixed expiry gets an expiry check', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], expiresOn: '2027-01-01T00:00:00Z' });
    const json = synth(stack);
    expect(token.rotationGeneration).toBeUndefined();
    expect(token.rotation).toBeUndefined();
    expect(json.resource.terraform_data).toBeUndefined();
    expect(json.locals).toBeUndefined();
    const [, rendered] = onlyEntry(json.resource.cloudflare_api_token);
    expect(rendered.lifecycle).toBeUndefined();
    expect(rendered.expires_on).toBe('2027-01-01T00:00:00Z');
    const [, check] = onlyEntry(json.check);
    expect(check.assert[0].condition).toBe('${timecmp(plantimestamp(), timeadd("2027-01-01T00:00:00Z", "-336h")) < 0}');
  });

  test('the stack gets one plan clock however many tokens rotate', () => {
    const stack = newStack();
    for (const id of ['a', 'b', 'c']) {
      new CloudflareToken(stack, id, { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    }
    const json = synth(stack);
    expect(Object.keys(json.locals)).toHaveLength(2);
    expect(Object.keys(json.resource.terraform_data)).toHaveLength(6);
  });

  test('synth is byte-identical whatever the clock and time zone', () => {
    const build = (): string => {
      const stack = newStack();
      new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
      return Testing.synth(stack, true);
    };
    const originalTz = process.env.TZ;
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      process.env.TZ = 'UTC';
      const first = build();
      jest.setSystemTime(new Date('2031-07-15T13:37:00Z'));
      process.env.TZ = 'Pacific/Kiritimati';
      const second = build();
      expect(second).toBe(first);
      expect(first).not.toMatch(/20(26|31)-/);
    } finally {
      jest.useRealTimers();
      process.env.TZ = originalTz;
    }
  });

  test('presets get rotation through TokenOptions', () => {
    // A preset spreads TokenOptions into the token props; rotation must pass through.
    const preset = (stack: TerraformStack, options: TokenOptions) => new CloudflareToken(stack, 'preset', { ...options, policies: [dnsPolicy()] });
    const stack = newStack();
    const token = preset(stack, { rotation: { everyDays: 7, graceDays: 2 } });
    const json = synth(stack);
    expect(token.rotation).toEqual({ everyDays: 7, graceDays: 2 });
    expect(json.resource.terraform_data[token.rotationGeneration?.friendlyUniqueId as string].input.expires_on).toContain(') + 1) * 168 + 48))}');
  });
});

describe('CloudflareToken rotation: bad input', () => {
  const build = (props: Partial<CloudflareTokenProps>) => () => new CloudflareToken(newStack(), 'dns', { policies: [dnsPolicy()], ...props } as CloudflareTokenProps);

  test.each([
    [0, /\[prod\/dns\][\s\S]*rotation\.everyDays is not at least 1: received 0; expected a whole number of days, at least 1[\s\S]*Fix: set rotation\.everyDays to a positive whole number/],
    [-30, /rotation\.everyDays is not at least 1: received -30/],
    [1.5, /rotation\.everyDays is not a whole number of days: received 1\.5/],
    ['30', /rotation\.everyDays is not a number: received "30"/],
  ])('everyDays %p is rejected with path, value, expectation and fix', (everyDays, message) => {
    expect(build({ rotation: { everyDays: everyDays as number, graceDays: 1 } })).toThrow(message);
  });

  test.each([
    [0, /rotation\.graceDays is not at least 1: received 0/],
    [-1, /rotation\.graceDays is not at least 1: received -1/],
    [0.5, /rotation\.graceDays is not a whole number of days: received 0\.5/],
  ])('graceDays %p is rejected', (graceDays, message) => {
    expect(build({ rotation: { everyDays: 30, graceDays } })).toThrow(message);
  });

  test.each([30, 45])('a grace period of %p days, not shorter than a 30-day rotation, is rejected', (graceDays) => {
    expect(build({ rotation: { everyDays: 30, graceDays } })).toThrow(
      new RegExp(
        `\\[prod/dns\\][\\s\\S]*rotation\\.graceDays is not shorter than everyDays \\(30\\): received ${graceDays}; expected a grace period of fewer than 30 days\\. Fix: shorten graceDays, lengthen everyDays, or use OverlappingToken`,
      ),
    );
  });

  test('rotation together with a fixed expiresOn is rejected', () => {
    expect(build({ rotation: { everyDays: 30, graceDays: 7 }, expiresOn: '2027-01-01T00:00:00Z' })).toThrow(
      /\[prod\/dns\][\s\S]*expiresOn is set together with rotation: received "2027-01-01T00:00:00Z"; expected either a fixed expiresOn or rotation, not both[\s\S]*Fix: remove expiresOn to rotate, or remove rotation to keep a fixed expiry/,
    );
  });

  test('a rotation that is not an object is rejected', () => {
    expect(build({ rotation: null as unknown as CloudflareTokenProps['rotation'] })).toThrow(/rotation is not a rotation: received null; expected \{ everyDays, graceDays \}/);
  });

  test('all rotation problems are reported at once, as a TokenConfigError', () => {
    let error: unknown;
    try {
      build({ rotation: { everyDays: 0, graceDays: -1 }, expiresOn: '2027-01-01T00:00:00Z' })();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenConfigError);
    expect((error as TokenConfigError).problems.map((p) => p.field)).toEqual(['rotation.everyDays', 'rotation.graceDays', 'expiresOn']);
  });

  test('a failed rotation adds nothing to the stack', () => {
    const stack = newStack();
    expect(() => new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 0, graceDays: 0 } })).toThrow(TokenConfigError);
    expect(stack.node.findAll().some((c) => c instanceof DataResource || c instanceof TerraformLocal)).toBe(false);
  });
});
