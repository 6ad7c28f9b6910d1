import { AddressSet } from '../../validate/address-set';
import { normaliseCidr } from '../../validate/cidr';

/**
 * The address families whose every address an allow list admits, e.g. `['IPv4']` for
 * `0.0.0.0/0` or for two halves that add up to it. Entries that are not literal CIDRs are
 * left out here (CFT13 reports them as unreadable).
 */
export function familiesFullyCovered(cidrs: readonly string[]): ('IPv4' | 'IPv6')[] {
  const literal = cidrs.filter((text) => 'cidr' in normaliseCidr(text));
  return AddressSet.ofCidrs(literal)?.fullFamilies() ?? [];
}
