import { fromFindings, Rule, RuleFinding } from '../rule';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const CFT9: Rule = {
  id: 'CFT9',
  level: 'error',
  name: 'Token value in a non-sensitive output',
  explanation:
    "A Terraform output that is not marked sensitive references the token's value. Terraform refuses it at plan, and if it did not, the secret would be printed in every plan and CI log.",
  fix: 'Mark the output sensitive: true (CloudflareToken.exportValue() does), or pass the value only to sensitive inputs such as a secret store.',
  check(token, context) {
    const reference = new RegExp(`${escapeRegExp(token.address)}\\.value(?![A-Za-z0-9_-])`);
    const findings: RuleFinding[] = context
      .stack()
      .outputs.filter((o) => !o.sensitive && reference.test(o.valueText))
      .map((o) => ({ finding: o.name, message: `output "${o.name}" (${o.path}) references ${token.address}.value without sensitive = true` }));
    return fromFindings(findings);
  },
};
