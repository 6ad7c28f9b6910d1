import { Aspects, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { LeastPrivilegeChecks, PermissionGroups } from '../../lib';
import { ApiToken } from '../../lib/bindings/cloudflare-token-resources';
import { givenStack, ZONE } from '../checks/helpers';

// Attacks on WHEN the checks read a token (found while attacking issue 14; they failed at
// dbf7af3 too). The checks read each token in their Aspect; a change after that (an Aspect
// applied after the checks, an override between two synths of one app) reached cdk.tf.json
// unchecked. Now the checks' synth-time validation reads each token again and re-checks the
// ones that changed (lib/checks/least-privilege-checks.ts, recheckIfChanged).

const DNS_WRITE = PermissionGroups.byName('DNS Write').id;
const TOKENS_WRITE = PermissionGroups.byName('API Tokens Write').id;
const ZONE_RESOURCES = JSON.stringify({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' });
const USER_RESOURCES = JSON.stringify({ 'com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a': '*' });
const mintingPolicy = { effect: 'allow', permission_groups: [{ id: TOKENS_WRITE }], resources: USER_RESOURCES };

function dnsToken(stack: TerraformStack): ApiToken {
  return new ApiToken(stack, 't', {
    name: 't',
    policies: [{ effect: 'allow', permissionGroups: [{ id: DNS_WRITE }], resources: ZONE_RESOURCES }],
    expiresOn: '2027-03-01T00:00:00Z',
    notBefore: '2027-01-01T00:00:00Z',
  });
}

function written(stack: TerraformStack, token: ApiToken): Record<string, unknown> {
  const outdir = Testing.fullSynth(stack);
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
  return json.resource.cloudflare_api_token[token.friendlyUniqueId];
}

describe('changes after the checks ran are checked at validation', () => {
  test('an Aspect added after the checks that overrides the policies fails synth when it makes a minting token', () => {
    const stack = givenStack();
    LeastPrivilegeChecks.applyTo(stack);
    const token = dnsToken(stack);
    Aspects.of(stack).add({
      visit(node: IConstruct) {
        if (node === token) token.addOverride('policies', [mintingPolicy]);
      },
    });
    expect(() => written(stack, token)).toThrow(/CFT2/);
  });

  test('a stack-level override of the token made between two synths is reported by the second (CFT13)', () => {
    const stack = givenStack();
    LeastPrivilegeChecks.applyTo(stack);
    const token = dnsToken(stack);
    const findings = (block: Record<string, unknown>) => ((block['//'] as { leastPrivilege: { findings: { rule: string; finding: string }[] } }).leastPrivilege.findings).map((f) => `${f.rule} ${f.finding}`);
    expect(findings(written(stack, token))).not.toContain('CFT13 stack-override');
    stack.addOverride(`resource.cloudflare_api_token.${token.friendlyUniqueId}.policies`, [mintingPolicy]);
    const second = written(stack, token);
    expect(second.policies).toEqual(expect.arrayContaining([mintingPolicy]));
    expect(findings(second)).toContain('CFT13 stack-override');
  });

  test('an override made between two synths of the same app is checked by the second', () => {
    const stack = givenStack();
    LeastPrivilegeChecks.applyTo(stack);
    const token = dnsToken(stack);
    written(stack, token);
    token.addOverride('policies', [mintingPolicy]);
    expect(() => written(stack, token)).toThrow(/CFT2/);
  });
});
