// Imported from their modules, not the package index, so this file does not load cdktf.
import { ReviewedToken, SynthOutput } from '../../../lib/review/model';
import { renderDiffMarkdown, renderReportMarkdown } from '../../../lib/review/render-markdown';
import { reportTokens } from '../../../lib/review/report';
import { ACCOUNT, DNS_WRITE_ID, ZONE } from './ids';

/** A token as the reader models it, with `change` applied. */
function token(change: Partial<ReviewedToken> = {}): ReviewedToken {
  return {
    stack: 'prod',
    address: 'cloudflare_account_token.ci',
    resourceType: 'cloudflare_account_token',
    constructPath: 'prod/ci/token',
    matchKey: 'prod:prod/ci/token',
    name: 'prod/ci',
    owner: { kind: 'account', accountId: ACCOUNT },
    policies: [
      { effect: 'allow', permissions: [{ id: DNS_WRITE_ID, name: 'DNS Write' }], resources: [{ kind: 'allZonesOfAccount', accountId: ACCOUNT }] },
      { effect: 'deny', permissions: [{ id: DNS_WRITE_ID, name: 'DNS Write' }, { id: 'ffffffffffffffffffffffffffffffff' }], resources: [{ kind: 'zone', zoneId: ZONE, accountId: ACCOUNT }] },
    ],
    allowedIps: ['192.0.2.0/24'],
    deniedIps: ['192.0.2.7/32'],
    notBefore: '2026-01-01T00:00:00Z',
    expiresOn: '${timeadd(time_rotating.ci.rotation_rfc3339, "720h")}',
    replaceTriggeredBy: ['${time_rotating.ci}'],
    rotation: { everyDays: 30, graceDays: 30 },
    deliveries: [{ place: 'output ci_value (sensitive)', via: 'value' }],
    summary: [],
    findings: [{ rule: 'CFT1', level: 'warning', message: 'grants ALL zones | of account' }],
    suppressions: [{ rule: 'CFT2', reason: 'the bot manages every zone', appliesTo: 'policies[0]' }],
    ...change,
  };
}

const output = (tokens: ReviewedToken[]): SynthOutput => ({ dir: 'cdktf.out', stacks: ['prod'], tokens, stackItems: [] });

describe('reportTokens', () => {
  test('describes owner, effects, names (ids only when unknown), resources, IPs, rotation, findings', () => {
    // WHEN a token is reported
    const [entry] = reportTokens(output([token()])).tokens;
    // THEN everything a reviewer needs is in words
    expect(entry).toEqual({
      stack: 'prod',
      path: 'prod/ci/token',
      address: 'cloudflare_account_token.ci',
      checked: true,
      name: 'prod/ci',
      owner: `account ${ACCOUNT}`,
      policies: [
        { effect: 'allow', permissions: ['DNS Write'], resources: [`ALL zones of account ${ACCOUNT}`] },
        { effect: 'deny', permissions: ['DNS Write', 'unknown permission group ffffffffffffffffffffffffffffffff'], resources: [`zone ${ZONE}`] },
      ],
      ipCondition: 'only 192.0.2.0/24; never 192.0.2.7/32',
      validity: "not before 2026-01-01T00:00:00Z; rotates every 30 days, 30 days' grace",
      deliveries: ['output ci_value (sensitive)'],
      unmodelled: [],
      findings: [{ rule: 'CFT1', level: 'warning', message: 'grants ALL zones | of account' }],
      suppressions: [{ rule: 'CFT2', reason: 'the bot manages every zone', appliesTo: 'policies[0]' }],
    });
  });

  test('a raw token without a construct path is named by its address; no expiry reads "never expires"', () => {
    const [entry] = reportTokens(output([token({ constructPath: undefined, expiresOn: undefined, replaceTriggeredBy: [], rotation: undefined, notBefore: undefined, status: 'disabled' })])).tokens;
    expect(entry.path).toBe('cloudflare_account_token.ci');
    expect(entry.validity).toBe('never expires; status disabled');
  });
});

describe('renderReportMarkdown', () => {
  test('one table row per token, cells escaped so a pipe cannot break the table', () => {
    const markdown = renderReportMarkdown(reportTokens(output([token()])));
    const rows = markdown.split('\n').filter((l) => l.startsWith('| prod'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('warning CFT1: grants ALL zones \\| of account<br>suppressed CFT2 (policies\\[0\\]): the bot manages every zone');
    expect(rows[0]).toContain(`**allow** DNS Write on ALL zones of account ${ACCOUNT}<br>**deny** DNS Write, unknown permission group ffffffffffffffffffffffffffffffff on zone ${ZONE}`);
    // Every row has as many cells as the header.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    expect(cells(rows[0])).toBe(cells(markdown.split('\n')[2]));
  });

  test('an output without tokens says so', () => {
    expect(renderReportMarkdown(reportTokens(output([])))).toBe(
      '## Cloudflare tokens: 0 tokens in 1 stack\n\nNo `cloudflare_api_token` or `cloudflare_account_token` resources.\n',
    );
  });
});

describe('renderDiffMarkdown', () => {
  test('a diff with only a narrower change says no token gets wider', () => {
    const markdown = renderDiffMarkdown({
      added: [],
      removed: [token({ matchKey: 'prod:old', constructPath: 'prod/old/token' })],
      unchanged: [],
      stackChanges: [],
      changed: [
        {
          stack: 'prod',
          path: 'prod/ci/token',
          verdict: 'narrower',
          changes: [{ direction: 'narrower', aspect: 'expiry', description: 'expiry moved earlier: a -> b' }],
          newFindings: [],
          base: token(),
          head: token(),
        },
      ],
      widened: false,
    });
    expect(markdown).toMatch(/^## Cloudflare token changes\n\nNo token gets wider\. 0 added, 1 removed, 1 changed \(1 narrower\), 0 unchanged\.\n/);
    expect(markdown).toContain('| prod | prod/ci/token | narrower | narrower: expiry moved earlier: a -&gt; b |');
    expect(markdown).toContain('### Removed');
  });
});
