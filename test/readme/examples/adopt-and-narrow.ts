import { Construct } from 'constructs';
import { CloudflareToken, Policy, Resource } from 'cdktf-cloudflare-tokens';

// The dashboard's "Edit zone DNS" token, as `cf-token-review adopt` declared it (DNS Write and
// Zone Read on ALL zones, any address, no expiry), narrowed in the next commit: same construct,
// same adoptTokenId, so the first apply imports the token and updates it in place.
export function adoptedDns(scope: Construct): CloudflareToken {
  return new CloudflareToken(scope, 'Edit-zone-DNS-template-ed175743', {
    name: 'Edit zone DNS (template)',
    status: 'active',
    adoptTokenId: 'ed17574386854bf78a67040be0a770b0',
    policies: [
      // was: resources: [Resource.allZonesOfAllAccounts()]
      Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] }),
    ],
    allowedIps: ['192.0.2.0/24'],
    expiresOn: '2027-06-30T00:00:00Z',
  });
}
