import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudflareToken, Policy, Resource } from '../lib';

export class FoundationExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new CloudflareProvider(this, 'cloudflare', {});
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const token = new CloudflareToken(this, 'dns', {
      policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    });
    token.exportValue();
  }
}
