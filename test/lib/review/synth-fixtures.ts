// Synth outputs for the review tests: real stacks, synthesized by cdktf into temp dirs,
// before (base) and after (head) one change per stack.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccountToken } from '@cdktf/provider-cloudflare/lib/account-token';
import { ApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { CloudflareToken, CloudflareTokenProps, LeastPrivilegeChecks, Policy, Resource, TokenOwner } from '../../../lib';

import { ACCOUNT, DNS_WRITE_ID, OTHER_ACCOUNT, OTHER_ZONE, PLANTED_SECRET, ZONE } from './ids';

const dnsOnZone = Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] });

/** Props for a user-owned DNS token on ZONE, with `change` applied. */
function dns(change: Partial<CloudflareTokenProps> = {}): CloudflareTokenProps {
  return { policies: [dnsOnZone], expiresOn: '2027-01-01T00:00:00Z', ...change };
}

type Build = (stack: TerraformStack) => void;

/** One change per stack: the stack id says what it is; base and head build the same token path. */
export const CASES: Record<string, { base: Build; head: Build }> = {
  unchanged: { base: (s) => new CloudflareToken(s, 'dns', dns()), head: (s) => new CloudflareToken(s, 'dns', dns()) },
  'new-permission': {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] })] })),
  },
  'zone-to-all-zones': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ owner: TokenOwner.account(ACCOUNT) })),
    head: (s) =>
      new CloudflareToken(s, 'dns', dns({ owner: TokenOwner.account(ACCOUNT), policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] })] })),
  },
  'user-zone-to-all-zones': {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] })] })),
  },
  'all-zones-to-all-accounts': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] })] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAllAccounts()] })] })),
  },
  'bucket-to-all-buckets': {
    base: (s) =>
      new CloudflareToken(s, 'r2', {
        owner: TokenOwner.account(ACCOUNT),
        policies: [Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Write'], resources: [Resource.r2Bucket(ACCOUNT, 'assets')] })],
      }),
    head: (s) =>
      new CloudflareToken(s, 'r2', {
        owner: TokenOwner.account(ACCOUNT),
        policies: [Policy.allow({ permissions: ['Workers R2 Storage Bucket Item Write'], resources: [Resource.allR2BucketsOfAccount(ACCOUNT)] })],
      }),
  },
  'deny-removed': {
    base: (s) =>
      new CloudflareToken(
        s,
        'dns',
        dns({
          policies: [
            Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] }),
            Policy.deny({ permissions: ['DNS Write'], resources: [Resource.zone(ZONE)] }),
          ],
        }),
      ),
    head: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.allZonesOfAccount(ACCOUNT)] })] })),
  },
  'allowed-ips-removed': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/24'] })),
    head: (s) => new CloudflareToken(s, 'dns', dns()),
  },
  'allowed-ipv4-widened': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/25'] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/24'] })),
  },
  'allowed-ipv6-widened': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['2001:db8::/48'] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['2001:db8::/32'] })),
  },
  'denied-ip-removed': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/24'], deniedIps: ['192.0.2.7'] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/24'] })),
  },
  'ips-same-addresses': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/25', '192.0.2.128/25'] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ allowedIps: ['192.0.2.0/24'] })),
  },
  'expiry-removed': { base: (s) => new CloudflareToken(s, 'dns', dns()), head: (s) => new CloudflareToken(s, 'dns', dns({ expiresOn: undefined })) },
  'expiry-later': {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ expiresOn: '2028-01-01T00:00:00Z' })),
  },
  'not-before-earlier': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ notBefore: '2026-06-01T00:00:00Z' })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ notBefore: '2026-01-01T00:00:00Z' })),
  },
  'owner-user-to-account': {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ owner: TokenOwner.account(ACCOUNT) })),
  },
  'owner-account-changed': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ owner: TokenOwner.account(ACCOUNT) })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ owner: TokenOwner.account(OTHER_ACCOUNT) })),
  },
  'status-re-enabled': {
    base: (s) => new CloudflareToken(s, 'dns', dns({ status: 'disabled' })),
    head: (s) => new CloudflareToken(s, 'dns', dns()),
  },
  narrower: {
    base: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE), Resource.zone(OTHER_ZONE)] })] })),
    head: (s) => new CloudflareToken(s, 'dns', dns({ expiresOn: '2026-12-01T00:00:00Z', allowedIps: ['192.0.2.0/24'] })),
  },
  both: {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ policies: [Policy.allow({ permissions: ['Zone Read'], resources: [Resource.zone(ZONE)] })] })),
  },
  rotation: {
    base: (s) => new CloudflareToken(s, 'dns', dns()),
    head: (s) => new CloudflareToken(s, 'dns', dns({ expiresOn: undefined, rotation: { everyDays: 30, graceDays: 7 } })),
  },
  renamed: { base: (s) => new CloudflareToken(s, 'dns', dns()), head: (s) => new CloudflareToken(s, 'dns', dns({ name: 'dns-for-ci' })) },
  added: { base: () => undefined, head: (s) => new CloudflareToken(s, 'dns', dns()) },
  removed: { base: (s) => new CloudflareToken(s, 'dns', dns()), head: () => undefined },
  'planted-value': {
    base: (s) => new CloudflareToken(s, 'dns', dns()).resource.addOverride('value', PLANTED_SECRET),
    head: (s) => {
      const token = new CloudflareToken(s, 'dns', dns({ name: 'dns-planted' }));
      // The record below is planted by hand; the default checks would write the real one over it.
      LeastPrivilegeChecks.disable(s, { reason: 'this fixture plants its own least-privilege record' });
      token.resource.addOverride('value', PLANTED_SECRET);
      token.resource.addOverride('//.leastPrivilege', { findings: [{ rule: 'CFT9', level: 'error', message: 'planted finding' }] });
    },
  },
  'raw-provider': {
    base: (s) => {
      new ApiToken(s, 'raw-user', { name: 'raw-user', policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }] });
    },
    head: (s) => {
      new ApiToken(s, 'raw-user', {
        name: 'raw-user',
        policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE_ID }, { id: 'ffffffffffffffffffffffffffffffff' }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }],
      });
      new AccountToken(s, 'raw-account', {
        accountId: ACCOUNT,
        name: 'raw-account',
        policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } }) }],
      });
    },
  },
};

/** A stack with the Cloudflare provider, so that cdktf's validations pass. */
export function tokenStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

const made: string[] = [];

/** Synthesizes an app into a fresh temp dir (removed by {@link removeSynthDirs}) and returns the dir. */
export function synthApp(build: (app: App) => void): string {
  const outdir = mkdtempSync(join(tmpdir(), 'cf-token-review-'));
  made.push(outdir);
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

/** The base and head synth outputs of every case, one stack per case. */
export function synthCases(): { baseDir: string; headDir: string } {
  const side = (which: 'base' | 'head') => (app: App) => {
    for (const [id, builds] of Object.entries(CASES)) builds[which](tokenStack(app, id));
  };
  return { baseDir: synthApp(side('base')), headDir: synthApp(side('head')) };
}

export function removeSynthDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
