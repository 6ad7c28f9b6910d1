import { Construct } from 'constructs';
import { ScopedDnsToken, TokenOwner } from 'cdktf-cloudflare-tokens';

const accountId = '0123456789abcdef0123456789abcdef';

// cert-manager, Caddy, acme.sh, external-dns: they find the zone by name, so they need
// Zone Read on every zone of the account; DNS Write stays on the zones named.
export function certManager(scope: Construct): ScopedDnsToken {
  const acme = new ScopedDnsToken(scope, 'cert-manager', {
    owner: TokenOwner.account(accountId),
    zones: ['023e105f4ecef8ad9ca31a8372d0c353'], // the zones it writes _acme-challenge records in
    zoneReadOnAllZonesOfAccount: accountId, // WIDER: zone lookup on every zone of the account
    expiresOn: '2027-06-30T00:00:00Z',
  });
  acme.exportValue('cert_manager_token'); // terraform output -raw cert_manager_token
  return acme;
}
