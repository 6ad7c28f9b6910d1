import { ReviewedToken } from './model';
import { isExpression } from './resource-keys';
import { TokenChange } from './token-change';

/** An instant as a reviewer reads it: the date, or "rotates (<expression>)" for Terraform-computed ones. */
export function describeInstant(instant: string): string {
  return isExpression(instant) ? `rotates (${instant})` : instant;
}

/** The validity window and rotation in words: "from X", "until Y", "replaced when Z changes". */
export function describeValidity(token: ReviewedToken): string {
  const parts: string[] = [];
  if (token.notBefore !== undefined) parts.push(`not before ${describeInstant(token.notBefore)}`);
  if (token.expiresOn === undefined) parts.push('never expires');
  else parts.push(isExpression(token.expiresOn) ? describeInstant(token.expiresOn) : `expires ${token.expiresOn}`);
  if (token.replaceTriggeredBy.length > 0) parts.push(`replaced when ${token.replaceTriggeredBy.join(', ')} changes`);
  if (token.status !== undefined) parts.push(`status ${token.status}`);
  return parts.join('; ');
}

/** Epoch milliseconds of a literal RFC 3339 instant; undefined for expressions or anything else. */
function epochOf(instant: string): number | undefined {
  if (isExpression(instant) || !/^\d{4}-\d{2}-\d{2}T/.test(instant)) return undefined;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Compares `expires_on` and `not_before`: a later or removed expiry and an earlier or
 * removed not-before widen the window; a Terraform expression on either side (rotation)
 * cannot be ranked against another value and is reported as `other`.
 */
export function diffValidity(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const changes: TokenChange[] = [];
  const expiry = compareInstants(base.expiresOn, head.expiresOn);
  if (expiry === 'removed') changes.push({ direction: 'wider', aspect: 'expiry', description: `expiry removed: never expires (was ${describeInstant(base.expiresOn!)})` });
  if (expiry === 'added') changes.push({ direction: 'narrower', aspect: 'expiry', description: `now expires ${describeInstant(head.expiresOn!)} (never expired)` });
  if (expiry === 'later') changes.push({ direction: 'wider', aspect: 'expiry', description: `expiry moved later: ${base.expiresOn} -> ${head.expiresOn}` });
  if (expiry === 'earlier') changes.push({ direction: 'narrower', aspect: 'expiry', description: `expiry moved earlier: ${base.expiresOn} -> ${head.expiresOn}` });
  if (expiry === 'unranked') {
    changes.push({ direction: 'other', aspect: 'expiry', description: `expiry changed: ${describeInstant(base.expiresOn!)} -> ${describeInstant(head.expiresOn!)}` });
  }

  const notBefore = compareInstants(base.notBefore, head.notBefore);
  if (notBefore === 'removed') changes.push({ direction: 'wider', aspect: 'notBefore', description: `not-before removed: valid from creation (was ${describeInstant(base.notBefore!)})` });
  if (notBefore === 'added') changes.push({ direction: 'narrower', aspect: 'notBefore', description: `now not valid before ${describeInstant(head.notBefore!)}` });
  if (notBefore === 'earlier') changes.push({ direction: 'wider', aspect: 'notBefore', description: `not-before moved earlier: ${base.notBefore} -> ${head.notBefore}` });
  if (notBefore === 'later') changes.push({ direction: 'narrower', aspect: 'notBefore', description: `not-before moved later: ${base.notBefore} -> ${head.notBefore}` });
  if (notBefore === 'unranked') {
    changes.push({ direction: 'other', aspect: 'notBefore', description: `not-before changed: ${describeInstant(base.notBefore!)} -> ${describeInstant(head.notBefore!)}` });
  }

  const baseTriggers = base.replaceTriggeredBy.join(', ');
  const headTriggers = head.replaceTriggeredBy.join(', ');
  if (baseTriggers !== headTriggers) {
    changes.push({
      direction: 'other',
      aspect: 'rotation',
      description: headTriggers === '' ? `no longer replaced when ${baseTriggers} changes` : `now replaced when ${headTriggers} changes${baseTriggers === '' ? '' : ` (was ${baseTriggers})`}`,
    });
  }
  return changes;
}

function compareInstants(base: string | undefined, head: string | undefined): 'same' | 'added' | 'removed' | 'earlier' | 'later' | 'unranked' {
  if (base === head) return 'same';
  if (base === undefined) return 'added';
  if (head === undefined) return 'removed';
  const b = epochOf(base);
  const h = epochOf(head);
  if (b === undefined || h === undefined) return 'unranked';
  return h > b ? 'later' : h < b ? 'earlier' : 'same';
}
