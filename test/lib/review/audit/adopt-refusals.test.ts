// adopt refuses, visibly, what the library would write differently: adoption must change nothing.
import { adoptModule } from '../../../../lib/review/audit/adopt-module';
import { listedTokens } from '../../../../lib/review/audit/listed-tokens';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const DNS_WRITE = { id: '4755a26eedb94da69e1066d98aa820be', name: 'DNS Write' };
const ACCOUNT_READ = { id: 'c1fde68c7bcc44588cbb6ddbc16d6480', name: 'Account Settings Read' };

function moduleFor(token: Record<string, unknown>, accountId?: string): string {
  return adoptModule(listedTokens([{ id: 'ed17574386854bf78a67040be0a770b0', name: 'x', status: 'active', ...token }], 'listing.json', accountId), ['listing.json']);
}

test.each([
  ['all accounts (no Resource factory)', { policies: [{ effect: 'allow', permission_groups: [ACCOUNT_READ], resources: { 'com.cloudflare.api.account.*': '*' } }] }, undefined, 'the resource key com.cloudflare.api.account.* is not one the library writes'],
  ['a zone nested under an account on a user token', { policies: [{ effect: 'allow', permission_groups: [DNS_WRITE], resources: { [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } } }] }, undefined, 'is not one the library writes for a user-owned token'],
  ['a flat zone key on an account token', { policies: [{ effect: 'allow', permission_groups: [DNS_WRITE], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }] }, ACCOUNT, 'is not one the library writes for an account-owned token'],
  ['a policy mixing scopes', { policies: [{ effect: 'allow', permission_groups: [DNS_WRITE], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*', [`com.cloudflare.api.account.${ACCOUNT}`]: '*' } }] }, undefined, 'a policy mixes resources of several scopes (zone, account)'],
  ['two policies the library would merge', { policies: [1, 2].map(() => ({ effect: 'allow', permission_groups: [DNS_WRITE], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } })) }, undefined, 'two policies have the same effect and resources'],
  ['an R2 key whose bucket is no bucket name', { policies: [{ effect: 'allow', permission_groups: [{ id: '6a018a9f2fc74eb6b293b0c548f38b39' }], resources: { [`com.cloudflare.edge.r2.bucket.${ACCOUNT}_default_not_a_bucket`]: '*' } }] }, undefined, 'is not an R2 bucket key the library writes'],
  ['unreadable policies', { policies: 'all' }, undefined, 'it has no readable policies'],
])('%s: not adopted, with the reason, and no code or import for it', (_case, token, accountId, reason) => {
  const source = moduleFor(token, accountId);
  expect(source.split('\n').find((l) => l.includes('// NOT ADOPTED: '))).toContain(reason);
  expect(source).not.toContain('adoptTokenId');
  expect(source).not.toMatch(/new \w+Token\(/);
});

test('comments cannot be closed or split by a token name', () => {
  const source = moduleFor({ name: 'evil */ process.exit(1) /*\nnext line', policies: [{ effect: 'allow', permission_groups: [DNS_WRITE], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } }] });
  const comment = source.split('\n').find((l) => l.includes('evil')) as string;
  expect(comment).toMatch(/^ {4}\/\/ evil \* \/ process\.exit\(1\) \/\*\\nnext line: token/);
  // In code, the name is a JSON string literal.
  expect(source).toContain('name: "evil */ process.exit(1) /*\\nnext line"');
});
