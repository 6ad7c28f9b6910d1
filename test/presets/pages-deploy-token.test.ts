import { PagesDeployToken, TokenOwner } from '../../lib';
import { newStack, onlyToken } from '../synth-helpers';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const PAGES_WRITE = '8d28297797f24fb8a0c332fe0866ec89';

describe('PagesDeployToken', () => {
  test('grants Pages Write on the account, nothing else', () => {
    const stack = newStack();
    const pages = new PagesDeployToken(stack, 'pages', { accountId: ACCOUNT });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_api_token');
    expect(token.policies).toEqual([{ effect: 'allow', ids: [PAGES_WRITE], resources: { [`com.cloudflare.api.account.${ACCOUNT}`]: '*' } }]);
    expect(pages.summary).toEqual([`allow Pages Write on account ${ACCOUNT}`]);
    expect(PagesDeployToken.PERMISSIONS).toEqual(['Pages Write']);
  });

  test('account-owned, restricted and expiring', () => {
    const stack = newStack();
    new PagesDeployToken(stack, 'pages', { accountId: ACCOUNT, owner: TokenOwner.account(ACCOUNT), allowedIps: ['198.51.100.0/24'], expiresOn: '2027-01-01T00:00:00Z' });
    const token = onlyToken(stack);
    expect(token.type).toBe('cloudflare_account_token');
    expect(token.accountId).toBe(ACCOUNT);
    expect(token.allowedIps).toEqual(['198.51.100.0/24']);
    expect(token.policies[0].resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: '*' });
  });

  describe('rejects', () => {
    test('a missing account id', () => {
      expect(() => new PagesDeployToken(newStack(), 'pages', {} as { accountId: string })).toThrow(/\[test\/pages\].*accountId is missing: received undefined/s);
    });
    test('an invalid account id', () => {
      expect(() => new PagesDeployToken(newStack(), 'pages', { accountId: 'acme' })).toThrow(/accountId is not a valid account id: received "acme"; expected an? account id: 32 lowercase hex/);
    });
    test('missing props', () => {
      expect(() => new PagesDeployToken(newStack(), 'pages', undefined as unknown as { accountId: string })).toThrow(/\[test\/pages\].*props are missing/s);
    });
    test('an account other than the owning account', () => {
      expect(() => new PagesDeployToken(newStack(), 'pages', { accountId: ACCOUNT, owner: TokenOwner.account('fedcba9876543210fedcba9876543210') })).toThrow(/\[test\/pages\] an invalid value:\n  - accountId is not the account that owns the token/);
    });
  });
});
