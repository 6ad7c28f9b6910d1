// diffTokens on two stacks in memory (no synth directory), as a user's test would write it.
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { diffTokens, LeastPrivilegeChecks, ScopedDnsToken, synthOutputOf, TokenOwner } from '../../../lib';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';

function dnsStack(allZones: boolean): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'tokens');
  new CloudflareProvider(stack, 'cloudflare', {});
  new ScopedDnsToken(stack, 'dns', { owner: TokenOwner.account(ACCOUNT), ...(allZones ? { allZonesOfAccount: ACCOUNT } : { zones: [ZONE] }) });
  LeastPrivilegeChecks.applyTo(stack);
  return stack;
}

test('a widening between two in-memory versions of a stack is found and described', () => {
  const diff = diffTokens(synthOutputOf(dnsStack(false)), synthOutputOf(dnsStack(true)));
  expect(diff.widened).toBe(true);
  expect(diff.changed).toHaveLength(1);
  expect(diff.changed[0]).toMatchObject({ stack: 'tokens', path: 'tokens/dns/Token/token', verdict: 'wider' });
  expect(diff.changed[0].changes.map((c) => c.description)).toEqual([`now allows DNS Write, Zone Read on ALL zones of account ${ACCOUNT} (widened from zone ${ZONE})`]);
  // The checks ran: the wide grant is a new finding.
  expect(diff.changed[0].newFindings.map((f) => f.rule)).toContain('CFT1');
});

test('the same stack twice is unchanged, and the output names the stacks it read', () => {
  const base = synthOutputOf(dnsStack(false));
  expect(base.dir).toBe('<in memory: tokens>');
  expect(base.stacks).toEqual(['tokens']);
  const diff = diffTokens(base, synthOutputOf(dnsStack(false)));
  expect(diff).toMatchObject({ widened: false, added: [], removed: [], changed: [] });
  expect(diff.unchanged).toHaveLength(1);
});
