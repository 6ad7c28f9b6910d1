#!/usr/bin/env node
// Compares what the consumer test's cdktf app and cdktn app synthesized:
//   compare.js <cdktf.out of the cdktf app> <cdktf.out of the cdktn app>
// Every stack must be the same JSON except two named lines: the framework's version in the
// stack metadata, and the cloudflare provider's version constraint (the cdktf app's
// @cdktf/provider-cloudflare pins 5.14.0; the library's CloudflareProvider, which the cdktn
// app uses because no prebuilt cdktn provider exists, states the range 5.14 to 5.x).
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');

const [cdktfOut, cdktnOut] = process.argv.slice(2);
const stacksOf = (out) => Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks).sort();
const stacks = stacksOf(cdktfOut);
assert.deepEqual(stacksOf(cdktnOut), stacks, 'the two apps have other stacks');

const EXPECTED = {
  version: { cdktf: '0.21.0', cdktn: '0.24.0' },
  cloudflare: { cdktf: '5.14.0', cdktn: '>= 5.14.0, < 6.0.0' },
};
for (const stack of stacks) {
  const json = {};
  for (const [framework, out] of [['cdktf', cdktfOut], ['cdktn', cdktnOut]]) {
    const text = fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8');
    const parsed = JSON.parse(text);
    assert.equal(parsed['//'].metadata.version, EXPECTED.version[framework], `${framework}: the framework version in ${stack}'s metadata`);
    assert.equal(parsed.terraform.required_providers.cloudflare.version, EXPECTED.cloudflare[framework], `${framework}: the cloudflare provider version in ${stack}`);
    delete parsed['//'].metadata.version;
    delete parsed.terraform.required_providers.cloudflare.version;
    json[framework] = parsed;
  }
  assert.deepEqual(json.cdktn, json.cdktf, `stack ${stack}: the cdktn app's JSON differs from the cdktf app's`);
  // The comparison is about something: the tokens, their rotation, delivery, outputs and checks.
  const resources = json.cdktf.resource;
  const tokens = Object.keys(resources.cloudflare_account_token ?? {}).length + Object.keys(resources.cloudflare_api_token ?? {}).length;
  assert.ok(tokens >= 10, `stack ${stack} has ${tokens} tokens, expected the Getting started token, the presets, the rotating and the overlapping ones`);
  assert.ok(Object.keys(resources.github_actions_environment_secret ?? {}).length === 1, 'the delivery is missing');
  assert.ok(Object.keys(resources.terraform_data ?? {}).some((name) => name.includes('rotation')), 'the rotation records are missing');
  assert.ok(json.cdktf.output.dns_token.sensitive === true, 'the Getting started output is missing');
  assert.ok(json.cdktf['//'].leastPrivilege !== undefined, `stack ${stack} has no record of the least-privilege checks`);
  console.log(`frameworks: stack ${stack}: cdktf 0.21.0 and cdktn 0.24.0 wrote the same JSON (${tokens} tokens, checks applied)`);
}
