// Issue 12: the README's examples are clean at the level the README recommends for them
// (prod: strict), with the checks on by default; a finding there would teach users to
// ignore findings.
import { Testing, TerraformStack } from 'cdktf';
import { LeastPrivilegeChecks } from '../../lib';
import { newStack } from '../synth-helpers';
import { cmsPurge } from './examples/cache-purge-token';
import { pagesCi } from './examples/pages-deploy-token';
import { ProdTokens } from './examples/prod-stack';
import { auditor } from './examples/read-only-token';
import { dnsManager } from './examples/scoped-dns-token';
import { workersCi } from './examples/workers-deploy-token';

function recordedFindings(stack: TerraformStack): string[] {
  const json = JSON.parse(Testing.synth(stack)) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const root = stack.toTerraform() as { '//'?: { leastPrivilege?: { level: string; findings?: { rule: string; finding: string }[] } } };
  const out = (root['//']?.leastPrivilege?.findings ?? []).map((f) => `${f.rule} ${f.finding}`);
  for (const type of ['cloudflare_api_token', 'cloudflare_account_token']) {
    for (const resource of Object.values((stack.toTerraform() as typeof json).resource?.[type] ?? {})) {
      const record = (resource['//'] as { leastPrivilege?: { findings: { rule: string; finding: string }[] } }).leastPrivilege;
      expect(record).toBeDefined();
      out.push(...record!.findings.map((f) => `${f.rule} ${f.finding}`));
    }
  }
  return out;
}

describe('README examples are clean at their recommended level', () => {
  test.each([
    ['scoped-dns-token', dnsManager],
    ['cache-purge-token', cmsPurge],
    ['workers-deploy-token', workersCi],
    ['pages-deploy-token', pagesCi],
    ['read-only-token', auditor],
  ] as const)('%s: no finding with the default checks (no call needed)', (_name, example) => {
    const stack = newStack();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      example(stack);
    } finally {
      log.mockRestore();
    }
    expect(recordedFindings(stack)).toEqual([]);
  });

  test('the prod example: no finding in strict mode, as production', () => {
    const stack = new ProdTokens(Testing.app(), 'prod');
    LeastPrivilegeChecks.applyTo(stack, { strict: true, production: true, maxValidityDays: 365 });
    expect(recordedFindings(stack)).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
