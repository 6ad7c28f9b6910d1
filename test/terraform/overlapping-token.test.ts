// OverlappingToken deployed by real Terraform over five and more generations, with deploys
// daily, weekly and late. At every deploy the test records which slot's token is current and
// when each token value appears, stops being current and is deleted, and checks what the
// README ("Overlapping tokens") promises. README "Overlapping tokens" points here.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { GithubActionsSecretDelivery, OverlappingToken, Policy, Resource } from '../../lib';
import { daysAfter, Json, standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

const DAY0 = '2027-03-01T06:00:00Z';
const DAY_MS = 86_400_000;
const dayOf = (instant: string) => (Date.parse(instant) - Date.parse(DAY0)) / DAY_MS;

function build(everyDays: number, graceDays: number) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new OverlappingToken(stack, 'ci', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation: { everyDays, graceDays },
  });
  token.exportValue('current');
  new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
  const slots = token.slots.map((s) => `cloudflare_api_token.${s.resource.friendlyUniqueId}`);
  // exportValue(name) writes the output named exactly `name`.
  const synthesized = synthesizeStack(stack);
  const outputName = 'current';
  expect(Object.keys(synthesized.output)).toContain(outputName);
  return { config: withStandIns(synthesized), slots, outputName };
}

interface Life {
  slot: number;
  created: number;
  current?: number;
  superseded?: number;
  deleted?: number;
  expires: number;
}

/**
 * Deploys on each of `days` and returns, per token value, when it was created, became and
 * stopped being current, was deleted, and when it expires (days since day 0); and per deploy,
 * how many slots it replaced and the current value's days left.
 */
function timeline(everyDays: number, graceDays: number, days: number[]) {
  const { config, slots, outputName } = build(everyDays, graceDays);
  const ws = new TerraformWorkspace(config);
  try {
    const lives = new Map<string, Life>();
    const deploys: { day: number; replacedSlots: number; currentDaysLeft: number; secretIsCurrent: boolean }[] = [];
    for (const day of days) {
      const plan = ws.deploy(daysAfter(DAY0, day));
      const replacedSlots = slots.filter((s) => plan.replaced[standInOf(s)] !== undefined).length;
      for (const s of slots) if (plan.replaced[standInOf(s)] !== undefined) expect(plan.replaced[standInOf(s)]).toBe('create-first');
      const state: Record<string, Json> = ws.state();
      const values = slots.map((s) => ws.tokenValue(s));
      for (const [value, life] of lives) if (life.deleted === undefined && !values.includes(value)) life.deleted = day;
      values.forEach((value, slot) => {
        if (!lives.has(value)) lives.set(value, { slot, created: day, expires: dayOf(state[standInOf(slots[slot])].input.expires_on) });
      });
      const current = ws.outputs()[outputName];
      for (const [value, life] of lives) {
        if (value === current && life.current === undefined) life.current = day;
        if (value !== current && life.current !== undefined && life.superseded === undefined) life.superseded = day;
      }
      const secret = Object.entries(state).find(([address]) => address.startsWith('terraform_data.github_actions_secret__'))?.[1];
      deploys.push({ day, replacedSlots, currentDaysLeft: (lives.get(current) as Life).expires - day, secretIsCurrent: secret?.input.plaintext_value === current });
    }
    return { lives: [...lives.values()], deploys };
  } finally {
    ws.dispose();
  }
}

describe('OverlappingToken, deployed by terraform (N = everyDays, G = graceDays)', () => {
  test('daily deploys over six generations (N 4, G 1): one slot replaced every N days, never both; the current value always has more than N + G days left; a superseded value is deleted at the first deploy on or after day (g + 2)N', () => {
    const N = 4;
    const G = 1;
    const days = Array.from({ length: 25 }, (_, d) => d + 0.25);
    const { lives, deploys } = timeline(N, G, days);
    // First deploy creates both slots; after that exactly one slot per N days.
    expect(deploys[0].replacedSlots).toBe(0);
    expect(deploys.slice(1).map((d) => d.replacedSlots)).toEqual(days.slice(1).map((d) => (Math.floor(d) % N === 0 ? 1 : 0)));
    for (const d of deploys) {
      expect(d.currentDaysLeft).toBeGreaterThan(N + G);
      expect(d.secretIsCurrent).toBe(true);
    }
    const generations = lives.filter((l) => l.current !== undefined);
    expect(generations.length).toBeGreaterThanOrEqual(6);
    for (const life of generations) {
      // Generation g starts on day gN; the value is current from its creation.
      const g = Math.round(life.expires - G) / N - 2;
      expect(life.created).toBe(g <= 0 ? 0.25 : g * N + 0.25);
      expect(life.current).toBe(life.created);
      if (life.superseded !== undefined) expect(life.superseded).toBe((g + 1) * N + 0.25);
      if (life.deleted !== undefined) {
        expect(life.deleted).toBe((g + 2) * N + 0.25);
        // Until then it was valid: it expires G days after that deploy's day.
        expect(life.expires).toBeGreaterThan(life.deleted);
        // So a superseded value overlaps its successor for N days with daily deploys.
        expect((life.deleted as number) - (life.superseded as number)).toBe(N);
      }
    }
  }, 180_000);

  test('weekly deploys with N 7 (G 2): each deploy replaces exactly one slot, and a superseded value overlaps its successor for one week', () => {
    const days = [0, 7, 14, 21, 28, 35, 42].map((d) => d + 0.5);
    const { lives, deploys } = timeline(7, 2, days);
    expect(deploys.map((d) => d.replacedSlots)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    for (const d of deploys) expect(d.currentDaysLeft).toBeGreaterThan(7 + 2);
    for (const life of lives.filter((l) => l.deleted !== undefined && l.superseded !== undefined)) expect((life.deleted as number) - (life.superseded as number)).toBe(7);
  }, 180_000);

  test('late deploys (N 4, G 1): a gap of at most N days replaces at most one slot, shortening the overlap by the lateness; a gap of more than N days replaces both slots in one apply', () => {
    // Day 0 is the first deploy, so generations start on days 0, 4, 8 ... Day 4 is due; the
    // deploy comes on day 6 (2 days late); then day 8.5; then nobody until day 17 (a gap of
    // 8.5 days > N): both slots are due, and both are replaced at once.
    const days = [0, 3.5, 6, 8.5, 17, 18];
    const { lives, deploys } = timeline(4, 1, days);
    expect(deploys.map((d) => d.replacedSlots)).toEqual([0, 0, 1, 1, 2, 0]);
    for (const d of deploys) expect(d.currentDaysLeft).toBeGreaterThan(4 + 1);
    // The value superseded late on day 6 (its successor's generation started day 4) is
    // deleted on day 8.5, the first deploy on or after day 8: 2.5 days of overlap instead of N.
    const supersededDay6 = lives.find((l) => l.superseded === 6) as Life;
    expect(supersededDay6.deleted).toBe(8.5);
    // When both slots are replaced at once, the value current until then is deleted in the
    // same apply that creates its successor: no overlap.
    const supersededAndDeleted = lives.filter((l) => l.superseded === 17);
    expect(supersededAndDeleted).toHaveLength(1);
    expect(supersededAndDeleted[0].deleted).toBe(17);
  }, 180_000);
});
