// adoptTokenId: every token construct and preset adopts an existing token by id with an
// import block to its own resource, with the import id the provider documents.
import { Testing } from 'cdktf';
import { CachePurgeToken, CloudflareToken, PagesDeployToken, Policy, ReadOnlyToken, Resource, ScopedDnsToken, TokenConfigError, TokenOwner, WorkersDeployToken } from '../../lib';
import { newStack } from '../synth-helpers';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN_ID = 'ed17574386854bf78a67040be0a770b0';
const dns = () => [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] })];

// Each construct with a user owner and with an account owner; `resource` reaches the provider resource.
const CONSTRUCTORS: [string, (owner: TokenOwner, adoptTokenId?: unknown) => { resource: { friendlyUniqueId: string; terraformResourceType: string } }][] = [
  ['CloudflareToken', (owner, adoptTokenId) => new CloudflareToken(newStack(), 't', { owner, policies: dns(), adoptTokenId } as never)],
  ['ScopedDnsToken', (owner, adoptTokenId) => new ScopedDnsToken(newStack(), 't', { owner, zones: [ZONE], adoptTokenId } as never).token],
  ['CachePurgeToken', (owner, adoptTokenId) => new CachePurgeToken(newStack(), 't', { owner, zones: [ZONE], adoptTokenId } as never).token],
  ['WorkersDeployToken', (owner, adoptTokenId) => new WorkersDeployToken(newStack(), 't', { owner, accountId: ACCOUNT, adoptTokenId } as never).token],
  ['PagesDeployToken', (owner, adoptTokenId) => new PagesDeployToken(newStack(), 't', { owner, accountId: ACCOUNT, adoptTokenId } as never).token],
  ['ReadOnlyToken', (owner, adoptTokenId) => new ReadOnlyToken(newStack(), 't', { owner, zones: [ZONE], adoptTokenId } as never).token],
];

function importsOf(construct: { resource: unknown }): unknown {
  const stack = (construct as unknown as { node: { scopes: { node: { id: string } }[] } }).node.scopes[1];
  return JSON.parse(Testing.synth(stack as never)).import;
}

describe.each(CONSTRUCTORS)('%s', (_name, build) => {
  test('user-owned: an import block to its cloudflare_api_token with the token id', () => {
    const token = build(TokenOwner.user(), TOKEN_ID);
    expect(token.resource.terraformResourceType).toBe('cloudflare_api_token');
    expect(importsOf(token)).toEqual([{ to: `cloudflare_api_token.${token.resource.friendlyUniqueId}`, id: TOKEN_ID }]);
  });

  test('account-owned: an import block to its cloudflare_account_token with <account_id>/<token_id>', () => {
    const token = build(TokenOwner.account(ACCOUNT), TOKEN_ID);
    expect(importsOf(token)).toEqual([{ to: `cloudflare_account_token.${token.resource.friendlyUniqueId}`, id: `${ACCOUNT}/${TOKEN_ID}` }]);
  });

  test('without the option: no import block', () => {
    expect(importsOf(build(TokenOwner.user()))).toBeUndefined();
  });

  test.each([
    ['the token value, not its id', 'cfut_abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'is not a token id'],
    ['an upper-case id', TOKEN_ID.toUpperCase(), 'is not a token id'],
    ['a number', 42, 'is not a string'],
  ])('refuses %s at the construct path, naming the fix', (_case, value, message) => {
    let error: unknown;
    try {
      build(TokenOwner.user(), value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenConfigError);
    expect((error as TokenConfigError).constructPath).toBe('test/t');
    expect((error as Error).message).toContain(`adoptTokenId ${message}`);
    expect((error as Error).message).toContain('copy the id from the token listing (not the token value');
    // A mistaken string may be the secret itself: the message never repeats it.
    if (typeof value === 'string') expect((error as Error).message).not.toContain(value);
  });
});
