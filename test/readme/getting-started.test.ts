// The README's "Getting started" is the consumer test's app (test/consumer/getting-started/
// main.ts, which test/consumer/run.sh also synthesizes from the installed package). Here: the
// README shows it exactly, and run as an app it writes what the README says, with no path of
// this machine in the output.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const APP = 'test/consumer/getting-started/main.ts';

test('the README shows the Getting started app exactly', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = readme.match(/<!-- example: test\/consumer\/getting-started\/main\.ts -->\n```ts\n([\s\S]*?)```/);
  expect(block?.[1]).toBe(readFileSync(join(ROOT, APP), 'utf8'));
});

test('the Getting started app synthesizes the token, a relative state path and the output dns_token', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cft-getting-started-'));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => require(join(ROOT, APP)));
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  try {
    const text = readFileSync(join(outdir, 'stacks', 'tokens', 'cdk.tf.json'), 'utf8');
    const json = JSON.parse(text);
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tokens.tfstate' } });
    expect(Object.keys(json.output)).toEqual(['dns_token']);
    expect(json.output.dns_token.sensitive).toBe(true);
    const [token] = Object.values(json.resource.cloudflare_account_token) as any[];
    expect(token.policies[0].permission_groups).toEqual([{ id: '4755a26eedb94da69e1066d98aa820be' }, { id: 'c8fed203ed3043cba015a93ad1616f1f' }]);
    expect(token['//'].summary).toEqual(['allow DNS Write, Zone Read on zone 023e105f4ecef8ad9ca31a8372d0c353']);
    // Same bytes on every machine: nothing of where it ran.
    expect(text).not.toContain(outdir);
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain(process.cwd());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
