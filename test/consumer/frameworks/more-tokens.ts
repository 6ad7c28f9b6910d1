// The consumer test's tokens beyond the README's Getting started: the README's example of each
// preset, rotation, an overlapping token and a delivery to GitHub Actions, all with the
// least-privilege checks (on by default). Written for cdktf; compose.js derives the CDK Terrain
// version with the README's import changes ("cdktf or CDK Terrain").
import { TerraformStack } from 'cdktf';
import { CloudflareToken, GithubActionsSecretDelivery, LeastPrivilegeChecks, OverlappingToken, Policy, Resource, TokenOwner } from 'cdktf-cloudflare-tokens';
import { certManager } from '../../readme/examples/acme-dns01-token';
import { cmsPurge } from '../../readme/examples/cache-purge-token';
import { pagesCi } from '../../readme/examples/pages-deploy-token';
import { auditor } from '../../readme/examples/read-only-token';
import { dnsManager } from '../../readme/examples/scoped-dns-token';
import { workersCi } from '../../readme/examples/workers-deploy-token';

export function addMoreTokens(stack: TerraformStack): void {
  LeastPrivilegeChecks.applyTo(stack);
  dnsManager(stack);
  certManager(stack);
  cmsPurge(stack);
  workersCi(stack);
  pagesCi(stack);
  auditor(stack);
  const rotating = new CloudflareToken(stack, 'rotating-dns', {
    owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
    policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });
  new GithubActionsSecretDelivery(stack, 'dns-to-github', { token: rotating, repository: 'infra', secretName: 'CLOUDFLARE_API_TOKEN', environment: 'production' });
  const ci = new OverlappingToken(stack, 'ci', {
    owner: TokenOwner.account('0123456789abcdef0123456789abcdef'),
    policies: [Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.account('0123456789abcdef0123456789abcdef')] })],
    rotation: { everyDays: 30, graceDays: 7 },
  });
  ci.exportValue();
}
