// `cf-token-review audit --live` as shipped, through the official `cloudflare` SDK, against a
// local server on 127.0.0.1 that answers in the API's documented shape (envelope with
// `result` and `result_info`; errors as `{ success: false, errors: [{ code, message }] }`).
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { CliRun, compileCli, removeCompiledCli } from '../compiled-cli';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
const API_TOKEN = 'test-credential-for-the-local-server';
const USER_TOKENS: unknown[] = JSON.parse(readFileSync(join(FIXTURES, 'user-tokens.json'), 'utf8')).result;
const ACCOUNT_TOKENS: unknown[] = JSON.parse(readFileSync(join(FIXTURES, 'account-tokens.json'), 'utf8'));

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly page: string | null;
  readonly authorization: string | undefined;
}
const seen: Seen[] = [];
let rateLimitedOnce = false;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** One page of a listing, as the API pages it (per_page as asked; an empty page after the last). */
function page(all: readonly unknown[], url: URL): unknown {
  const number = Number(url.searchParams.get('page') ?? '1');
  const perPage = 3; // smaller than the SDK asks for, so the listing takes several pages
  const result = all.slice((number - 1) * perPage, number * perPage);
  return { success: true, errors: [], messages: [], result, result_info: { page: number, per_page: perPage, count: result.length, total_count: all.length } };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  seen.push({ method: req.method ?? '', path: url.pathname, page: url.searchParams.get('page'), authorization: req.headers.authorization });
  if (req.headers.authorization !== `Bearer ${API_TOKEN}`) return send(res, 401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
  if (url.pathname === '/client/v4/user/tokens') {
    // The first listing is rate-limited once: the SDK waits as told and retries.
    if (!rateLimitedOnce) {
      rateLimitedOnce = true;
      return send(res, 429, { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null }, { 'retry-after-ms': '10' });
    }
    return send(res, 200, page(USER_TOKENS, url));
  }
  if (url.pathname === `/client/v4/accounts/${ACCOUNT}/tokens`) return send(res, 200, page(ACCOUNT_TOKENS, url));
  if (url.pathname === `/client/v4/accounts/${OTHER_ACCOUNT}/tokens`) return send(res, 403, { success: false, errors: [{ code: 9109, message: 'Unauthorized to access requested resource' }], messages: [], result: null });
  if (url.pathname === '/client/v4/always-limited/user/tokens') return send(res, 429, { success: false, errors: [{ code: 971, message: 'Please wait' }], messages: [], result: null }, { 'retry-after-ms': '10' });
  send(res, 404, { success: false, errors: [{ code: 7003, message: 'No route' }], messages: [], result: null });
}

let server: Server;
let base: string;
let root: string;

function runLive(args: readonly string[], env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
    execFile(process.execPath, [join(root, 'bin', 'cf-token-review.js'), ...args], { encoding: 'utf8', env: childEnv }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// The compiled package has no node_modules: NODE_PATH makes the SDK (a dev dependency here) resolvable, as an install would.
const withSdk = (extra: Record<string, string | undefined> = {}) => ({ NODE_PATH: join(ROOT, 'node_modules'), CLOUDFLARE_API_TOKEN: API_TOKEN, CLOUDFLARE_BASE_URL: `${base}/client/v4`, ...extra });

beforeAll(async () => {
  root = compileCli();
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  removeCompiledCli(root);
  await new Promise((resolve) => server.close(resolve));
});

test('lists user and account tokens page by page with GET only, after a rate-limited first answer, and audits them', async () => {
  const run = await runLive(['audit', '--live', '--json', '--account', ACCOUNT], withSdk());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.tokens.map((t: { id: string; owner: string }) => `${t.owner} ${t.id}`)).toEqual([
    ...USER_TOKENS.map((t) => `user ${(t as { id: string }).id}`),
    ...ACCOUNT_TOKENS.map((t) => `account ${ACCOUNT} ${(t as { id: string }).id}`),
  ]);
  const minter = report.tokens.find((t: { id: string }) => t.id === 'abcdefabcdefabcdefabcdefabcdef01');
  expect(minter.findings.map((f: { rule: string }) => f.rule)).toEqual(['CFT2', 'CFT4', 'CFT8']);
  // Read-only: every request was a GET to one of the two listings, with the token as a bearer credential.
  expect(new Set(seen.map((s) => s.method))).toEqual(new Set(['GET']));
  expect(new Set(seen.map((s) => s.path))).toEqual(new Set(['/client/v4/user/tokens', `/client/v4/accounts/${ACCOUNT}/tokens`]));
  expect(seen.every((s) => s.authorization === `Bearer ${API_TOKEN}`)).toBe(true);
  // 5 user tokens at 3 a page: the 429, pages 1 and 2, then the empty page 3; 2 account tokens: page 1, empty page 2.
  expect(seen.filter((s) => s.path === '/client/v4/user/tokens').map((s) => s.page ?? '1')).toEqual(['1', '1', '2', '3']);
  expect(seen.filter((s) => s.path.startsWith('/client/v4/accounts/')).map((s) => s.page ?? '1')).toEqual(['1', '2']);
});

test('adopt --live writes the module from the same listing: every token adopted by id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-live-'));
  try {
    const out = join(dir, 'adopted.ts');
    const run = await runLive(['adopt', '--live', '--account', ACCOUNT, '--out', out], withSdk());
    expect(run).toEqual({ code: 0, stdout: `cf-token-review: wrote ${out}\n`, stderr: '' });
    const source = readFileSync(out, 'utf8');
    expect(source).toContain(`// Generated by \`cf-token-review adopt\` from GET /user/tokens, GET /accounts/${ACCOUNT}/tokens.`);
    for (const token of [...USER_TOKENS, ...ACCOUNT_TOKENS]) expect(source).toContain(`adoptTokenId: "${(token as { id: string }).id}"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLOUDFLARE_ACCOUNT_ID stands in for --account', async () => {
  const run = await runLive(['audit', '--live', '--json'], withSdk({ CLOUDFLARE_ACCOUNT_ID: ACCOUNT }));
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).tokens.filter((t: { owner: string }) => t.owner === `account ${ACCOUNT}`)).toHaveLength(3);
});

test('a 403 names the permission the listing needs, in one line, without the credential', async () => {
  const run = await runLive(['audit', '--live', '--account', OTHER_ACCOUNT], withSdk());
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `cf-token-review: GET /accounts/${OTHER_ACCOUNT}/tokens: refused (403, API error code 9109): CLOUDFLARE_API_TOKEN lacks the permission this listing needs, Account API Tokens Read (account); add it to the token that runs the audit (read-only is enough)\n`,
  );
  expect(run.stderr).not.toContain(API_TOKEN);
});

test('a rate limit that outlasts the retries is exit 2 with one line', async () => {
  const run = await runLive(['audit', '--live'], withSdk({ CLOUDFLARE_BASE_URL: `${base}/client/v4/always-limited` }));
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('cf-token-review: GET /user/tokens: rate-limited (429, API error code 971) after the retries the SDK makes (it waits as Retry-After says); run the audit again later\n');
});

test('a credential the API refuses (401) is exit 2 with one line', async () => {
  const run = await runLive(['audit', '--live'], withSdk({ CLOUDFLARE_API_TOKEN: 'not-the-right-one' }));
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('cf-token-review: GET /user/tokens: refused (401, API error code 10000): CLOUDFLARE_API_TOKEN is not a valid, active token\n');
  expect(run.stderr).not.toContain('not-the-right-one');
});

test('without CLOUDFLARE_API_TOKEN, or without the SDK installed, live mode says what to do', async () => {
  const noToken = await runLive(['audit', '--live'], withSdk({ CLOUDFLARE_API_TOKEN: undefined }));
  expect(noToken).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^cf-token-review: audit --live needs CLOUDFLARE_API_TOKEN: a token with API Tokens Read .*\n$/) });
  const noSdk = await runLive(['audit', '--live'], withSdk({ NODE_PATH: undefined }));
  expect(noSdk).toEqual({ code: 2, stdout: '', stderr: 'cf-token-review: audit --live: needs the official Cloudflare SDK, which is not installed: run `npm install --save-dev cloudflare@7.3.0`\n' });
});
