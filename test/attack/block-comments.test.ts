import { ApiToken as ProviderApiToken } from '@cdktf/provider-cloudflare/lib/api-token';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { findingsOf, LeastPrivilegeChecks, PermissionGroups } from '../../lib';
import { writeComment } from '../../lib/bindings/block-comments';
import { ApiToken } from '../../lib/bindings/cloudflare-token-resources';
import { givenStack } from '../checks/helpers';

// Attacks on lib/bindings/block-comments.ts (issue 14): our token bindings write the library's
// "//" records with their attributes instead of as overrides. Claim: the JSON under each block's
// "//" is exactly what it was. The oracle for "what it was" is a raw @cdktf/provider-cloudflare
// token: the library still writes its records on those as overrides (writeComment falls back to
// addOverride), which is what every token got before d337178.
// The first two found a real hole in the first version (fixed: the records are merged into the
// block in toTerraform, as an override is); the rest are attacks that failed.

const TOKENS_WRITE = PermissionGroups.byName('API Tokens Write').id;
const USER_RESOURCES = JSON.stringify({ 'com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a': '*' });
// A second copy of the library (and of cdktf) in the same app, as a bundled dependency would be.
let otherCopy: typeof import('../../lib/bindings/block-comments');
jest.isolateModules(() => {
  otherCopy = require('../../lib/bindings/block-comments');
});

// A token with a warning (CFT3: no expiry) so that app.synth() passes and the record holds a finding.
const warned = {
  name: 't',
  policies: [{ effect: 'allow', permissionGroups: [{ id: PermissionGroups.byName('DNS Write').id }], resources: JSON.stringify({ 'com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353': '*' }) }],
};
// A minting token: an error finding (CFT2).
const config = {
  name: 't',
  policies: [{ effect: 'allow', permissionGroups: [{ id: TOKENS_WRITE }], resources: USER_RESOURCES }],
  expiresOn: '2027-03-01T00:00:00Z',
  notBefore: '2027-01-01T00:00:00Z',
};

type Make = (stack: TerraformStack) => TerraformResource;
const binding: Make = (stack) => new ApiToken(stack, 't', warned);
const raw: Make = (stack) => new ProviderApiToken(stack, 't', warned);

/** The "//" of the token's block in cdk.tf.json (without cdktf's own metadata), after a full synth with the checks. */
function commentOf(make: Make, edit: (r: TerraformResource) => void): Record<string, unknown> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(Testing.app().outdir, 'bc-')), skipValidation: true });
  const stack = givenStack(app);
  LeastPrivilegeChecks.applyTo(stack);
  const r = make(stack);
  writeComment(r, 'summary', ['grants DNS Write']);
  writeComment(r, 'preset', { name: 'p', version: 1 });
  edit(r);
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
  const { metadata: _metadata, ...rest } = json.resource.cloudflare_api_token[r.friendlyUniqueId]['//'];
  return rest;
}

describe('a binding subclass that writes its own "//" keeps the library records', () => {
  // A subclass that adds a note of its own under "//" in synthesizeAttributes (the natural place
  // in cdktf). Before d337178 the records were overrides, merged over the subclass's "//"; now
  // they are the "//" the subclass replaced, so the checks' leastPrivilege record disappears.
  class Noted extends ApiToken {
    protected synthesizeAttributes(): Record<string, unknown> {
      return { ...super.synthesizeAttributes(), '//': { owner: 'team-a' } };
    }
  }
  class NotedRaw extends ProviderApiToken {
    protected synthesizeAttributes(): Record<string, unknown> {
      return { ...super.synthesizeAttributes(), '//': { owner: 'team-a' } };
    }
  }

  test('the records (summary, preset, leastPrivilege) stay under "//" as they do on a raw token', () => {
    const before = commentOf((s) => new NotedRaw(s, 't', warned), () => undefined);
    expect(before).toEqual(expect.objectContaining({ owner: 'team-a', summary: ['grants DNS Write'], leastPrivilege: expect.objectContaining({ findings: [expect.objectContaining({ rule: 'CFT3' })] }) }));
    expect(commentOf((s) => new Noted(s, 't', warned), () => undefined)).toEqual(before);
  });

  test('findingsOf (the documented way to test a stack) reports the minting token as checked, with its CFT2 error', () => {
    const stack = givenStack();
    LeastPrivilegeChecks.applyTo(stack);
    new Noted(stack, 't', config);
    const [token] = findingsOf(stack);
    // Were the record lost, findingsOf would say unchecked with no findings, which the README's
    // `expect(findingsOf(stack).flatMap((t) => t.findings)).toEqual([])` would accept.
    expect(token.checked).toBe(true);
    expect(token.findings.map((f) => f.rule)).toContain('CFT2');
  });
});

describe('attacks that failed (regression tests): overrides under "//" edit the records as they did', () => {
  test.each<[string, (r: TerraformResource) => void]>([
    ['no override', () => undefined],
    ['//.summary removed', (r) => r.addOverride('//.summary', undefined)],
    ['//.summary replaced by a list (not appended)', (r) => r.addOverride('//.summary', ['replaced'])],
    ['//.summary.0 (a list index)', (r) => r.addOverride('//.summary.0', 'X')],
    ['"//" replaced whole', (r) => r.addOverride('//', { note: 'n' })],
    ['//.preset edited', (r) => r.addOverride('//.preset.extra', 1)],
    ['a fake //.leastPrivilege written before the checks', (r) => r.addOverride('//.leastPrivilege', { checks: 'strict', findings: [], suppressions: [] })],
    ['//.leastPrivilege.findings emptied', (r) => r.addOverride('//.leastPrivilege.findings', [])],
    ['a record written by a second copy of the library', (r) => otherCopy.writeComment(r, 'summary', ['from the other copy'])],
    ['an override elsewhere first, then "//"', (r) => (r.addOverride('lifecycle.prevent_destroy', true), r.addOverride('//.summary', []))],
  ])('%s', (_what, edit) => {
    // Compared as text: the records' key order is part of "exactly what it was".
    expect(JSON.stringify(commentOf(binding, edit))).toBe(JSON.stringify(commentOf(raw, edit)));
  });

  test('two synths of the same app: the second writes the same records, with an override made between them', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(Testing.app().outdir, 'bc-')), skipValidation: true });
    const stack = givenStack(app);
    LeastPrivilegeChecks.applyTo(stack);
    const r = binding(stack);
    writeComment(r, 'summary', ['s']);
    const comment = () => {
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
      const { metadata: _metadata, ...rest } = json.resource.cloudflare_api_token[r.friendlyUniqueId]['//'];
      return rest;
    };
    const first = comment();
    expect(first).toEqual({ summary: ['s'], leastPrivilege: expect.objectContaining({ checks: 'default' }) });
    expect(comment()).toEqual(first);
    r.addOverride('//.summary', ['edited']);
    expect(comment()).toEqual({ ...first, summary: ['edited'] });
  });
});
