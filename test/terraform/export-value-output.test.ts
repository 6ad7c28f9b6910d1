// `terraform output -raw <name>` reads what exportValue(name) exported, proved with the real
// terraform binary on the synthesized JSON. No provider can be downloaded here, so the token
// resource is swapped for a built-in `terraform_data` stand-in whose `output` plays `value`.
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { CloudflareToken, Policy, Resource, ScopedDnsToken, TokenOwner } from '../../lib';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const STAND_IN_SECRET = 'stand-in-token-value';

/** The stack's JSON with every token resource replaced by a terraform_data stand-in. */
function withStandIns(json: any): any {
  const standIns: Record<string, unknown> = {};
  let text = JSON.stringify(json);
  for (const type of ['cloudflare_api_token', 'cloudflare_account_token']) {
    for (const name of Object.keys(json.resource?.[type] ?? {})) {
      standIns[name] = { input: STAND_IN_SECRET };
      text = text.split(`${type}.${name}.value`).join(`terraform_data.${name}.output`);
    }
  }
  const out = JSON.parse(text);
  out.resource = { terraform_data: standIns };
  delete out.provider;
  delete out.terraform.required_providers;
  return out;
}

test('terraform output -raw <name> reads the value exportValue(name) exported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cft-output-'));
  try {
    const app = new App({ outdir: join(dir, 'cdktf.out') });
    const stack = new TerraformStack(app, 'tokens');
    new CloudflareProvider(stack, 'cloudflare', {});
    new LocalBackend(stack, { path: 'terraform.tokens.tfstate' });
    new CloudflareToken(stack, 'terraform-dns', {
      owner: TokenOwner.account(ACCOUNT),
      policies: [Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(ZONE)] })],
    }).exportValue('dns_token');
    new ScopedDnsToken(stack, 'acme', { owner: TokenOwner.account(ACCOUNT), zones: [ZONE] }).exportValue();
    app.synth();

    const stackDir = join(dir, 'cdktf.out', 'stacks', 'tokens');
    const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(withStandIns(json)));
    const terraform = (...args: string[]) =>
      execFileSync('terraform', args, { cwd: stackDir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    terraform('init', '-input=false', '-no-color');
    terraform('apply', '-auto-approve', '-input=false', '-no-color');

    expect(terraform('output', '-raw', 'dns_token')).toBe(STAND_IN_SECRET);
    expect(terraform('output', '-raw', 'acme')).toBe(STAND_IN_SECRET);
    // Sensitive: a plain `terraform output` hides the value.
    const listing = terraform('output', '-no-color');
    expect(listing).toContain('dns_token = <sensitive>');
    expect(listing).not.toContain(STAND_IN_SECRET);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
