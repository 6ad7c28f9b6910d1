import { cell } from '../render-markdown';
import { AuditReport, AuditedToken } from './audit-tokens';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function validity(token: AuditedToken): string {
  const from = token.notBefore ?? (token.issuedOn === undefined ? 'creation' : `creation (${token.issuedOn})`);
  return token.expiresOn === undefined ? `from ${from}, never expires` : `from ${from} until ${token.expiresOn}`;
}

function row(token: AuditedToken): string[] {
  const policies = token.policies.map((p) => `**${cell(p.effect)}** ${cell(p.permissions.join(', '))} on ${cell(p.resources.join(', '))}`);
  const findings = token.findings.map((f) => cell(`${f.level} ${f.rule}: ${f.message}`));
  return [
    `${cell(token.name ?? '(no name)')}<br>${cell(token.id)}`,
    cell(token.owner),
    cell(token.status ?? 'not listed'),
    policies.join('<br>') || 'none',
    cell(token.ipCondition),
    cell(validity(token)),
    cell(token.lastUsedOn ?? 'never (or not listed)'),
    findings.join('<br>') || 'none',
  ];
}

/** The audit as markdown: one row per listed token, then which rules ran and which could not. */
export function renderAuditMarkdown(report: AuditReport): string {
  const header = ['Token', 'Owner', 'Status', 'Policies', 'IPs', 'Validity', 'Last used', 'Findings'];
  const heading = `## Cloudflare tokens as the API lists them: ${plural(report.tokens.length, 'token')}`;
  const rules = `Checked with the least-privilege rules of synth: ${report.rulesRun.join(', ')}. Not run: ${report.rulesNotRun.map((r) => `${r.rule} (${r.why})`).join('; ')}.`;
  if (report.tokens.length === 0) return `${heading}\n\nThe listing holds no tokens.\n\n${rules}\n`;
  const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...report.tokens.map((t) => `| ${row(t).join(' | ')} |`)].join('\n');
  return `${heading}\n\n${table}\n\n${rules}\n`;
}
