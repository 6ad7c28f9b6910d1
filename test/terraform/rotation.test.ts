// A rotating CloudflareToken delivered to a GitHub secret and a sensitive output, deployed
// by real Terraform along one timeline (everyDays 30, graceDays 7). The tests run in order:
// each one is the next deploy or plan of the same state. README "Rotation" points here.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, Policy, Resource, TokenRotation } from '../../lib';
import { daysAfter, Json, Plan, standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

const DAY0 = '2027-01-01T09:00:00Z';
const on = (day: number) => daysAfter(DAY0, day);

function build(rotation: TokenRotation) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new CloudflareToken(stack, 'dns', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation,
  });
  const delivery = new GithubActionsSecretDelivery(stack, 'to-github', { token, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN' });
  new TerraformOutput(stack, 'dns_token', { value: token.value, sensitive: true });
  const addresses = {
    token: `cloudflare_api_token.${token.resource.friendlyUniqueId}`,
    secret: `github_actions_secret.${delivery.secret.friendlyUniqueId}`,
    generation: `terraform_data.${token.rotationGeneration?.friendlyUniqueId}`,
  };
  return { config: withStandIns(synthesizeStack(stack)), addresses };
}

describe('rotation, deployed by terraform along one timeline (everyDays 30, graceDays 7)', () => {
  const { config, addresses } = build({ everyDays: 30, graceDays: 7 });
  let ws: TerraformWorkspace;
  beforeAll(() => {
    ws = new TerraformWorkspace(config);
  });
  afterAll(() => ws?.dispose());

  const tokenState = (): Json => ws.state()[standInOf(addresses.token)];
  const generationState = (): Json => ws.state()[addresses.generation].input;

  /** The apply replaced the token new one first and wrote the new value everywhere it goes. */
  function expectRotated(plan: Plan, before: string): void {
    expect(plan.replaced).toEqual({ [standInOf(addresses.token)]: 'create-first', [standInOf(addresses.secret)]: 'delete-first' });
    expect(plan.actions(addresses.generation)).toEqual(['update']);
    expect(plan.change(addresses.token).action_reason).toBe('replace_by_triggers');
    // The apply: the new token exists before the old one is deleted, and the secret is
    // rewritten in between.
    const token = standInOf(addresses.token);
    const secret = standInOf(addresses.secret);
    const order = (op: string) => plan.applied.indexOf(op);
    expect(order(`create ${token}`)).toBeGreaterThanOrEqual(0);
    expect(order(`create ${token}`)).toBeLessThan(order(`create ${secret}`));
    expect(order(`create ${secret}`)).toBeLessThan(order(`delete ${token}`));
    const after = ws.tokenValue(addresses.token);
    expect(after).not.toBe(before);
    expect(ws.state()[standInOf(addresses.secret)].input.plaintext_value).toBe(after);
    expect(ws.outputs().dns_token).toBe(after);
  }

  test('day 0: the first deploy creates the token, its rotation records and the secret; the token expires on day 37', () => {
    const plan = ws.deploy(on(0));
    expect(plan.changes.map((c) => c.change.actions.join(','))).toEqual(plan.changes.map(() => 'create'));
    expect(plan.changed).toHaveLength(5); // start, generation, token, the secret and its token-id record
    expect(generationState()).toEqual({ every_days: 30, grace_days: 7, generation: 0, expires_on: on(37) });
    expect(tokenState().input.expires_on).toBe(on(37));
    // The first plan already knows the expiry: the recorded start is read from the plan, not after apply.
    expect(plan.change(addresses.token).change.after.input.expires_on).toBe(on(37));
    expect(ws.outputs().dns_token).toBe(ws.tokenValue(addresses.token));
  });

  test('day 29.9, before the rotation is due: a plan changes nothing', () => {
    expect(ws.plan(on(29.9)).changed).toEqual([]);
  });

  test('day 30, the rotation is due: the token is replaced new one first, the secret and the output get the new value in the same apply', () => {
    const before = ws.tokenValue(addresses.token);
    const plan = ws.deploy(on(30));
    expectRotated(plan, before);
    expect(generationState()).toEqual({ every_days: 30, grace_days: 7, generation: 1, expires_on: on(67) });
    expect(tokenState().input.expires_on).toBe(on(67));
  });

  test('day 30, after the rotation: the next plan is empty', () => {
    expect(ws.plan(on(30.01)).changed).toEqual([]);
  });

  test('late by less than the grace period (due day 60, deploy day 64): replaced, and the next expiry stays on the grid (day 97)', () => {
    expect(ws.plan(on(59.9)).changed).toEqual([]);
    const before = ws.tokenValue(addresses.token);
    expect(Date.parse(tokenState().input.expires_on)).toBeGreaterThan(Date.parse(on(64))); // still valid when replaced
    expectRotated(ws.deploy(on(64)), before);
    expect(tokenState().input.expires_on).toBe(on(97));
  });

  test('late by more than the grace period (expired day 97, deploy day 100): replaced at that deploy, expiry day 127', () => {
    const before = ws.tokenValue(addresses.token);
    expect(Date.parse(tokenState().input.expires_on)).toBeLessThan(Date.parse(on(100))); // expired for 3 days
    expectRotated(ws.deploy(on(100)), before);
    expect(tokenState().input.expires_on).toBe(on(127));
    expect(ws.plan(on(100.5)).changed).toEqual([]);
  });

  test('no deploy for a whole period (periods 4 and 5 both due by day 155): one replacement, expiry day 187', () => {
    const before = ws.tokenValue(addresses.token);
    expectRotated(ws.deploy(on(155)), before);
    expect(generationState().generation).toBe(5);
    expect(tokenState().input.expires_on).toBe(on(187));
  });

  test('everyDays changed (30 to 31 on day 156, the period index stays 5): the token is replaced', () => {
    ws.setConfig(build({ everyDays: 31, graceDays: 7 }).config);
    const before = ws.tokenValue(addresses.token);
    expectRotated(ws.deploy(on(156)), before);
    expect(generationState()).toEqual({ every_days: 31, grace_days: 7, generation: 5, expires_on: on(6 * 31 + 7) });
    expect(ws.plan(on(157)).changed).toEqual([]);
  });

  test('graceDays changed (7 to 8): the token is replaced, its expiry one day later', () => {
    ws.setConfig(build({ everyDays: 31, graceDays: 8 }).config);
    const before = ws.tokenValue(addresses.token);
    expectRotated(ws.deploy(on(158)), before);
    expect(tokenState().input.expires_on).toBe(on(6 * 31 + 8));
  });
});

describe('the shape rotation used before: time_rotating + replace_triggered_by (hashicorp/terraform-provider-time#118)', () => {
  test('once due, the provider drops the time_rotating from state, the plan creates it, and the token is only updated in place: same token, same value', () => {
    const stack = new TerraformStack(Testing.app(), 'prod');
    new CloudflareProvider(stack, 'cloudflare', {});
    new TimeProvider(stack, 'time', {});
    const schedule = new Rotating(stack, 'rotation', { rotationDays: 30 });
    const token = new CloudflareToken(stack, 'dns', {
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
      expiresOn: Fn.timeadd(schedule.rotationRfc3339, '168h'),
    });
    token.resource.lifecycle = { createBeforeDestroy: true, replaceTriggeredBy: [`time_rotating.${schedule.friendlyUniqueId}`] };
    const address = `cloudflare_api_token.${token.resource.friendlyUniqueId}`;
    const ws = new TerraformWorkspace(withStandIns(synthesizeStack(stack)));
    try {
      ws.deploy(on(0));
      expect(ws.state()[standInOf(address)].input.expires_on).toBe(on(37));
      expect(ws.plan(on(29.9)).changed).toEqual([]);
      const value = ws.tokenValue(address);
      const plan = ws.deploy(on(31));
      expect(plan.actions(`time_rotating.${schedule.friendlyUniqueId}`)).toEqual(['create']);
      expect(plan.actions(address)).toEqual(['update']);
      expect(ws.tokenValue(address)).toBe(value);
      expect(ws.state()[standInOf(address)].input.expires_on).toBe(on(68));
    } finally {
      ws.dispose();
    }
  });
});
