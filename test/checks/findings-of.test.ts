// findingsOf: the least-privilege findings of a user's stack, readable in a test.
import { Testing } from 'cdktf';
import { findingsOf, LeastPrivilegeChecks, ScopedDnsToken, TokenOwner } from '../../lib';
import { ACCOUNT, givenStack, ZONE } from './helpers';

test('returns each token with what the checks recorded, without failing on errors', () => {
  const stack = givenStack();
  new ScopedDnsToken(stack, 'dns', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE] });
  LeastPrivilegeChecks.applyTo(stack, { strict: true });
  LeastPrivilegeChecks.suppress(stack, [{ id: 'CFT12', reason: 'the deploying token holds DNS Write on this zone' }]);

  const [token, ...others] = findingsOf(stack);
  expect(others).toEqual([]);
  expect(token.path).toBe('stack/dns/Token/token');
  expect(token.address).toMatch(/^cloudflare_account_token\.dns_Token_token_[0-9A-F]{8}$/);
  expect(token.checked).toBe(true);
  // Strict: no expiry and no IP restriction are errors here; synth would fail on them.
  expect(token.findings.map((f) => `${f.rule} ${f.level} ${f.finding}`)).toEqual(expect.arrayContaining(['CFT3 error no-expiry', 'CFT4 error no-allowed-ips']));
  expect(token.suppressions).toEqual([{ rule: 'CFT12', reason: 'the deploying token holds DNS Write on this zone' }]);
  expect(() => Testing.synth(stack, true)).toThrow(/CFT3/);
});

test('a token no checks were applied to is reported as unchecked', () => {
  const stack = givenStack();
  new ScopedDnsToken(stack, 'dns', { zones: [ZONE] });
  expect(findingsOf(stack)).toEqual([expect.objectContaining({ path: 'stack/dns/Token/token', checked: false, findings: [] })]);
});

test('calling it twice gives the same findings (the checks run once per token)', () => {
  const stack = givenStack();
  new ScopedDnsToken(stack, 'dns', { zones: [ZONE] });
  LeastPrivilegeChecks.applyTo(stack);
  expect(findingsOf(stack)).toEqual(findingsOf(stack));
});
