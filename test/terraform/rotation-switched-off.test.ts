// Why the reviewer reads a rotation's terraform_data records strictly (lib/review/rotation-schedule.ts):
// one override on the generation record, lifecycle.ignore_changes = [input], leaves every
// expression the reviewer checks intact, yet real Terraform then never replaces the token.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareToken, Policy, Resource } from '../../lib';
import { readRotationSchedule } from '../../lib/review/rotation-schedule';
import { daysAfter, standInOf, synthesizeStack, TerraformWorkspace, withStandIns } from './harness';

jest.setTimeout(120_000);

const DAY0 = '2027-01-01T09:00:00Z';

function build(switchOff: boolean) {
  const stack = new TerraformStack(Testing.app(), 'prod');
  new CloudflareProvider(stack, 'cloudflare', {});
  const token = new CloudflareToken(stack, 'dns', {
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });
  if (switchOff) token.rotationGeneration!.addOverride('lifecycle.ignore_changes', ['input']);
  const synth = synthesizeStack(stack);
  const address = `cloudflare_api_token.${token.resource.friendlyUniqueId}`;
  return { synth, address, tokenBody: synth.resource.cloudflare_api_token[token.resource.friendlyUniqueId] };
}

describe.each([
  ['as the library writes it', false, ['create-first'], { everyDays: 30, graceDays: 7 }],
  ['with ignore_changes = [input] on the generation record', true, [], 'unreadable'],
])('a rotating token %s', (_name, switchOff, replacedOnDay30, read) => {
  const { synth, address, tokenBody } = build(switchOff);
  let ws: TerraformWorkspace;
  beforeAll(() => {
    ws = new TerraformWorkspace(withStandIns(synth));
  });
  afterAll(() => ws?.dispose());

  test(`terraform on day 30 replaces it: ${replacedOnDay30.length > 0}`, () => {
    ws.deploy(DAY0);
    const replaced = ws.plan(daysAfter(DAY0, 30)).replaced;
    expect(Object.entries(replaced).filter(([a]) => a === standInOf(address)).map(([, order]) => order)).toEqual(replacedOnDay30);
  });

  test(`the reviewer reads its rotation as ${JSON.stringify(read)}`, () => {
    expect(readRotationSchedule(tokenBody, synth)).toEqual(read);
  });
});
