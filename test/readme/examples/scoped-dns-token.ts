import { Construct } from 'constructs';
import { ScopedDnsToken, TokenOwner } from 'cdktf-cloudflare-tokens';

export function dnsManager(scope: Construct): ScopedDnsToken {
  const dns = new ScopedDnsToken(scope, 'dns-manager', {
    name: 'Production DNS Manager',
    owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
    zones: ['023e105f4ecef8ad9ca31a8372d0c353'], // zone ids, not domain names
    allowedIps: ['192.0.2.0/24'], // the office network
    expiresOn: '2027-06-30T00:00:00Z',
  });
  dns.exportValue('dns_manager_token'); // terraform output -raw dns_manager_token
  return dns;
}
