import { Construct } from 'constructs';
import { PagesDeployToken, TokenOwner } from 'cdktf-cloudflare-tokens';

const accountId = '0123456789abcdef0123456789abcdef';

export function pagesCi(scope: Construct): PagesDeployToken {
  return new PagesDeployToken(scope, 'pages-ci', {
    owner: TokenOwner.account(accountId), // the token acts on this account: set CLOUDFLARE_ACCOUNT_ID to it in CI
    expiresOn: '2027-06-30T00:00:00Z',
  });
}
