import { ChangedToken, TokenDiff } from './diff-tokens';
import { RecordedFinding } from './model';
import { describeToken, TokenReport, TokenReportEntry } from './report';

/**
 * Escapes text for one GitHub-flavoured markdown table cell: one line (CR, LF and every
 * other line or control character become a space), no pipes, no backticks or emphasis, no
 * HTML or entities, and no `@` mentions (a zero-width space after `@`, so posting the report
 * pings nobody).
 */
export function cell(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
}

function lines(items: readonly string[]): string {
  return items.length === 0 ? '' : items.join('<br>');
}

function findingWords(finding: RecordedFinding): string {
  return `${finding.notInRecord ? 'not in the synth record: ' : ''}${finding.level} ${finding.rule}: ${finding.message}`;
}

const TOKEN_HEADER = ['Stack', 'Token', 'Owner', 'Policies', 'IPs', 'Validity', 'Value goes to', 'Findings'];

function tokenRow(token: TokenReportEntry): string[] {
  const policies = token.policies.map((p) => `**${cell(p.effect)}** ${cell(p.permissions.join(', '))} on ${cell(p.resources.join(', '))}`);
  const findings = [
    ...(token.recordDisagrees === undefined ? [] : [`**the record of the checks disagrees**: ${cell(token.recordDisagrees)}`]),
    ...token.findings.map((f) => cell(findingWords(f))),
    ...token.suppressions.map((s) => cell(`suppressed ${s.rule}${s.appliesTo ? ` (${s.appliesTo})` : ''}: ${s.reason}`)),
    ...(token.unmodelled.length > 0 ? [cell(`not reviewed by this tool: ${token.unmodelled.join(', ')}`)] : []),
    ...(token.checked ? [] : ['**not checked**']),
  ];
  return [
    cell(token.stack),
    cell(token.path),
    cell(token.owner),
    lines(policies),
    cell(token.ipCondition),
    cell(token.validity),
    lines(token.deliveries.map(cell)) || 'nowhere in the stack',
    lines(findings) || 'none',
  ];
}

function table(header: readonly string[], rows: readonly string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line per stack: which least-privilege checks ran; "not checked" is never "no findings". */
function checksLines(report: TokenReport): string {
  const words = (c: TokenReport['checks'][number]) =>
    c.level === 'off'
      ? `**not checked**: checks turned off (${cell(c.reason ?? '')})`
      : c.level === 'not checked'
        ? '**not checked**: no least-privilege checks ran'
        : // A longer validity limit than the checks' default widens what CFT3 (and the reviewer's run of it) lets through: shown.
          `checks ran at the ${c.level} level${c.maxValidityDays !== undefined ? ` (validity limit ${c.maxValidityDays} days)` : ''}`;
  return report.checks.map((c) => `- Stack ${cell(c.stack)}: ${words(c)}`).join('\n');
}

/** The report as markdown: a heading, one table row per token, then one line per stack on the checks, for a PR comment or job summary. */
export function renderReportMarkdown(report: TokenReport): string {
  const heading = `## Cloudflare tokens: ${plural(report.tokens.length, 'token')} in ${plural(report.stacks.length, 'stack')}`;
  const disagreeing = report.tokens.filter((t) => t.recordDisagrees !== undefined).length;
  const recomputed =
    `\nThe reviewer runs ${report.rulesRecomputed.join(', ')} itself on every token's JSON; a finding the record of the checks lacks is marked "not in the synth record".` +
    (disagreeing > 0 ? ` **${plural(disagreeing, 'token')}: the record of the checks disagrees with the rules; the rules' findings count.**` : '') +
    '\n';
  const checks = report.checks.length > 0 ? `\n${checksLines(report)}\n` : '';
  const items = stackItemsSection(report.stackItems);
  if (report.tokens.length === 0) return `${heading}\n\nNo \`cloudflare_api_token\` or \`cloudflare_account_token\` resources.\n${checks}${items}`;
  return `${heading}\n\n${table(TOKEN_HEADER, report.tokens.map(tokenRow))}\n${checks}${recomputed}${items}`;
}

/** Modules, provisioners and the like: places a token may hide from this report. */
function stackItemsSection(items: TokenReport['stackItems']): string {
  if (items.length === 0) return '';
  const rows = items.map((i) => [cell(i.stack), cell(i.kind), cell(i.description)]);
  return `\n### Not visible to this report (a token may be created there)\n\n${table(['Stack', 'Kind', 'What'], rows)}\n`;
}

function changedRow(change: ChangedToken): string[] {
  const changes = [
    ...change.changes.map((c) => `${c.direction === 'wider' ? '**wider**' : c.direction}: ${cell(c.description)}`),
    ...change.newFindings.map((f) => `new finding: ${cell(findingWords(f))}`),
  ];
  return [cell(change.stack), cell(change.path), change.verdict === 'wider' || change.verdict === 'both' ? `**${change.verdict}**` : change.verdict, lines(changes)];
}

/** The diff as markdown: a one-line verdict, then added, removed and changed tokens. */
export function renderDiffMarkdown(diff: TokenDiff): string {
  const count = (v: string) => diff.changed.filter((c) => c.verdict === v).length;
  const changedParts = ['wider', 'narrower', 'both', 'other'].filter((v) => count(v) > 0).map((v) => `${count(v)} ${v}`);
  const summary =
    `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed` +
    `${diff.stackChanges.length > 0 ? `, ${diff.stackChanges.length} module/provisioner change${diff.stackChanges.length === 1 ? '' : 's'}` : ''}` +
    `${changedParts.length > 0 ? ` (${changedParts.join(', ')})` : ''}, ${diff.unchanged.length} unchanged.`;
  const verdict = diff.widened
    ? '**Tokens get wider.** Check each widening below is intended.'
    : diff.added.length + diff.removed.length + diff.changed.length + diff.stackChanges.length === 0
      ? 'No token changes.'
      : 'No token gets wider.';
  const sections = [`## Cloudflare token changes\n\n${verdict} ${summary}`];
  if (diff.added.length > 0) sections.push(`### Added (new tokens count as wider)\n\n${table(TOKEN_HEADER, diff.added.map((t) => tokenRow(describeToken(t))))}`);
  if (diff.changed.length > 0) sections.push(`### Changed\n\n${table(['Stack', 'Token', 'Verdict', 'Changes'], diff.changed.map(changedRow))}`);
  if (diff.removed.length > 0) sections.push(`### Removed\n\n${table(TOKEN_HEADER, diff.removed.map((t) => tokenRow(describeToken(t))))}`);
  if (diff.stackChanges.length > 0) {
    const rows = diff.stackChanges.map((c) => [cell(c.stack), c.direction === 'wider' ? '**wider**' : c.direction, cell(c.description)]);
    sections.push(`### Modules, provisioners and other places the reviewer cannot see into\n\n${table(['Stack', 'Verdict', 'Change'], rows)}`);
  }
  return `${sections.join('\n\n')}\n`;
}
