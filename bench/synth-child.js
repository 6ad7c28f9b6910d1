// One measurement, in a fresh process: builds N tokens in one stack, either with the
// library's CloudflareToken (compiled dist/, what a consumer gets) or with the raw provider
// resources written by hand, synthesizes into `outdir`, and prints the milliseconds spent
// constructing + synthesizing, wall and CPU (module loading is excluded: `cold-start`
// measures that).
// Modes: `ours` (CloudflareToken, with the least-privilege checks it turns on by default),
// `ours-unchecked` (the same with the checks disabled), `raw` (AccountToken directly in the stack, as someone
// without the library writes it) and `raw-nested` (AccountToken inside a plain Construct:
// the tree shape every wrapper construct has, so ours/raw-nested is the cost of our own code
// and ours/raw includes what cdktf charges for the extra tree level), and `raw-nested-records`
// (raw-nested plus, written by hand, the JSON the library adds to each token: the `"//"`
// summary and checks records and the expiry `check` block: what cdktf charges for that JSON
// alone, without any of our code).
// Usage: node bench/synth-child.js <mode> <N> <outdir> [<profile.cpuprofile>]
// With a profile path, the V8 CPU profiler (what `node --cpu-prof` runs) records the measured
// section only, construct + synth, so module loading does not drown the entries.
'use strict';
const { App, TerraformElement, TerraformStack } = require('cdktf');
const { CloudflareProvider } = require('@cdktf/provider-cloudflare/lib/provider');
const { AccountToken } = require('@cdktf/provider-cloudflare/lib/account-token');
const { Construct } = require('constructs');

const [mode, countText, outdir, profilePath] = process.argv.slice(2);
const count = Number(countText);
// BENCH_DIST: another build of the library (e.g. main's), to compare two versions of `ours`.
const ours = mode === 'ours' || mode === 'ours-unchecked' ? require(process.env.BENCH_DIST || '../dist') : undefined;
const MODES = ['ours', 'ours-unchecked', 'raw', 'raw-nested', 'raw-nested-records'];
if (!MODES.includes(mode)) throw new Error(`mode must be one of ${MODES.join(', ')}, got ${mode}`);

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const DNS_WRITE = '4755a26eedb94da69e1066d98aa820be';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';
const WORKERS_SCRIPTS_WRITE = 'e086da7e2179491d91ee5f35b3ca210a';
const zoneId = (i) => i.toString(16).padStart(32, '0');

/** The same token both ways: DNS on one zone plus Workers scripts on the account, IP-bound, expiring. */
function ourToken(stack, i) {
  const { CloudflareToken, Policy, Resource, TokenOwner } = ours;
  new CloudflareToken(stack, `token-${i}`, {
    name: `bench-token-${i}`,
    owner: TokenOwner.account(ACCOUNT),
    policies: [
      Policy.allow({ permissions: ['DNS Write', 'Zone Read'], resources: [Resource.zone(zoneId(i))] }),
      Policy.allow({ permissions: ['Workers Scripts Write'], resources: [Resource.account(ACCOUNT)] }),
    ],
    allowedIps: ['192.0.2.0/24'],
    expiresOn: '2027-06-30T00:00:00Z',
  });
}

function rawToken(stack, i) {
  const [scope, id] = mode === 'raw' ? [stack, `token-${i}`] : [new Construct(stack, `token-${i}`), 'token'];
  const token = new AccountToken(scope, id, {
    accountId: ACCOUNT,
    name: `bench-token-${i}`,
    policies: [
      {
        effect: 'allow',
        permissionGroups: [{ id: WORKERS_SCRIPTS_WRITE }],
        resources: JSON.stringify({ [`com.cloudflare.api.account.${ACCOUNT}`]: '*' }),
      },
      {
        effect: 'allow',
        permissionGroups: [{ id: DNS_WRITE }, { id: ZONE_READ }],
        resources: JSON.stringify({
          [`com.cloudflare.api.account.${ACCOUNT}`]: { [`com.cloudflare.api.account.zone.${zoneId(i)}`]: '*' },
        }),
      },
    ],
    condition: { requestIp: { in: ['192.0.2.0/24'] } },
    expiresOn: '2027-06-30T00:00:00Z',
  });
  if (mode === 'raw-nested-records') addRecordsByHand(stack, token, i);
}

/** The same `"//"` records and expiry check the library writes for the token, as plain JSON. */
function addRecordsByHand(stack, token, i) {
  token.addOverride('//.summary', [`allow Workers Scripts Write on account ${ACCOUNT}`, `allow DNS Write, Zone Read on zone ${zoneId(i)}`]);
  token.addOverride('//.leastPrivilege', { checks: 'default', findings: [], suppressions: [] });
  const checks = stack.node.tryFindChild('checks') ?? new HandWrittenChecks(stack, 'checks');
  checks.entries.push([`${token.friendlyUniqueId}_expiry`, `bench-token-${i}`, `bench/token-${i}`]);
}

/** `check` blocks as the library's expiry check writes them, one element for all (as it does). */
class HandWrittenChecks extends TerraformElement {
  constructor(scope, id) {
    super(scope, id);
    this.entries = [];
  }
  toTerraform() {
    const check = {};
    for (const [name, tokenName, path] of this.entries) {
      check[name] = {
        assert: [
          {
            condition: '${timecmp(plantimestamp(), timeadd("2027-06-30T00:00:00Z", "-336h")) < 0}',
            error_message:
              `Cloudflare token "${tokenName}" (${path}) expires at 2027-06-30T00:00:00Z: 14 days or less from this plan, or already past. ` +
              'An expired token stops working, and from Cloudflare provider 5.19 Terraform plans to create it again with the past expiry. ' +
              'Fix: set a later expiresOn in a reviewed change (or use rotation) and deploy.',
          },
        ],
      };
    }
    return { check };
  }
}

const profiler = profilePath ? startProfiler() : undefined;
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const app = new App({ outdir });
const stack = new TerraformStack(app, 'bench');
new CloudflareProvider(stack, 'cloudflare', {});
// ours-unchecked: the constructs alone, with the least-privilege checks (on by default) turned
// off, to tell the cost of the constructs from the cost of the checks.
if (mode === 'ours-unchecked') ours.LeastPrivilegeChecks.disable(stack, { reason: 'bench: the constructs without the checks' });
const make = ours ? ourToken : rawToken;
for (let i = 0; i < count; i++) make(stack, i);
app.synth();
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStarted);
if (profiler) profiler.stop(profilePath);
process.stdout.write(JSON.stringify({ mode, count, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, ...(count <= 1000 ? jsonSize() : {}) }) + '\n');

/**
 * How much JSON the stack has, after the measurement: cdktf resolves every value of it three
 * times and writes it once, so its size drives much of `app.synth()` (bench/RESULTS.md). Not
 * at N = 10000, where reading 20 MB back would only lengthen the bench: the size per token
 * is the same at every N.
 */
function jsonSize() {
  const text = require('fs').readFileSync(require('path').join(outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8');
  let values = 0;
  const work = [JSON.parse(text)];
  while (work.length > 0) {
    const item = work.pop();
    values++;
    if (item !== null && typeof item === 'object') for (const v of Object.values(item)) work.push(v);
  }
  return { jsonBytes: Buffer.byteLength(text), jsonValues: values };
}

/** Starts V8's sampling CPU profiler in this thread (the in-process inspector answers synchronously). */
function startProfiler() {
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => {
    let out;
    session.post(method, params, (error, result) => {
      if (error) throw error;
      out = result;
    });
    return out;
  };
  post('Profiler.enable');
  post('Profiler.setSamplingInterval', { interval: 100 }); // microseconds
  post('Profiler.start');
  return {
    stop(file) {
      const { profile } = post('Profiler.stop');
      require('fs').writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
