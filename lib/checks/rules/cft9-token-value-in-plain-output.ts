import { resourceMentions } from '../../validate/terraform-references';
import { fromFindings, Rule, RuleFinding } from '../rule';

/**
 * Every string of a JSON value, object keys included: Terraform reads a key of an object in
 * JSON as a template too, so `{"${token}": 1}` carries the token (iterative: no depth limit).
 */
function stringsOf(json: string): string[] {
  const strings: string[] = [];
  const work: unknown[] = [JSON.parse(json)];
  while (work.length > 0) {
    const item = work.pop();
    if (typeof item === 'string') strings.push(item);
    else if (Array.isArray(item)) for (const v of item) work.push(v);
    else if (item !== null && typeof item === 'object') {
      for (const [key, value] of Object.entries(item)) {
        strings.push(key);
        work.push(value);
      }
    }
  }
  return strings;
}

/**
 * Whether an output's value may carry the token's value: `.value`, or any mention of the token
 * but `.id` / `.name` (the whole object, lookup(token, "value"), spaces or comments inside the
 * reference), since HCL reads all of those.
 */
function carriesValue(valueText: string, address: string, reference: RegExp): boolean {
  if (reference.test(valueText)) return true;
  const type = address.slice(0, address.indexOf('.'));
  return stringsOf(valueText).some((text) => resourceMentions(text, [type]).some((m) => m.address === address && m.via !== 'metadata'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const CFT9: Rule = {
  id: 'CFT9',
  level: 'error',
  name: 'Token value in a non-sensitive output',
  explanation:
    "A Terraform output that is not marked sensitive references the token's value (or the whole token, which holds it). Terraform refuses it at plan, and if it did not, the secret would be printed in every plan and CI log.",
  fix: 'Mark the output sensitive: true (CloudflareToken.exportValue() does), or pass the value only to sensitive inputs such as a secret store.',
  check(token, context) {
    const plain = context.stack().outputs.filter((o) => !o.sensitive);
    // Most stacks have no plain output: compile nothing per token for them.
    if (plain.length === 0) return fromFindings([]);
    const reference = new RegExp(`${escapeRegExp(token.address)}\\.value(?![A-Za-z0-9_-])`);
    const findings: RuleFinding[] = plain
      .filter((o) => carriesValue(o.valueText, token.address, reference))
      .map((o) => ({ finding: o.name, message: `output "${o.name}" (${o.path}) references ${token.address}.value (or the whole token) without sensitive = true` }));
    return fromFindings(findings);
  },
};
