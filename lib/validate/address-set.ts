import { normaliseCidr } from './cidr';

/** An inclusive range of addresses of one family, as integers. */
interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;
type Family = keyof typeof BITS;

/**
 * A set of IPv4 and IPv6 addresses, held as sorted, disjoint intervals, so that IP
 * conditions can be compared by the addresses they let in rather than by their text
 * (`10.0.0.0/8` covers `10.1.0.0/16`; `::/0` covers every IPv6 address).
 */
export class AddressSet {
  /** Every IPv4 and IPv6 address. */
  public static all(): AddressSet {
    return new AddressSet({ 4: [{ start: 0n, end: (1n << 32n) - 1n }], 6: [{ start: 0n, end: (1n << 128n) - 1n }] });
  }

  /** The addresses of the given CIDRs; `undefined` when one is not a literal CIDR (an expression). */
  public static ofCidrs(cidrs: readonly string[]): AddressSet | undefined {
    const parts: Record<Family, Interval[]> = { 4: [], 6: [] };
    for (const cidr of cidrs) {
      const range = cidrRange(cidr);
      if (!range) return undefined;
      parts[range.family].push(range.interval);
    }
    return new AddressSet({ 4: merge(parts[4]), 6: merge(parts[6]) });
  }

  private constructor(private readonly families: Record<Family, readonly Interval[]>) {}

  public get isEmpty(): boolean {
    return this.families[4].length === 0 && this.families[6].length === 0;
  }

  /** The address families this set holds every address of, e.g. `['IPv4']` for `0.0.0.0/0`. */
  public fullFamilies(): ('IPv4' | 'IPv6')[] {
    const all = AddressSet.all();
    return ([4, 6] as const).filter((f) => all.families[f][0].start === this.families[f][0]?.start && all.families[f][0].end === this.families[f][0]?.end).map((f) => (f === 4 ? 'IPv4' : 'IPv6'));
  }

  /** The addresses in this set and not in `other`. */
  public minus(other: AddressSet): AddressSet {
    return new AddressSet({ 4: subtract(this.families[4], other.families[4]), 6: subtract(this.families[6], other.families[6]) });
  }

  /** The set as the fewest CIDRs that cover exactly it, IPv4 first, each in order. */
  public toCidrs(): string[] {
    return ([4, 6] as const).flatMap((family) => this.families[family].flatMap((interval) => intervalToCidrs(family, interval)));
  }
}

/**
 * The addresses an IP condition lets use a token: the allowed list (every address when
 * there is none) minus the denied list. `undefined` when either holds an expression.
 */
export function permittedAddresses(allowed: readonly string[] | undefined, denied: readonly string[]): AddressSet | undefined {
  const allowedSet = allowed === undefined ? AddressSet.all() : AddressSet.ofCidrs(allowed);
  const deniedSet = AddressSet.ofCidrs(denied);
  return allowedSet && deniedSet ? allowedSet.minus(deniedSet) : undefined;
}

function cidrRange(text: string): { family: Family; interval: Interval } | undefined {
  const result = normaliseCidr(text);
  if ('invalid' in result) return undefined;
  const [address, prefixText] = result.cidr.split('/');
  const family: Family = address.includes(':') ? 6 : 4;
  const bits = BITS[family];
  const start = family === 4 ? ipv4ToInt(address) : ipv6ToInt(address);
  const hostBits = BigInt(bits - Number(prefixText));
  return { family, interval: { start, end: start + (1n << hostBits) - 1n } };
}

function ipv4ToInt(address: string): bigint {
  return address.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}

/** Parses the canonical (RFC 5952, hex-only) form `normaliseCidr` returns. */
function ipv6ToInt(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':').map((g) => BigInt(parseInt(g, 16))));
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  const all = [...headGroups, ...new Array<bigint>(8 - headGroups.length - tailGroups.length).fill(0n), ...tailGroups];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}

function intToAddress(family: Family, n: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (n >> BigInt(112 - 16 * i)) & 0xffffn);
  // Re-canonicalise through normaliseCidr so IPv6 text matches what the constructs write.
  const full = groups.map((g) => g.toString(16)).join(':');
  const result = normaliseCidr(`${full}/128`);
  return 'cidr' in result ? result.cidr.slice(0, -'/128'.length) : full;
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end + 1n) {
      if (interval.end > last.end) out[out.length - 1] = { start: last.start, end: interval.end };
    } else {
      out.push(interval);
    }
  }
  return out;
}

function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  let current = [...from];
  for (const cut of remove) {
    current = current.flatMap((interval) => {
      if (cut.end < interval.start || cut.start > interval.end) return [interval];
      const pieces: Interval[] = [];
      if (cut.start > interval.start) pieces.push({ start: interval.start, end: cut.start - 1n });
      if (cut.end < interval.end) pieces.push({ start: cut.end + 1n, end: interval.end });
      return pieces;
    });
  }
  return current;
}

/** The largest aligned blocks, left to right, that exactly cover the interval. */
function intervalToCidrs(family: Family, interval: Interval): string[] {
  const bits = BITS[family];
  const out: string[] = [];
  let start = interval.start;
  while (start <= interval.end) {
    let size = 0;
    while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= interval.end) size++;
    out.push(`${intToAddress(family, start)}/${bits - size}`);
    start += 1n << BigInt(size);
  }
  return out;
}
