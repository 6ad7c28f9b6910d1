import { normaliseCidr } from '../../validate/cidr';

/** The address families whose every address an allow list admits, e.g. `['IPv4']` for `0.0.0.0/0`. */
export function familiesFullyCovered(cidrs: readonly string[]): ('IPv4' | 'IPv6')[] {
  const ranges: Record<'IPv4' | 'IPv6', [bigint, bigint][]> = { IPv4: [], IPv6: [] };
  for (const text of cidrs) {
    const result = normaliseCidr(text);
    if (!('cidr' in result)) continue;
    const [address, prefixText] = result.cidr.split('/');
    const family = address.includes(':') ? 'IPv6' : 'IPv4';
    const bits = family === 'IPv4' ? 32n : 128n;
    const start = family === 'IPv4' ? ipv4Value(address) : ipv6Value(address);
    const size = 1n << (bits - BigInt(prefixText));
    ranges[family].push([start, start + size - 1n]);
  }
  const covered: ('IPv4' | 'IPv6')[] = [];
  for (const family of ['IPv4', 'IPv6'] as const) {
    const last = family === 'IPv4' ? (1n << 32n) - 1n : (1n << 128n) - 1n;
    let next = 0n;
    for (const [start, end] of ranges[family].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (start > next) break;
      if (end + 1n > next) next = end + 1n;
    }
    if (next > last) covered.push(family);
  }
  return covered;
}

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

/** Value of a canonical (RFC 5952) IPv6 address, as `normaliseCidr` writes it. */
function ipv6Value(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':').map((g) => BigInt(parseInt(g, 16))));
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...new Array<bigint>(8 - h.length - t.length).fill(0n), ...t];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}
