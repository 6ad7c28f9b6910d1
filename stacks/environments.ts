import type { TokenRotation } from '../lib';
import { S3BackendConfig } from 'cdktf';

/** The environments the example app deploys. */
export type EnvironmentName = 'dev' | 'staging' | 'prod';

/**
 * Where a stack keeps its state. State holds every token's value in clear text, so a shared
 * environment belongs in an encrypted remote backend; `local` keeps synth free of
 * credentials and network.
 */
export type StateBackend =
  | { readonly kind: 'local' }
  /** An S3 (or S3-compatible, e.g. R2) bucket; the stack forces `encrypt: true`. */
  | { readonly kind: 's3'; readonly config: S3BackendConfig };

/** Everything that differs between environments; the stack derives the rest. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** The Cloudflare account the environment's Workers and Pages live in. */
  readonly accountId: string;
  /** The environment's one zone: Workers routes, DNS and cache purges all target it. */
  readonly zoneId: string;
  /**
   * Who owns the tokens: `account` tokens survive people leaving and are what Cloudflare
   * recommends for CI/CD; `user` tokens are fine for a personal dev setup.
   */
  readonly owner: 'user' | 'account';
  /** CIDRs of the CI runners (egress), for the CI tokens; none = usable from anywhere. */
  readonly ciCidrs?: readonly string[];
  /** CIDRs of the office network, for the Terraform DNS token; none = usable from anywhere. */
  readonly officeCidrs?: readonly string[];
  /**
   * When every token of the environment stops working: an absolute RFC 3339 instant, never
   * computed from the clock (synth must give the same bytes every day). Bump it in a
   * reviewed change before it passes, which re-issues the tokens.
   */
  readonly expiresOn?: string;
  /**
   * Rotate every token of the environment on a schedule instead of a fixed `expiresOn`
   * (the two exclude each other). Expiry is computed by Terraform, never at synth.
   */
  readonly rotation?: TokenRotation;
  /** Write the CI/CD token straight into this GitHub Actions environment secret. */
  readonly githubSecret?: { readonly repository: string; readonly environment: string; readonly secretName: string };
  /** Least-privilege checks: strict turns warnings into errors; production requires remote state. */
  readonly checks: { readonly strict: boolean; readonly production: boolean };
  /** Where the stack keeps its state. */
  readonly backend: StateBackend;
}

// Obviously fake ids (32 hex: "acc..." accounts, "20e..." zones) and documentation CIDRs
// (RFC 5737 / RFC 3849). Replace them with yours.

/** Dev: user-owned tokens, usable from anywhere, one year of validity. */
export const DEV: EnvironmentConfig = {
  name: 'dev',
  accountId: 'acc00000000000000000000000000001',
  zoneId: '20e00000000000000000000000000001',
  owner: 'user',
  expiresOn: '2027-12-31T00:00:00Z',
  checks: { strict: false, production: false },
  backend: { kind: 'local' },
};

/** Staging: account-owned, CI tokens only from the CI runners, shorter validity. */
export const STAGING: EnvironmentConfig = {
  name: 'staging',
  accountId: 'acc00000000000000000000000000002',
  zoneId: '20e00000000000000000000000000002',
  owner: 'account',
  ciCidrs: ['198.51.100.0/24', '2001:db8:100::/48'],
  officeCidrs: ['192.0.2.0/24', '2001:db8:200::/48'],
  expiresOn: '2027-09-30T00:00:00Z',
  checks: { strict: false, production: false },
  backend: { kind: 'local' },
};

/**
 * Prod: account-owned, every token IP-restricted, shortest validity. The state stays local
 * here so that `npm run synth` needs nothing; a real prod puts it in an encrypted bucket:
 *
 *   backend: { kind: 's3', config: { bucket: 'tfstate-prod', key: 'cloudflare-tokens/prod.tfstate', region: 'eu-west-1' } },
 */
export const PROD: EnvironmentConfig = {
  name: 'prod',
  accountId: 'acc00000000000000000000000000003',
  zoneId: '20e00000000000000000000000000003',
  owner: 'account',
  ciCidrs: ['198.51.100.0/24', '2001:db8:100::/48'],
  officeCidrs: ['192.0.2.0/24', '2001:db8:200::/48'],
  rotation: { everyDays: 30, graceDays: 7 },
  githubSecret: { repository: 'web-app', environment: 'production', secretName: 'CLOUDFLARE_API_TOKEN' },
  checks: { strict: true, production: true },
  backend: { kind: 'local' },
};

/** Every environment, in promotion order. */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [DEV, STAGING, PROD];
