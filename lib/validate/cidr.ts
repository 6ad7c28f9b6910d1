import { Invalid } from '../errors';

export type CidrResult = { readonly cidr: string } | { readonly invalid: Invalid };

const EXPECTED = 'an IPv4 or IPv6 address or CIDR, such as "192.0.2.0/24", "203.0.113.7" or "2001:db8::/32"';

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** Parses an IPv6 address into 16 bytes (embedded IPv4 tail allowed), or undefined. */
function parseIpv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [headText, tailText] = text.includes('::') ? text.split('::') : [text, undefined];
  // A dotted IPv4 part may only end the address ("1.2.3.4::" is not an address).
  const toGroups = (s: string, last: boolean): number[] | undefined => {
    if (s === '') return [];
    const groups: number[] = [];
    const pieces = s.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = toGroups(headText, tailText === undefined);
  const tail = tailText === undefined ? [] : toGroups(tailText, true);
  if (!head || !tail) return undefined;
  let groups: number[];
  if (tailText === undefined) {
    if (head.length !== 8) return undefined;
    groups = head;
  } else {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** RFC 5952 text form: lower case, no leading zeros, the longest run of 2+ zero groups as "::". */
function formatIpv6(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function zeroHostBits(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
    return b & ((0xff << (8 - bitsHere)) & 0xff);
  });
}

/**
 * Validates an IPv4/IPv6 address or CIDR and returns its canonical form: a bare address gets
 * /32 or /128, IPv6 is written as RFC 5952 says. A CIDR with host bits set is refused rather
 * than silently widened or narrowed, since a reviewer reading "10.0.0.1/8" may think it is
 * one host.
 */
export function normaliseCidr(value: unknown): CidrResult {
  if (typeof value !== 'string') {
    return { invalid: { message: 'is not a string', expected: EXPECTED, fix: 'pass the CIDR as a string' } };
  }
  const slash = value.indexOf('/');
  const addressText = slash < 0 ? value : value.slice(0, slash);
  const prefixText = slash < 0 ? undefined : value.slice(slash + 1);
  const v4 = parseIpv4(addressText);
  const bytes = v4 ?? parseIpv6(addressText);
  if (!bytes) {
    return {
      invalid: {
        message: 'is not a valid IP address or CIDR',
        expected: EXPECTED,
        fix: value.trim() !== value ? 'remove the white space' : 'write the address in dotted-decimal (IPv4, no leading zeros) or colon-hex (IPv6) form',
      },
    };
  }
  const maxPrefix = v4 ? 32 : 128;
  if (prefixText !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) {
    return {
      invalid: {
        message: 'has a missing or malformed prefix length',
        expected: `a prefix length from 0 to ${maxPrefix} after the "/"`,
        fix: `write "${addressText}/${maxPrefix}" for one address, or the network's prefix length`,
      },
    };
  }
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefix > maxPrefix) {
    return {
      invalid: {
        message: `has a prefix length over ${maxPrefix}`,
        expected: `a prefix length from 0 to ${maxPrefix} for an IPv${v4 ? 4 : 6} address`,
        fix: `use /${maxPrefix} for one address`,
      },
    };
  }
  if (!v4 && prefix >= 96 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    // IPv4-mapped IPv6 (::ffff:a.b.c.d, RFC 4291 section 2.5.5.2) is how a dual-stack
    // socket shows an IPv4 peer; on the wire, and to Cloudflare, that client has the IPv4
    // address, so the entry would match nobody (a deny of it denies nothing). Refused rather
    // than rewritten, so the reviewer sees the address that is actually matched.
    const v4Text = bytes.slice(12).join('.');
    return {
      invalid: {
        message: 'is an IPv4-mapped IPv6 address, which no client presents to Cloudflare',
        expected: `${EXPECTED}; an IPv4 client as its IPv4 address`,
        fix: prefix === 128 ? `write "${v4Text}"` : `write the IPv4 network, e.g. "${v4Text}/${prefix - 96}"`,
      },
    };
  }
  if (!v4 && addressText.includes('.') && bytes.slice(0, 12).every((b) => b === 0)) {
    // "::a.b.c.d" is an IPv4-compatible address, deprecated by RFC 4291 section 2.5.5.1: no
    // client has one, so the entry would match nobody.
    return {
      invalid: {
        message: 'is an IPv4-compatible IPv6 address (deprecated), which no client presents to Cloudflare',
        expected: `${EXPECTED}; an IPv4 client as its IPv4 address`,
        fix: `write "${bytes.slice(12).join('.')}"`,
      },
    };
  }
  const network = zeroHostBits(bytes, prefix);
  const format = (b: number[]) => (v4 ? b.join('.') : formatIpv6(b));
  if (network.some((b, i) => b !== bytes[i])) {
    return {
      invalid: {
        message: 'has host bits set after the prefix',
        expected: 'a network address, all bits after the prefix zero',
        fix: `write "${format(network)}/${prefix}" for the whole network, or "${format(bytes)}/${maxPrefix}" for the one address`,
      },
    };
  }
  return { cidr: `${format(network)}/${prefix}` };
}
