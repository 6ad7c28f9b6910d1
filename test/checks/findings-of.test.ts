// findingsOf: the least-privilege findings of a user's stack, readable in a test.
import { Testing } from 'cdktf';
import { findingsOf, LeastPrivilegeChecks, ScopedDnsToken, TokenOwner } from '../../lib';
import { ACCOUNT, givenStack, ZONE } from './helpers';

test('returns each token with what the checks recorded, without failing on errors', () => {
  const stack = givenStack();
  new ScopedDnsToken(stack, 'dns', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE] });
  LeastPrivilegeChecks.applyTo(stack, { strict: true });
  LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT4', appliesTo: 'no-allowed-ips', reason: 'hosted CI runners have no fixed egress addresses' }]);

  const [token, ...others] = findingsOf(stack);
  expect(others).toEqual([]);
  expect(token.path).toBe('stack/dns/Token/token');
  expect(token.address).toMatch(/^cloudflare_account_token\.dns_Token_token_[0-9A-F]{8}$/);
  expect(token.checked).toBe(true);
  // Strict: no expiry is an error here; synth would fail on it.
  expect(token.findings).toContainEqual(expect.objectContaining({ rule: 'CFT3', level: 'error', finding: 'no-expiry' }));
  expect(token.findings.map((f) => f.rule)).not.toContain('CFT4');
  expect(token.suppressions).toEqual([{ rule: 'CFT4', appliesTo: 'no-allowed-ips', reason: 'hosted CI runners have no fixed egress addresses' }]);
  expect(() => Testing.synth(stack, true)).toThrow(/CFT3/);
});

test('calling it twice gives the same findings (the checks run once per token)', () => {
  const stack = givenStack();
  new ScopedDnsToken(stack, 'dns', { zones: [ZONE] });
  LeastPrivilegeChecks.applyTo(stack);
  const first = findingsOf(stack);
  expect(first[0].findings.length).toBeGreaterThan(0);
  expect(findingsOf(stack)).toEqual(first);
});
