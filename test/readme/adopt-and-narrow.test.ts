// The README's "Bringing existing tokens under code": the narrowed example keeps the adopted
// token's address and import block, and the reviewer's diff against the token as adopted says
// "narrower" for every change.
import { Testing } from 'cdktf';
import { CloudflareToken, PermissionGroups, Policy, Resource, synthOutputOf } from '../../lib';
import { diffTokens } from '../../lib/review/diff-tokens';
import { newStack } from '../synth-helpers';
import { adoptedDns } from './examples/adopt-and-narrow';

// Exactly what `cf-token-review adopt` writes for the first token of test/lib/review/audit/fixtures/user-tokens.json.
function asAdopted(scope: ReturnType<typeof newStack>): CloudflareToken {
  return new CloudflareToken(scope, 'Edit-zone-DNS-template-ed175743', {
    name: 'Edit zone DNS (template)',
    status: 'active',
    adoptTokenId: 'ed17574386854bf78a67040be0a770b0',
    policies: [Policy.allow({ permissions: [PermissionGroups.byId('4755a26eedb94da69e1066d98aa820be'), PermissionGroups.byId('c8fed203ed3043cba015a93ad1616f1f')], resources: [Resource.allZonesOfAllAccounts()] })],
  });
}

test('narrowing in place keeps the address and the import, and the diff is narrower only', () => {
  const base = newStack('dns');
  const adopted = asAdopted(base);
  const head = newStack('dns');
  const narrowed = adoptedDns(head);
  expect(narrowed.resource.friendlyUniqueId).toBe(adopted.resource.friendlyUniqueId);
  expect(JSON.parse(Testing.synth(head)).import).toEqual([{ to: `cloudflare_api_token.${narrowed.resource.friendlyUniqueId}`, id: 'ed17574386854bf78a67040be0a770b0' }]);
  const diff = diffTokens(synthOutputOf(base), synthOutputOf(head));
  expect(diff.widened).toBe(false);
  expect(diff.changed).toHaveLength(1);
  expect(diff.changed[0].verdict).toBe('narrower');
  expect(diff.changed[0].changes.every((c) => c.direction === 'narrower')).toBe(true);
});

test('the narrowed example has no finding with the default checks', () => {
  const stack = newStack('dns');
  adoptedDns(stack);
  expect(() => Testing.synth(stack, true)).not.toThrow();
  const resources = (stack.toTerraform() as { resource: Record<string, Record<string, { '//': { leastPrivilege: { findings: unknown[] } } }>> }).resource.cloudflare_api_token;
  expect(Object.values(resources).map((r) => r['//'].leastPrivilege.findings)).toEqual([[]]);
});
