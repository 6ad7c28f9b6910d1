// Evaluates the Terraform expressions an OverlappingToken synthesizes (a small HCL subset:
// arithmetic, floor, max, %, ?:) for many plan times, to check the calendar arithmetic and
// the schedule it produces over far more dates than the Terraform suite can afford to run
// (test/terraform/overlapping-token.test.ts runs the real thing).
import * as fc from 'fast-check';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { OverlappingToken, Policy, Resource } from '../../lib';

const DAY = 86_400;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthesize(everyDays: number, graceDays: number) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new OverlappingToken(stack, 'ci', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation: { everyDays, graceDays },
  });
  const json: Json = JSON.parse(Testing.synth(stack, true));
  return { token, json };
}

/** Evaluates an HCL expression of the subset above, with `bindings` replacing references. */
function evaluate(template: string, bindings: Record<string, number>): number {
  let expr = template.replace(/^\$\{/, '').replace(/\}$/, '');
  for (const [reference, value] of Object.entries(bindings)) expr = expr.split(reference).join(`(${value})`);
  expr = expr.replace(/\bfloor\(/g, 'Math.floor(').replace(/\bmax\(/g, 'Math.max(');
  expect(expr.replace(/Math\.(floor|max)\(/g, '(')).toMatch(/^[\d\s+\-*/%().<=?:,]+$/); // nothing left unbound
  return new Function(`return (${expr});`)() as number;
}

/** What `tonumber(formatdate("<f>", plantimestamp()))` gives at `unixSeconds`. */
function formatdateBindings(unixSeconds: number): Record<string, number> {
  const d = new Date(unixSeconds * 1000);
  const field = (format: string) => `tonumber(formatdate("${format}", plantimestamp()))`;
  return {
    [field('YYYY')]: d.getUTCFullYear(),
    [field('M')]: d.getUTCMonth() + 1,
    [field('D')]: d.getUTCDate(),
    [field('h')]: d.getUTCHours(),
    [field('m')]: d.getUTCMinutes(),
    [field('s')]: d.getUTCSeconds(),
  };
}

/** The period index and each slot's generation start (Unix seconds) at plan time `now`. */
function plan(json: Json, token: OverlappingToken, anchorUnix: number, now: number) {
  const names = Object.keys(json.locals);
  const calendarName = names.find((n) => n.startsWith('plan-clock_calendar')) as string;
  const unixName = names.find((n) => n.startsWith('plan-clock_unix')) as string;
  const calendar: Record<string, number> = {};
  for (const [key, value] of Object.entries(json.locals[calendarName] as Record<string, string>)) calendar[`local.${calendarName}.${key}`] = evaluate(value, formatdateBindings(now));
  const nowUnix = evaluate(json.locals[unixName], calendar);
  const start = `terraform_data.${token.start.friendlyUniqueId}.input.unix`;
  const generations = token.generations.map((g) => evaluate(json.resource.terraform_data[g.friendlyUniqueId].input.generation, { [`local.${unixName}`]: nowUnix, [start]: anchorUnix }));
  const k = Math.max(...generations);
  const starts = generations.map((g) => anchorUnix + g * token.rotation.everyDays * DAY);
  return { k, starts, nowUnix };
}

describe('OverlappingToken schedule, as Terraform computes it', () => {
  const { token, json } = synthesize(30, 7);

  test('the plan clock is the Unix time of the plan, on any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13_000_000_000 }), (now) => {
        expect(plan(json, token, 0, now).nowUnix).toBe(now);
      }),
      { numRuns: 300 },
    );
  });

  test('the period index is the whole number of periods since the anchor, on any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13_000_000_000 }), fc.integer({ min: 0, max: 2_000_000_000 }), (anchorUnix, elapsed) => {
        const { k } = plan(json, token, anchorUnix, anchorUnix + elapsed);
        expect(k).toBe(Math.floor(elapsed / (30 * DAY)));
      }),
      { numRuns: 300 },
    );
  });

  test('leap days and the ends of months and years count correctly', () => {
    const anchorUnix = Date.UTC(2027, 11, 31, 23, 59, 59) / 1000;
    for (const iso of ['2028-01-30T23:59:58Z', '2028-01-30T23:59:59Z', '2028-02-29T12:00:00Z', '2028-03-01T00:00:00Z', '2100-03-01T00:00:00Z']) {
      const now = Date.parse(iso) / 1000;
      expect(plan(json, token, anchorUnix, now).k).toBe(Math.floor((now - anchorUnix) / (30 * DAY)));
    }
  });

  test('a plan clock behind the anchor gives period 0, not a negative one', () => {
    expect(plan(json, token, 1_800_000_000, 1_800_000_000 - 3600).k).toBe(0);
  });

  test('at every plan time each slot is inside its generation, the slots are one period apart, and the newer one has at least N + G days left', () => {
    const N = 30 * DAY;
    const G = 7 * DAY;
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000, max: 2_500_000_000 }), fc.integer({ min: 0, max: 3_000 * DAY }), (anchorUnix, elapsed) => {
        const now = anchorUnix + elapsed;
        const { starts } = plan(json, token, anchorUnix, now);
        for (const start of starts) {
          expect(start).toBeLessThanOrEqual(now); // the generation has begun
          expect(now).toBeLessThan(start + 2 * N); // and its time_rotating is not yet due
        }
        expect(Math.abs(starts[0] - starts[1])).toBe(N);
        const newest = Math.max(...starts);
        // expires_on = rotation_rfc3339 (start + 2N) + G
        expect(newest + 2 * N + G - now).toBeGreaterThanOrEqual(N + G);
      }),
      { numRuns: 300 },
    );
  });

  test('between consecutive daily deploys at most one slot starts a new generation', () => {
    const anchorUnix = Date.parse('2027-03-10T04:05:06Z') / 1000;
    let previous = plan(json, token, anchorUnix, anchorUnix).starts;
    let rotations = 0;
    for (let day = 1; day <= 400; day++) {
      const { starts } = plan(json, token, anchorUnix, anchorUnix + day * DAY);
      const changed = starts.filter((s, i) => s !== previous[i]).length;
      expect(changed).toBeLessThanOrEqual(1);
      rotations += changed;
      previous = starts;
    }
    expect(rotations).toBe(Math.floor(400 / 30)); // one new token every 30 days
  });
});
