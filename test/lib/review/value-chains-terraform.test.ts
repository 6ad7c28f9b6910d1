// What the reviewer lists under "Value goes to" is where real Terraform (1.11.4) puts the token
// value: the same stack is applied with provider resources swapped for terraform_data stand-ins
// (test/terraform/harness.ts), and every resource and output whose state holds the value must be
// listed, and nothing else. Chains through a copied secret, a JSON object key (a template in
// Terraform JSON), terraform_data outputs and a local; `.id` alone carries nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { standInOf, TerraformWorkspace, withStandIns } from '../../terraform/harness';
import { compileCli, removeCompiledCli, runCliProcess } from './compiled-cli';
import { DNS_WRITE_ID, ZONE } from './ids';

jest.setTimeout(120_000);

type Json = Record<string, any>;

const STACK: Json = {
  resource: {
    cloudflare_api_token: {
      dns: {
        name: 'dns',
        policies: [{ effect: 'allow', permission_groups: [{ id: DNS_WRITE_ID }], resources: JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }) }],
        expires_on: '2027-01-01T00:00:00Z',
      },
    },
    github_actions_secret: {
      existing: { repository: 'infra', secret_name: 'CF_TOKEN', plaintext_value: '${cloudflare_api_token.dns.value}' },
      copy: { repository: 'other-repo', secret_name: 'COPY', plaintext_value: '${github_actions_secret.existing.plaintext_value}' },
      fromLocal: { repository: 'third-repo', secret_name: 'L', plaintext_value: '${local.v}' },
    },
    terraform_data: {
      relay: { input: '${github_actions_secret.copy.plaintext_value}' },
      // The value as a key (the harness rewrites references in values only, so the key reads a terraform_data).
      keyed: { input: { '${terraform_data.relay.output}': 1 } },
      chained: { input: '${terraform_data.keyed.output}' },
      ids: { input: '${cloudflare_api_token.dns.id}' },
      fromIds: { input: '${terraform_data.ids.output}' },
    },
  },
  locals: { v: '${terraform_data.chained.output}' },
  output: {
    leak: { value: '${github_actions_secret.fromLocal.plaintext_value}', sensitive: true },
    idOnly: { value: '${terraform_data.fromIds.output}' },
  },
};

test("the reviewer's places for the token value are exactly the resources and outputs whose Terraform state holds it", async () => {
  const root = compileCli();
  const dir = mkdtempSync(join(tmpdir(), 'value-chains-terraform-'));
  let ws: TerraformWorkspace | undefined;
  try {
    mkdirSync(join(dir, 'stacks', 'prod'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { prod: { synthesizedStackPath: 'stacks/prod/cdk.tf.json' } } }));
    writeFileSync(join(dir, 'stacks', 'prod', 'cdk.tf.json'), JSON.stringify(STACK));
    const run = await runCliProcess(root, ['report', dir, '--json']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const places: string[] = JSON.parse(run.stdout).tokens[0].deliveries;
    // Each place names its block: `... (github_actions_secret.copy)`, `terraform_data.keyed (...)`, `output leak (...)`.
    const listed = places.map((p) => /\(([a-z_]+\.[A-Za-z]+)\)$/.exec(p)?.[1] ?? /^(\w+\.\w+) /.exec(p)?.[1] ?? /^output (\w+) /.exec(p)?.[1]).sort();

    ws = new TerraformWorkspace(withStandIns(STACK));
    ws.deploy('2026-06-01T00:00:00Z');
    const value = ws.tokenValue('cloudflare_api_token.dns');
    const state = ws.state();
    const outputs = ws.outputs();
    const holding = [
      ...['github_actions_secret.existing', 'github_actions_secret.copy', 'github_actions_secret.fromLocal', 'terraform_data.relay', 'terraform_data.keyed', 'terraform_data.chained', 'terraform_data.ids', 'terraform_data.fromIds'].filter((a) =>
        JSON.stringify(state[standInOf(a)]).includes(value),
      ),
      ...Object.keys(outputs).filter((name) => JSON.stringify(outputs[name]).includes(value)),
    ].sort();
    expect(holding).toEqual(['github_actions_secret.copy', 'github_actions_secret.existing', 'github_actions_secret.fromLocal', 'leak', 'terraform_data.chained', 'terraform_data.keyed', 'terraform_data.relay']);
    expect(listed).toEqual(holding);
  } finally {
    ws?.dispose();
    removeCompiledCli(root);
    rmSync(dir, { recursive: true, force: true });
  }
});
