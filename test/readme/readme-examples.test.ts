import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { newStack, onlyToken, tokensOf } from '../synth-helpers';
import { cmsPurge } from './examples/cache-purge-token';
import { pagesCi } from './examples/pages-deploy-token';
import { ProdTokens } from './examples/prod-stack';
import { auditor } from './examples/read-only-token';
import { dnsManager } from './examples/scoped-dns-token';
import { workersCi } from './examples/workers-deploy-token';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES_DIR = join(__dirname, 'examples');
const MARKER = /<!-- example: (test\/readme\/examples\/[\w.-]+\.ts) -->\n```ts\n([\s\S]*?)```/g;

describe('README examples', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const shown = new Map([...readme.matchAll(MARKER)].map((m) => [m[1], m[2]]));

  test('every example file is shown in the README, and every shown example is a file', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.ts')).map((f) => `test/readme/examples/${f}`);
    expect([...shown.keys()].sort()).toEqual(files.sort());
  });

  test.each(readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.ts')))('the README shows %s exactly as the file the tests compile', (file) => {
    const path = `test/readme/examples/${file}`;
    expect(shown.get(path)).toBe(readFileSync(join(ROOT, path), 'utf8'));
  });

  test('the DNS example grants DNS Write and Zone Read on its zone, from the office only', () => {
    const stack = newStack();
    dnsManager(stack);
    const token = onlyToken(stack);
    expect(token.name).toBe('Production DNS Manager');
    expect(token.policies).toEqual([
      {
        effect: 'allow',
        ids: ['4755a26eedb94da69e1066d98aa820be', 'c8fed203ed3043cba015a93ad1616f1f'],
        resources: { 'com.cloudflare.api.account.0123456789abcdef0123456789abcdef': { 'com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353': '*' } },
      },
    ]);
    expect(token.allowedIps).toEqual(['192.0.2.0/24']);
  });

  test('the cache-purge example grants Cache Purge from one address', () => {
    const stack = newStack();
    cmsPurge(stack);
    const token = onlyToken(stack);
    expect(token.policies).toEqual([{ effect: 'allow', ids: ['e17beae8b8cb423a99b1730f21238bed'], resources: { 'com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353': '*' } }]);
    expect(token.allowedIps).toEqual(['198.51.100.7/32']);
  });

  test('the Workers example adds KV and nothing else optional', () => {
    const stack = newStack();
    workersCi(stack);
    expect(onlyToken(stack).policies.map((p) => p.ids)).toEqual([
      ['e086da7e2179491d91ee5f35b3ca210a', 'f7f0eda5697f475c90846e879bab8666'],
      ['28f4b596e7d643029c524985477ae49a', 'e17beae8b8cb423a99b1730f21238bed'],
    ]);
  });

  test('the Pages example grants Pages Write on the account', () => {
    const stack = newStack();
    pagesCi(stack);
    expect(onlyToken(stack).policies).toEqual([{ effect: 'allow', ids: ['8d28297797f24fb8a0c332fe0866ec89'], resources: { 'com.cloudflare.api.account.0123456789abcdef0123456789abcdef': '*' } }]);
  });

  test('the read-only example reads exactly the zone and account it names, and logs only its summary', () => {
    const stack = newStack();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const ro = auditor(stack);
      expect(log.mock.calls.map((c) => c[0])).toEqual([...ro.summary]);
    } finally {
      log.mockRestore();
    }
    expect(onlyToken(stack).policies.map((p) => Object.keys(p.resources))).toEqual([
      ['com.cloudflare.api.account.0123456789abcdef0123456789abcdef'],
      ['com.cloudflare.api.account.zone.023e105f4ecef8ad9ca31a8372d0c353'],
    ]);
  });

  test('the prod example keeps state in an encrypted S3 backend and purges from CI only', () => {
    const json = Testing.synth(new ProdTokens(Testing.app(), 'prod'), true);
    expect(JSON.parse(json).terraform.backend.s3).toEqual(expect.objectContaining({ bucket: 'tfstate-prod', encrypt: true }));
    const tokens = tokensOf(json);
    expect(tokens.map((t) => [t.type, t.policies.map((p) => p.ids), t.allowedIps])).toEqual([['cloudflare_account_token', [['e17beae8b8cb423a99b1730f21238bed']], ['198.51.100.0/24']]]);
  });
});
