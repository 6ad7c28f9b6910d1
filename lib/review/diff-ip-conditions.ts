import { AddressSet, permittedAddresses } from '../validate/address-set';
import { normaliseCidr } from '../validate/cidr';
import { isExpression } from './resource-keys';
import { ReviewedToken } from './model';
import { listWords, TokenChange } from './token-change';

/** The IP condition in words, for reports. */
export function describeIpCondition(token: Pick<ReviewedToken, 'allowedIps' | 'deniedIps'>): string {
  const allowed = token.allowedIps === undefined ? 'any address' : `only ${token.allowedIps.join(', ')}`;
  return token.deniedIps.length === 0 ? allowed : `${allowed}; never ${token.deniedIps.join(', ')}`;
}

function listEdits(label: string, base: readonly string[], head: readonly string[]): string[] {
  const baseSet = new Set(base);
  const headSet = new Set(head);
  const added = head.filter((c) => !baseSet.has(c));
  const removed = base.filter((c) => !headSet.has(c));
  return [...(added.length > 0 ? [`${label} added ${added.join(', ')}`] : []), ...(removed.length > 0 ? [`${label} removed ${removed.join(', ')}`] : [])];
}

/**
 * Addresses in words: the CIDRs, or "any address except ..." when the rest of the address
 * space is shorter to name (dropping an allowed list frees all but a few networks).
 */
function describeAddresses(set: AddressSet): string {
  const cidrs = set.toCidrs();
  const rest = AddressSet.all().minus(set).toCidrs();
  if (rest.length >= cidrs.length) return listWords(cidrs);
  return rest.length === 0 ? 'any address' : `any address except ${listWords(rest)}`;
}

/**
 * Compares IP conditions by the addresses they let use the token (allowed list, or every
 * address without one, minus the denied list), IPv4 and IPv6: any newly permitted address
 * is wider, any address no longer permitted is narrower. An entry the tool cannot read as a
 * network (an expression, `1.2.3.4/0` with host bits set, a typo) cannot be compared and
 * makes any change to the condition wider (fail closed), naming the entries.
 */
export function diffIpConditions(base: ReviewedToken, head: ReviewedToken): TokenChange[] {
  const edits: string[] = [];
  if (base.allowedIps === undefined && head.allowedIps !== undefined) edits.push(`allowed IPs limited to ${head.allowedIps.join(', ')}`);
  else if (base.allowedIps !== undefined && head.allowedIps === undefined) edits.push('allowed-IP list removed (any address)');
  else edits.push(...listEdits('allowed IPs', base.allowedIps ?? [], head.allowedIps ?? []));
  edits.push(...listEdits('denied IPs', base.deniedIps, head.deniedIps));
  if (edits.length === 0) return [];

  const what = edits.join('; ');
  const before = permittedAddresses(base.allowedIps, base.deniedIps);
  const after = permittedAddresses(head.allowedIps, head.deniedIps);
  if (!before || !after) {
    const unreadable = [...new Set([...(base.allowedIps ?? []), ...base.deniedIps, ...(head.allowedIps ?? []), ...head.deniedIps])].filter((c) => !('cidr' in normaliseCidr(c)));
    return [{ direction: 'wider', aspect: 'ipCondition', description: `${what}: cannot compare addresses (${listWords(unreadable.map(whyUnreadable))}), so it counts as wider` }];
  }
  const gained = after.minus(before);
  const lost = before.minus(after);
  const changes: TokenChange[] = [];
  if (!gained.isEmpty) changes.push({ direction: 'wider', aspect: 'ipCondition', description: `${what}: newly usable from ${describeAddresses(gained)}` });
  if (!lost.isEmpty) {
    changes.push({ direction: 'narrower', aspect: 'ipCondition', description: `${gained.isEmpty ? `${what}: ` : ''}no longer usable from ${describeAddresses(lost)}` });
  }
  if (changes.length === 0) changes.push({ direction: 'other', aspect: 'ipCondition', description: `${what} (the same addresses)` });
  return changes;
}

function whyUnreadable(entry: string): string {
  if (isExpression(entry)) return `${entry} is an expression`;
  const result = normaliseCidr(entry);
  return 'invalid' in result ? `${entry} ${result.invalid.message}` : entry;
}
