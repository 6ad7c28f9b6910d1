import { Construct } from 'constructs';
import { TokenOwner, WorkersDeployToken } from 'cdktf-cloudflare-tokens';

const accountId = '0123456789abcdef0123456789abcdef';
const zoneId = '023e105f4ecef8ad9ca31a8372d0c353';

export function workersCi(scope: Construct): WorkersDeployToken {
  return new WorkersDeployToken(scope, 'workers-ci', {
    owner: TokenOwner.account(accountId), // the token acts on this account: set CLOUDFLARE_ACCOUNT_ID to it in CI
    routeZones: [zoneId], // the zone of the `routes` in the wrangler config
    cachePurgeZones: [zoneId], // purge after deploying
    kv: true, // the deploy writes a KV namespace; r2, d1 and tail stay off
    allowedIps: ['198.51.100.0/24'],
    expiresOn: '2027-06-30T00:00:00Z',
  });
}
