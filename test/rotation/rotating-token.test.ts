import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
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

describe('CloudflareToken rotation', () => {
  test('adds a time_rotating resource with the rotation period in days', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    // THEN
    const [, rotating] = onlyEntry(synth(stack).resource.time_rotating);
    expect(rotating).toEqual({ rotation_days: 30 });
  });

  test('expires_on is the next rotation plus the grace period, computed by Terraform, not at synth', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const json = synth(stack);
    const [rotatingName] = onlyEntry(json.resource.time_rotating);
    const [, token] = onlyEntry(json.resource.cloudflare_api_token);
    // rotation_rfc3339 is the *next* rotation (base + rotation_days), so the token outlives
    // the scheduled rotation by exactly the grace period: 7 days = 168 hours.
    expect(token.expires_on).toBe(`\${timeadd(time_rotating.${rotatingName}.rotation_rfc3339, "168h")}`);
    expect(token.expires_on).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  test('replace_triggered_by names the time_rotating resource itself, as a bare address', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const json = synth(stack);
    const [rotatingName] = onlyEntry(json.resource.time_rotating);
    const [, rendered] = onlyEntry(json.resource.cloudflare_api_token);
    // Not `time_rotating.x.rotation_rfc3339` (an attribute) and not `${time_rotating.x}`
    // (cdktf's default rendering, which Terraform rejects in replace_triggered_by).
    expect(rendered.lifecycle.replace_triggered_by).toEqual([`time_rotating.${rotatingName}`]);
    expect(token.rotationSchedule?.friendlyUniqueId).toBe(rotatingName);
  });

  test('the token is replaced new-one-first (create_before_destroy)', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    const [, token] = onlyEntry(synth(stack).resource.cloudflare_api_token);
    expect(token.lifecycle.create_before_destroy).toBe(true);
  });

  test('an account-owned token rotates the same way', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'ci', {
      owner: TokenOwner.account(ACCOUNT),
      policies: [dnsPolicy()],
      rotation: { everyDays: 90, graceDays: 14 },
    });
    const json = synth(stack);
    const [rotatingName, rotating] = onlyEntry(json.resource.time_rotating);
    const [, token] = onlyEntry(json.resource.cloudflare_account_token);
    expect(rotating.rotation_days).toBe(90);
    expect(token.expires_on).toBe(`\${timeadd(time_rotating.${rotatingName}.rotation_rfc3339, "336h")}`);
    expect(token.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`time_rotating.${rotatingName}`] });
  });

  test('a token without rotation has no schedule, no lifecycle and no time provider', () => {
    const stack = newStack();
    const token = new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], expiresOn: '2027-01-01T00:00:00Z' });
    const json = synth(stack);
    expect(token.rotationSchedule).toBeUndefined();
    expect(json.resource.time_rotating).toBeUndefined();
    expect(json.provider.time).toBeUndefined();
    const [, rendered] = onlyEntry(json.resource.cloudflare_api_token);
    expect(rendered.lifecycle).toBeUndefined();
    expect(rendered.expires_on).toBe('2027-01-01T00:00:00Z');
  });

  test('the stack gets one time provider however many tokens rotate', () => {
    const stack = newStack();
    for (const id of ['a', 'b', 'c']) {
      new CloudflareToken(stack, id, { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    }
    const json = synth(stack);
    expect(json.provider.time).toHaveLength(1);
    expect(Object.keys(json.resource.time_rotating)).toHaveLength(3);
  });

  test("a time provider the user configured is reused, not duplicated", () => {
    const stack = newStack();
    new TimeProvider(stack, 'my-time', {});
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    expect(synth(stack).provider.time).toHaveLength(1);
  });

  test('a time provider the user adds after the tokens is reported at synth, with the fix', () => {
    const stack = newStack();
    new CloudflareToken(stack, 'dns', { policies: [dnsPolicy()], rotation: { everyDays: 30, graceDays: 7 } });
    new TimeProvider(stack, 'late-time', {});
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[prod\/time-provider\] a default "time" provider was added for the token constructs, and prod\/late-time is a second one[\s\S]*Fix: create prod\/late-time before the first construct that needs it/,
    );
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
    const [, rendered] = onlyEntry(synth(stack).resource.cloudflare_api_token);
    expect(token.rotationSchedule?.rotationDaysInput).toBe(7);
    expect(rendered.expires_on).toContain('"48h"');
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
    expect(stack.node.findAll().some((c) => c instanceof TimeProvider)).toBe(false);
  });
});
