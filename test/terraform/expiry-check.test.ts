// The check block a token with a fixed expiresOn gets, evaluated by real Terraform on both
// sides of the 14-day threshold. README "CloudflareToken" (expiry) points here.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource } from '../../lib';
import { synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

function stack() {
  const s = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(s, 'cloudflare', {});
  const policies = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })];
  new CloudflareToken(s, 'dns', { policies, name: 'terraform DNS', expiresOn: '2027-06-30T00:00:00+02:00' });
  new CloudflareToken(s, 'rotating', { policies, rotation: { everyDays: 30, graceDays: 7 } });
  return s;
}

describe('a fixed expiresOn warns at plan time from 14 days before it', () => {
  const config = withStandIns(synthesizeStack(stack()));
  let ws: TerraformWorkspace;
  beforeAll(() => {
    ws = new TerraformWorkspace(config);
  });
  afterAll(() => ws?.dispose());

  // 2027-06-30T00:00:00+02:00 is 2027-06-29T22:00:00Z; 14 days before is 2027-06-15T22:00:00Z.
  test('one second before the threshold: the check passes, no warning', () => {
    const plan = ws.plan('2027-06-15T21:59:59Z');
    expect(plan.failedChecks).toEqual([]);
    expect(Object.values(plan.checkStatuses)).toEqual(['pass']); // the rotating token has no check
  });

  test('at the threshold: a warning naming the token, its path, the instant and the fix; the plan is still made', () => {
    const plan = ws.plan('2027-06-15T22:00:00Z');
    expect(plan.failedChecks).toHaveLength(1);
    const [message] = plan.failedChecks[0].messages;
    expect(message).toBe(
      'Cloudflare token "terraform DNS" (prod/dns) expires at 2027-06-29T22:00:00Z: 14 days or less from this plan, or already past. ' +
        'An expired token stops working, and from Cloudflare provider 5.19 Terraform plans to create it again with the past expiry. ' +
        'Fix: set a later expiresOn in a reviewed change (or use rotation) and deploy.',
    );
    expect(plan.changed.length).toBeGreaterThan(0);
  });

  test('after the expiry has passed: still a warning, and apply goes on', () => {
    const plan = ws.deploy('2027-07-02T00:00:00Z');
    expect(plan.failedChecks).toHaveLength(1);
    expect(plan.applied.length).toBeGreaterThan(0);
    expect(ws.plan('2027-07-03T00:00:00Z').failedChecks).toHaveLength(1);
  });

  test('the synthesized JSON is the same whatever the clock: only Terraform reads the time', () => {
    jest.useFakeTimers({ now: new Date('2027-06-29T00:00:00Z') });
    try {
      const late = JSON.stringify(synthesizeStack(stack()));
      jest.setSystemTime(new Date('2020-01-01T00:00:00Z'));
      expect(JSON.stringify(synthesizeStack(stack()))).toBe(late);
    } finally {
      jest.useRealTimers();
    }
  });
});
