import { ReviewedToken } from './model';
import { isExpression } from './resource-keys';
import { describeRotation } from './rotation-schedule';
import { TokenChange } from './token-change';

/** An instant as a reviewer reads it: the date, or "computed by <expression>" for Terraform-computed ones. */
export function describeInstant(instant: string): string {
  return isExpression(instant) ? `computed by ${instant}` : instant;
}

/** The validity window and rotation in words: "from X", "until Y", "replaced when Z changes". */
export function describeValidity(token: ReviewedToken): string {
  const parts: string[] = [];
  if (token.notBefore !== undefined) parts.push(`not before ${describeInstant(token.notBefore)}`);
  if (token.rotation !== undefined && token.rotation !== 'unreadable') {
    // Shown in words, not as the Terraform expression that computes it.
    parts.push(describeRotation(token.rotation));
  } else {
    if (token.expiresOn === undefined) parts.push('never expires');
    else parts.push(isExpression(token.expiresOn) ? `expires at a computed time (${token.expiresOn})` : `expires ${token.expiresOn}`);
    if (token.rotation === 'unreadable') parts.push(describeRotation(token.rotation));
    if (token.replaceTriggeredBy.length > 0) parts.push(`replaced when ${token.replaceTriggeredBy.join(', ')} changes`);
  }
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
 * removed not-before widen the window. A Terraform expression on either side cannot be
 * ranked and counts as wider (fail closed). When either version rotates, the expiry is
 * compared by {@link diffRotation} instead.
 */
export function diffValidity(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const changes: TokenChange[] = [];
  const rotates = base.rotation !== undefined || head.rotation !== undefined;
  const expiry = rotates ? 'same' : compareInstants(base.expiresOn, head.expiresOn);
  if (expiry === 'removed') changes.push({ direction: 'wider', aspect: 'expiry', description: `expiry removed: never expires (was ${describeInstant(base.expiresOn!)})` });
  if (expiry === 'added') changes.push({ direction: 'narrower', aspect: 'expiry', description: `now expires ${describeInstant(head.expiresOn!)} (never expired)` });
  if (expiry === 'later') changes.push({ direction: 'wider', aspect: 'expiry', description: `expiry moved later: ${base.expiresOn} -> ${head.expiresOn}` });
  if (expiry === 'earlier') changes.push({ direction: 'narrower', aspect: 'expiry', description: `expiry moved earlier: ${base.expiresOn} -> ${head.expiresOn}` });
  if (expiry === 'unranked') {
    changes.push({
      direction: 'wider',
      aspect: 'expiry',
      description: `expiry changed: ${describeInstant(base.expiresOn!)} -> ${describeInstant(head.expiresOn!)}: a computed expiry cannot be ranked, so it counts as wider`,
    });
  }

  const notBefore = compareInstants(base.notBefore, head.notBefore);
  if (notBefore === 'removed') changes.push({ direction: 'wider', aspect: 'notBefore', description: `not-before removed: valid from creation (was ${describeInstant(base.notBefore!)})` });
  if (notBefore === 'added') changes.push({ direction: 'narrower', aspect: 'notBefore', description: `now not valid before ${describeInstant(head.notBefore!)}` });
  if (notBefore === 'earlier') changes.push({ direction: 'wider', aspect: 'notBefore', description: `not-before moved earlier: ${base.notBefore} -> ${head.notBefore}` });
  if (notBefore === 'later') changes.push({ direction: 'narrower', aspect: 'notBefore', description: `not-before moved later: ${base.notBefore} -> ${head.notBefore}` });
  if (notBefore === 'unranked') {
    changes.push({
      direction: 'wider',
      aspect: 'notBefore',
      description: `not-before changed: ${describeInstant(base.notBefore!)} -> ${describeInstant(head.notBefore!)}: a computed instant cannot be ranked, so it counts as wider`,
    });
  }
  return changes;
}

/**
 * Compares rotation (period and grace, as read by `readRotationSchedule`) when either
 * version rotates: a longer period or grace is wider, a shorter one narrower. A rotation that
 * cannot be read, and a switch between rotating and a fixed expiry, cannot be ranked and
 * count as wider; starting to rotate a token that never expired is narrower.
 */
export function diffRotation(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const b = base.rotation;
  const h = head.rotation;
  if (b === undefined && h === undefined) return [];
  const was = (t: ReviewedToken) => (t.expiresOn === undefined ? 'never expired' : isExpression(t.expiresOn) ? `expired at ${t.expiresOn}` : `expired ${t.expiresOn}`);
  if (b === 'unreadable' || h === 'unreadable') {
    const sameText = b === h && base.expiresOn === head.expiresOn && base.replaceTriggeredBy.join(',') === head.replaceTriggeredBy.join(',');
    if (sameText) return [];
    const side = h === 'unreadable' ? `head: expires_on ${head.expiresOn ?? 'unset'}, replaced when ${head.replaceTriggeredBy.join(', ') || 'nothing'} changes` : `base ${describeRotation(b)}, head ${describeRotation(h)}`;
    return [{ direction: 'wider', aspect: 'rotation', description: `rotation changed and cannot be read (${side}), so it counts as wider` }];
  }
  if (b === undefined) {
    return base.expiresOn === undefined
      ? [{ direction: 'narrower', aspect: 'rotation', description: `now ${describeRotation(h)} (never expired)` }]
      : [{ direction: 'wider', aspect: 'rotation', description: `now ${describeRotation(h)} instead of a fixed expiry (${was(base)}): a rolling expiry cannot be ranked against a fixed one, so it counts as wider` }];
  }
  if (h === undefined) {
    return [
      {
        direction: 'wider',
        aspect: 'rotation',
        description:
          head.expiresOn === undefined
            ? `no longer rotates and never expires (was: ${describeRotation(b)})`
            : `no longer rotates; expires ${head.expiresOn} (was: ${describeRotation(b)}): cannot be ranked, so it counts as wider`,
      },
    ];
  }
  const changes: TokenChange[] = [];
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (h.everyDays !== b.everyDays) {
    changes.push({ direction: h.everyDays > b.everyDays ? 'wider' : 'narrower', aspect: 'rotation', description: `rotation period ${h.everyDays > b.everyDays ? 'longer' : 'shorter'}: every ${days(b.everyDays)} -> every ${days(h.everyDays)}` });
  }
  if (h.graceDays !== b.graceDays) {
    changes.push({ direction: h.graceDays > b.graceDays ? 'wider' : 'narrower', aspect: 'rotation', description: `grace ${h.graceDays > b.graceDays ? 'longer' : 'shorter'}: ${days(b.graceDays)} -> ${days(h.graceDays)}` });
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
