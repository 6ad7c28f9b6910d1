import { readFileSync } from 'fs';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { CloudflareToken, LeastPrivilegeChecks, Policy, Resource, ScopedDnsToken } from '../../lib';
import { rawApiToken, ZONE } from '../checks/helpers';

// The token resources' `"//"` records (summary, preset, rotation, leastPrivilege) are written by
// our bindings with their attributes, not as overrides (lib/bindings/block-comments.ts). What
// readers of the JSON see under each block's `"//"` must not change; cdktf's list of overridden
// keys in the stack metadata no longer names them.

type Json = Record<string, any>;

/** The stack's cdk.tf.json as written (Testing.synth drops the "//" records). */
function synthOf(build: (stack: TerraformStack) => void): Json {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new CloudflareProvider(stack, 'cloudflare', {});
  build(stack);
  const outdir = Testing.fullSynth(stack);
  return JSON.parse(readFileSync(join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
}

const policies = [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

describe('records under a token block\'s "//"', () => {
  test('a library token carries summary, preset, rotation and leastPrivilege records beside cdktf metadata, and no override entry', () => {
    const json = synthOf((stack) => {
      new ScopedDnsToken(stack, 'dns', { zones: [ZONE], rotation: { everyDays: 30, graceDays: 7 } });
    });
    const [block] = Object.values(json.resource.cloudflare_api_token) as Json[];
    expect(Object.keys(block['//']).sort()).toEqual(['leastPrivilege', 'metadata', 'preset', 'rotation', 'summary']);
    expect(block['//'].summary).toEqual([`allow DNS Write, Zone Read on zone ${ZONE}`]);
    expect(block['//'].preset).toBe('ScopedDnsToken');
    expect(block['//'].rotation).toMatchObject({ everyDays: 30, graceDays: 7, maxValidityDays: 37 });
    expect(block['//'].leastPrivilege).toEqual({ checks: 'default', findings: [], suppressions: [] });
    expect(block['//'].metadata).toEqual({ path: 'stack/dns/Token/token', uniqueId: expect.any(String) });
    expect(json['//'].metadata.overrides?.cloudflare_api_token).toBeUndefined();
  });

  test('a raw provider token that the checks read gets its record as an override, as before', () => {
    const json = synthOf((stack) => {
      LeastPrivilegeChecks.applyTo(stack);
      rawApiToken(stack, 'raw', [{ ids: ['4755a26eedb94da69e1066d98aa820be'], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }], {
        expiresOn: '2027-01-01T00:00:00Z',
        condition: { requestIp: { in: ['192.0.2.0/24'] } },
      });
    });
    expect(json.resource.cloudflare_api_token.raw['//'].leastPrivilege).toMatchObject({ checks: 'default' });
    expect(json['//'].metadata.overrides.cloudflare_api_token).toEqual(['//']);
  });

  test('an override of a record still wins over what the library wrote, and counts as an override', () => {
    const json = synthOf((stack) => {
      const token = new CloudflareToken(stack, 't', { policies, expiresOn: '2027-01-01T00:00:00Z' });
      token.resource.addOverride('//.summary', ['edited']);
    });
    const [block] = Object.values(json.resource.cloudflare_api_token) as Json[];
    expect(block['//'].summary).toEqual(['edited']);
    expect(block['//'].leastPrivilege).toMatchObject({ checks: 'default' });
    expect(json['//'].metadata.overrides.cloudflare_api_token).toEqual(['//']);
  });

  test('an override inside a record edits it, an override of "//" replaces what came before, as overrides always did', () => {
    const json = synthOf((stack) => {
      const edited = new CloudflareToken(stack, 'edited', { policies, rotation: { everyDays: 30, graceDays: 7 } });
      edited.resource.addOverride('//.rotation.everyDays', 1);
      const replaced = new CloudflareToken(stack, 'replaced', { policies, expiresOn: '2027-01-01T00:00:00Z' });
      replaced.resource.addOverride('//', { note: 'mine' });
    });
    const blocks = Object.values(json.resource.cloudflare_api_token) as Json[];
    const edited = blocks.find((b) => b['//'].metadata.path === 'stack/edited/token')!;
    expect(edited['//'].rotation).toMatchObject({ everyDays: 1, graceDays: 7, maxValidityDays: 37 });
    expect(edited['//'].summary).toHaveLength(1);
    const replaced = blocks.find((b) => b['//'].metadata.path === 'stack/replaced/token')!;
    // The summary written before the override is gone; the checks' record, written after, is there.
    expect(Object.keys(replaced['//']).sort()).toEqual(['leastPrivilege', 'metadata', 'note']);
  });

  test('synthesizing twice gives the same records (the Aspect rewrites, never appends)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new CloudflareProvider(stack, 'cloudflare', {});
    new CloudflareToken(stack, 't', { policies, expiresOn: '2027-01-01T00:00:00Z' });
    const read = () => readFileSync(join(Testing.fullSynth(stack), 'stacks', 'stack', 'cdk.tf.json'), 'utf8');
    const first = read();
    expect(JSON.parse(first).resource.cloudflare_api_token).toBeDefined();
    expect(read()).toEqual(first);
  });
});
