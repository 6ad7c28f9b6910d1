import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  CachePurgeToken,
  GithubActionsSecretDelivery,
  LeastPrivilegeChecks,
  PagesDeployToken,
  ScopedDnsToken,
  TokenOptions,
  TokenOwner,
  WorkersDeployToken,
} from '../lib';
import { EnvironmentConfig } from './environments';

/**
 * The tokens one environment's pipelines need, each with exactly its job:
 * - `ci-workers`: the CI/CD pipeline deploys the Worker (routes on the environment's zone) and
 *   purges that zone's cache afterwards; nothing that could touch billing, DNS or zones.
 * - `terraform-dns`: the Terraform DNS pipeline ("<env> DNS Manager"): DNS Write and Zone
 *   Read on the one zone, only from the office network.
 * - `cache-purge`: Cache Purge on the zone, for content jobs outside the deploy.
 * - `pages-deploy`: Pages Write on the account, for the static site's pipeline.
 * Each value is a sensitive output: `terraform output -raw ci_workers_token` and so on.
 *
 * The provider reads its credentials (`CLOUDFLARE_API_TOKEN`) from the environment at deploy
 * time; nothing here does, so synth needs no credentials.
 */
export class TokenStack extends TerraformStack {
  public readonly ciWorkers: WorkersDeployToken;
  public readonly terraformDns: ScopedDnsToken;
  public readonly cachePurge: CachePurgeToken;
  public readonly pagesDeploy: PagesDeployToken;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    new CloudflareProvider(this, 'cloudflare', {});
    if (env.backend.kind === 's3') {
      new S3Backend(this, { ...env.backend.config, encrypt: true });
    } else {
      // Relative, so the synthesized JSON is the same on every machine.
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    }

    const common: TokenOptions = {
      owner: env.owner === 'account' ? TokenOwner.account(env.accountId) : TokenOwner.user(),
      expiresOn: env.expiresOn,
      rotation: env.rotation,
    };
    const fromCi: TokenOptions = { ...common, allowedIps: env.ciCidrs };
    const fromOffice: TokenOptions = { ...common, allowedIps: env.officeCidrs };

    this.ciWorkers = new WorkersDeployToken(this, 'ci-workers', {
      ...fromCi,
      name: `${env.name} CI Workers deploy`,
      accountId: env.accountId,
      routeZones: [env.zoneId],
      cachePurgeZones: [env.zoneId],
    });
    this.terraformDns = new ScopedDnsToken(this, 'terraform-dns', {
      ...fromOffice,
      name: `${env.name} DNS Manager`,
      zones: [env.zoneId],
    });
    this.cachePurge = new CachePurgeToken(this, 'cache-purge', {
      ...fromCi,
      name: `${env.name} cache purge`,
      zones: [env.zoneId],
    });
    this.pagesDeploy = new PagesDeployToken(this, 'pages-deploy', {
      ...fromCi,
      name: `${env.name} Pages deploy`,
      accountId: env.accountId,
    });
    if (env.githubSecret) {
      // The CI/CD token goes straight to the pipeline that uses it; nobody copies the value.
      new GithubActionsSecretDelivery(this, 'ci-workers-to-github', { token: this.ciWorkers, ...env.githubSecret });
    }
    const outputs = { ci_workers_token: this.ciWorkers, terraform_dns_token: this.terraformDns, cache_purge_token: this.cachePurge, pages_deploy_token: this.pagesDeploy };
    for (const [outputName, preset] of Object.entries(outputs)) {
      new TerraformOutput(this, outputName, { value: preset.value, sensitive: true, description: `${preset.token.tokenName} (sensitive)` });
    }
    LeastPrivilegeChecks.applyTo(this, { strict: env.checks.strict, production: env.checks.production });
    if (env.checks.production && env.backend.kind === 'local') {
      LeastPrivilegeChecks.suppress(this, [
        {
          id: 'CFT11',
          appliesTo: 'local-backend',
          reason: 'example default so that synth needs nothing; a real prod deployment sets backend: { kind: "s3" } (encrypted), see README',
        },
      ]);
    }
  }
}
