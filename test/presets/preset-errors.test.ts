// Preset errors name the preset's own props, never the policies it derives from them; and an
// account-owned Workers or Pages token takes its account once (from the owner).
import { PagesDeployToken, ReadOnlyToken, ScopedDnsToken, TokenOwner, WorkersDeployToken } from '../../lib';
import { configErrorOf, newStack, onlyToken } from '../synth-helpers';

const A = '0123456789abcdef0123456789abcdef';
const B = '1123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';


describe('account-owned Workers and Pages tokens take the account once', () => {
  test.each([
    ['WorkersDeployToken', (s: any) => new WorkersDeployToken(s, 'ci', { owner: TokenOwner.account(A) })],
    ['PagesDeployToken', (s: any) => new PagesDeployToken(s, 'ci', { owner: TokenOwner.account(A) })],
  ])('%s without accountId acts on the owning account', (_name, make) => {
    const stack = newStack();
    make(stack);
    const token = onlyToken(stack);
    expect(token.accountId).toBe(A);
    expect(token.policies[0].resources).toEqual({ [`com.cloudflare.api.account.${A}`]: '*' });
  });

  test('giving the same account twice is still fine', () => {
    const stack = newStack();
    new WorkersDeployToken(stack, 'ci', { owner: TokenOwner.account(A), accountId: A });
    expect(onlyToken(stack).accountId).toBe(A);
  });

  test.each([
    ['WorkersDeployToken', (s: any) => new WorkersDeployToken(s, 'ci', { owner: TokenOwner.account(A), accountId: B })],
    ['PagesDeployToken', (s: any) => new PagesDeployToken(s, 'ci', { owner: TokenOwner.account(A), accountId: B })],
  ])('%s: another accountId than the owner is an error on accountId, at the preset path', (_name, make) => {
    const error = configErrorOf(() => make(newStack('env')));
    expect(error.constructPath).toBe('env/ci');
    expect(error.problems.map((p) => p.field)).toEqual(['accountId']);
    expect(error.message).toContain(`accountId is not the account that owns the token (owner: TokenOwner.account('${A}')): received "${B}"`);
    expect(error.message).not.toContain('policies[');
  });

  test.each([
    ['WorkersDeployToken', (s: any) => new WorkersDeployToken(s, 'ci', {})],
    ['PagesDeployToken', (s: any) => new PagesDeployToken(s, 'ci', { owner: TokenOwner.user() })],
  ])('%s: a user-owned token without accountId is told both ways to fix it', (_name, make) => {
    const error = configErrorOf(() => make(newStack('env')));
    expect(error.problems.map((p) => p.field)).toEqual(['accountId']);
    expect(error.message).toContain('accountId is missing');
    expect(error.message).toContain("owner: TokenOwner.account('<account id>')");
  });

  test('an invalid owner account without accountId is reported on owner.accountId', () => {
    const error = configErrorOf(() => new WorkersDeployToken(newStack('env'), 'ci', { owner: TokenOwner.account('nope') }));
    expect(error.constructPath).toBe('env/ci');
    expect(error.problems.map((p) => p.field)).toEqual(['owner.accountId']);
  });
});

describe('other presets name their props', () => {
  test('ScopedDnsToken allZonesOfAccount of another account than the owner', () => {
    const error = configErrorOf(() => new ScopedDnsToken(newStack('env'), 'dns', { owner: TokenOwner.account(A), allZonesOfAccount: B }));
    expect(error.constructPath).toBe('env/dns');
    expect(error.problems.map((p) => p.field)).toEqual(['allZonesOfAccount']);
  });

  test('ReadOnlyToken accounts[i] of another account, and a userId on an account-owned token', () => {
    const error = configErrorOf(() => new ReadOnlyToken(newStack('env'), 'ro', { owner: TokenOwner.account(A), zones: [ZONE], accounts: ['x', B], userId: A }));
    expect(error.constructPath).toBe('env/ro');
    expect(error.problems.map((p) => p.field)).toEqual(['accounts[0]', 'accounts[1]', 'userId']);
    expect(error.message).not.toContain('policies[');
  });
});

test('a bad token option of a preset is reported at the preset, not at its inner Token', () => {
  const error = configErrorOf(() => new WorkersDeployToken(newStack('env'), 'ci', { owner: TokenOwner.account(A), expiresOn: '2026-02-30T00:00:00Z', allowedIps: ['10.0.0.0/33'] }));
  expect(error.constructPath).toBe('env/ci');
  expect(error.problems.map((p) => p.field).sort()).toEqual(['allowedIps[0]', 'expiresOn']);
});
