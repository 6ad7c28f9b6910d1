import { Construct } from 'constructs';
import { CachePurgeToken } from 'cdktf-cloudflare-tokens';

export function cmsPurge(scope: Construct): CachePurgeToken {
  return new CachePurgeToken(scope, 'cms-purge', {
    zones: ['023e105f4ecef8ad9ca31a8372d0c353'],
    allowedIps: ['198.51.100.7'],
    expiresOn: '2027-06-30T00:00:00Z',
  });
}
