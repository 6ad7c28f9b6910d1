// The example app's stacks (stacks/, as main.ts builds them), deployed by real Terraform.
// prod rotates every token every 30 days (7 days' grace) and delivers the CI/CD token to a
// GitHub Actions environment secret; dev has a fixed expiry. README "The example app" and
// "Rotation" point here.
import { Testing } from 'cdktf';
import { DEV, PROD } from '../../stacks/environments';
import { TokenStack } from '../../stacks/token-stack';
import { daysAfter, standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

// Each terraform run takes a fraction of a second, or seconds on a busy shared machine.
jest.setTimeout(120_000);

const DAY0 = '2027-02-01T12:00:00Z';

describe('prod example: every token rotates', () => {
  const stack = new TokenStack(Testing.app(), 'prod', PROD);
  const tokens = [stack.ciWorkers, stack.terraformDns, stack.cachePurge, stack.pagesDeploy].map(
    (preset) => `${preset.token.resource.terraformResourceType}.${preset.token.resource.friendlyUniqueId}`,
  );
  const config = withStandIns(synthesizeStack(stack));
  let ws: TerraformWorkspace;
  beforeAll(() => {
    ws = new TerraformWorkspace(config);
  });
  afterAll(() => ws?.dispose());

  test('day 0 creates the four account tokens and the GitHub environment secret', () => {
    const plan = ws.deploy(DAY0);
    expect(tokens.every((t) => t.startsWith('cloudflare_account_token.'))).toBe(true);
    for (const t of tokens) expect(plan.actions(t)).toEqual(['create']);
    expect(plan.changes.filter((c) => c.address.startsWith('terraform_data.github_actions_environment_secret__')).map((c) => c.change.actions)).toEqual([['create']]);
  });

  test('a plan on day 29.9 changes nothing', () => {
    expect(ws.plan(daysAfter(DAY0, 29.9)).changed).toEqual([]);
  });

  test('a plan on day 30 replaces every rotating token new one first, the secret, and changes every value output', () => {
    const plan = ws.plan(daysAfter(DAY0, 30));
    const replaced = plan.replaced;
    for (const t of tokens) expect(replaced[standInOf(t)]).toBe('create-first');
    const secrets = Object.entries(replaced).filter(([address]) => address.startsWith('terraform_data.github_actions_environment_secret__'));
    expect(secrets.map(([, order]) => order)).toEqual(['delete-first']);
    expect(Object.keys(replaced)).toHaveLength(tokens.length + 1);
    const outputs = plan.json.output_changes as Record<string, { actions: string[] }>;
    for (const name of ['ci_workers_token', 'terraform_dns_token', 'cache_purge_token', 'pages_deploy_token']) expect(outputs[name].actions).toEqual(['update']);
  });
});

describe('dev example: fixed expiry, warned at plan time', () => {
  const config = withStandIns(synthesizeStack(new TokenStack(Testing.app(), 'dev', DEV)));

  test('a plan 15 days before 2027-12-31 passes every expiry check; one 14 days before warns for each of the four tokens, and still plans', () => {
    const ws = new TerraformWorkspace(config);
    try {
      const early = ws.plan('2027-12-16T00:00:00Z');
      expect(Object.values(early.checkStatuses)).toEqual(['pass', 'pass', 'pass', 'pass']);
      const late = ws.plan('2027-12-17T00:00:00Z');
      expect(late.failedChecks).toHaveLength(4);
      for (const name of ['dev CI Workers deploy', 'dev DNS Manager', 'dev cache purge', 'dev Pages deploy']) {
        expect(late.failedChecks.some((c) => c.messages.some((m) => m.startsWith(`Cloudflare token "${name}"`)))).toBe(true);
      }
      expect(late.changed.length).toBeGreaterThan(0); // a warning: the plan is made
    } finally {
      ws.dispose();
    }
  });
});
