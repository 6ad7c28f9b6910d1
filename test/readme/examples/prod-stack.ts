import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CachePurgeToken, TokenOwner } from 'cdktf-cloudflare-tokens';

export class ProdTokens extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CloudflareProvider(this, 'cloudflare', {}); // reads CLOUDFLARE_API_TOKEN at deploy time
    // State holds every token's value in clear text: keep it in an encrypted bucket.
    new S3Backend(this, {
      bucket: 'tfstate-prod',
      key: 'cloudflare-tokens/prod.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      dynamodbTable: 'tfstate-locks',
    });
    new CachePurgeToken(this, 'purge', {
      owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
      zones: ['023e105f4ecef8ad9ca31a8372d0c353'],
      allowedIps: ['198.51.100.0/24'],
      expiresOn: '2027-06-30T00:00:00Z',
    }).exportValue();
  }
}
