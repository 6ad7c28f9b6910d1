// Property tests of the validators against independent oracles: they never accept an
// invalid id, CIDR or instant, never reject a valid one, and normalising twice changes
// nothing. The generators mix valid values, near misses and noise, so both sides of each
// property are exercised on every run (checked by the coverage assertions).
import * as net from 'net';
import fc from 'fast-check';
import { normaliseCidr } from '../../lib/validate/cidr';
import { checkId, IdKind } from '../../lib/validate/ids';
import { normaliseInstant } from '../../lib/validate/instant';

// A fixed seed: CI runs the same cases every time; change it locally to explore.
fc.configureGlobal({ seed: 20261128, numRuns: 300 });

const HEX = '0123456789abcdef';
const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength, maxLength });

/** Counts how often each side of a property was seen, to prove the generators reach both. */
function coverage() {
  const seen = { valid: 0, invalid: 0 };
  return { seen, note: (valid: boolean) => void (valid ? seen.valid++ : seen.invalid++) };
}

describe('checkId (zone, account and user ids)', () => {
  const idLike = fc.oneof(
    chars(HEX, 32, 32),
    chars(HEX + 'ABCDEF', 32, 32),
    chars(HEX, 30, 34),
    chars(HEX + 'g -.', 0, 40),
    fc.tuple(chars(HEX, 32, 32), fc.constantFrom(' ', '\n', '\t')).map(([id, ws]) => `${ws}${id}`),
    fc.constantFrom('example.com', 'www.example.co.uk', ''),
    fc.string({ maxLength: 40 }),
  );

  it('accepts exactly the 32-lowercase-hex strings, whatever the kind', () => {
    const { seen, note } = coverage();
    fc.assert(
      fc.property(fc.constantFrom<IdKind>('zone', 'account', 'user'), idLike, (kind, value) => {
        // GIVEN any string WHEN it is checked THEN it is accepted iff it is 32 lowercase hex chars
        const valid = value.length === 32 && [...value].every((c) => HEX.includes(c));
        note(valid);
        expect(checkId(kind, value) === undefined).toBe(valid);
      }),
    );
    expect(seen.valid).toBeGreaterThan(20);
    expect(seen.invalid).toBeGreaterThan(20);
  });

  it('refuses every non-string, naming the kind', () => {
    fc.assert(
      fc.property(fc.constantFrom<IdKind>('zone', 'account', 'user'), fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object()), (kind, value) => {
        expect(checkId(kind, value)?.message).toBe(`${kind} id is not a string`);
      }),
      { numRuns: 50 },
    );
  });

  it('offers the lower-case id as the fix only when lower-casing is the whole fix', () => {
    fc.assert(
      fc.property(chars(HEX + 'ABCDEF', 32, 32), (value) => {
        const invalid = checkId('zone', value);
        if (value === value.toLowerCase()) expect(invalid).toBeUndefined();
        else expect(invalid?.fix).toBe(`pass it in lower case: "${value.toLowerCase()}"`);
      }),
    );
  });
});

/** Independent IPv6 parse: Node's own check, then expand "::" to the full 8 groups. */
function ipv6Groups(text: string): number[] | undefined {
  if (!net.isIPv6(text) || text.includes('%') || text.includes('.')) return undefined;
  const [head, tail] = text.split('::');
  const parts = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parts(head);
  const t = parts(tail);
  return tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** The oracle: address valid by Node's `net`, prefix 0..max in plain decimal, host bits zero. */
function cidrOracle(text: string): { network: bigint; prefix: number; v4: boolean } | undefined {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  let value: bigint;
  let bits: number;
  if (net.isIPv4(address)) {
    value = address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
    bits = 32;
  } else {
    const groups = ipv6Groups(address);
    if (!groups) return undefined;
    value = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
    bits = 128;
  }
  if (prefixText !== undefined && !/^(0|[1-9]\d*)$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((value & hostMask) !== 0n) return undefined;
  return { network: value, prefix, v4: bits === 32 };
}

describe('normaliseCidr', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
  const group = fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16));
  const ipv6Full = fc.array(fc.oneof(group, fc.constant('0')), { minLength: 8, maxLength: 8 }).map((g) => g.join(':'));
  /** A network address: random bits, then the host part cleared, in the given family. */
  const network = (v4: boolean) =>
    fc.tuple(fc.bigInt({ min: 0n, max: (1n << (v4 ? 32n : 128n)) - 1n }), fc.integer({ min: 0, max: v4 ? 32 : 128 })).map(([bits, prefix]) => {
      const width = v4 ? 32 : 128;
      const value = (bits >> BigInt(width - prefix)) << BigInt(width - prefix);
      const text = v4
        ? [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.')
        : Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, '0').toUpperCase()).join(':');
      return `${text}/${prefix}`;
    });
  const cidrLike = fc.oneof(
    network(true),
    network(false),
    ipv4,
    ipv6Full,
    fc.tuple(ipv4, fc.integer({ min: 0, max: 40 })).map(([a, p]) => `${a}/${p}`),
    fc.tuple(ipv6Full, fc.integer({ min: 0, max: 140 })).map(([a, p]) => `${a}/${p}`),
    fc.constantFrom('1.2.3.4/', '10.0.0.0/33', '10.0.0.0/08', '010.0.0.1', '::', '::/0', '::1', 'fe80::1%eth0', '2001:db8:::1', '1.2.3.4/32/1', '::ffff:1.2.3.4'),
    chars('0123456789./', 0, 20),
    chars('0123456789abcdefABCDEF:/', 0, 45),
  );

  it('accepts exactly the valid addresses and networks, and returns the same network', () => {
    const { seen, note } = coverage();
    fc.assert(
      fc.property(cidrLike, (text) => {
        // GIVEN any string WHEN it is normalised THEN it is accepted iff the oracle accepts it
        const expected = cidrOracle(text);
        const result = normaliseCidr(text);
        note(expected !== undefined);
        if (text.includes('.') && text.includes(':')) return; // embedded IPv4: the oracle does not model it
        expect('cidr' in result).toBe(expected !== undefined);
        if (expected && 'cidr' in result) {
          // and the canonical form denotes the same network
          expect(cidrOracle(result.cidr)).toEqual(expected);
        }
      }),
    );
    expect(seen.valid).toBeGreaterThan(30);
    expect(seen.invalid).toBeGreaterThan(30);
  });

  it('writes the canonical form: prefix always present, IPv6 as RFC 5952 says', () => {
    fc.assert(
      fc.property(fc.oneof(network(true), network(false), ipv4, ipv6Full), (text) => {
        const result = normaliseCidr(text);
        if (!('cidr' in result)) return;
        const [address, prefix] = result.cidr.split('/');
        expect(prefix).toMatch(/^(0|[1-9]\d*)$/);
        if (address.includes(':')) {
          expect(address).toBe(address.toLowerCase()); // lower case
          expect(address).not.toMatch(/(^|:)0[0-9a-f]/); // no leading zeros in a group
          expect(address.split('::').length).toBeLessThanOrEqual(2); // "::" at most once
          // "::" replaces the longest run of 2+ zero groups (the first, on a tie), never one zero.
          const [head, tail] = address.split('::');
          const longestRun = (part: string) => {
            let longest = 0;
            let run = 0;
            for (const g of part === '' ? [] : part.split(':')) longest = Math.max(longest, (run = g === '0' ? run + 1 : 0));
            return longest;
          };
          if (tail === undefined) {
            expect(longestRun(head)).toBeLessThan(2);
          } else {
            const compressed = 8 - [head, tail].filter(Boolean).reduce((n, part) => n + part.split(':').length, 0);
            expect(compressed).toBeGreaterThanOrEqual(2);
            expect(longestRun(head)).toBeLessThan(compressed);
            expect(longestRun(tail)).toBeLessThanOrEqual(compressed);
          }
        }
      }),
    );
  });

  it('is idempotent: a canonical CIDR normalises to itself', () => {
    fc.assert(
      fc.property(cidrLike, (text) => {
        const first = normaliseCidr(text);
        if (!('cidr' in first)) return;
        expect(normaliseCidr(first.cidr)).toEqual(first);
      }),
    );
  });
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The oracle for instants: the RFC 3339 shape, then the calendar checked by round-tripping
 * the fields through Date (an impossible day rolls over and no longer matches), whole seconds,
 * and a UTC year Date.toISOString writes with 4 digits.
 */
function instantOracle(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.0+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  let offset = 0;
  if (m[8] !== 'Z') {
    if (Number(m[10]) > 23 || Number(m[11]) > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  }
  const utc = new Date(date.getTime() + ((hour * 60 + minute - offset) * 60 + second) * 1000);
  const iso = utc.toISOString();
  return /^\d{4}-/.test(iso) ? iso.replace(/\.000Z$/, 'Z') : undefined;
}

describe('normaliseInstant', () => {
  const field = (min: number, max: number, width = 2) => fc.integer({ min, max }).map((n) => pad(n, width));
  const zone = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), field(0, 25), field(0, 61)).map(([s, h, m]) => `${s}${h}:${m}`));
  const instantLike = fc.oneof(
    // Fields in and a little out of range, so impossible days, hours and offsets appear.
    fc
      .tuple(field(0, 9999, 4), field(0, 13), field(0, 32), field(0, 24), field(0, 60), field(0, 60), fc.constantFrom('', '', '.000', '.5'), zone)
      .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`),
    // Valid days of every month, around leap years and the ends of the range.
    fc
      .tuple(fc.constantFrom(0, 1, 1900, 2000, 2024, 2026, 2100, 9999), field(1, 12), field(28, 31), zone)
      .map(([y, mo, d, z]) => `${pad(y, 4)}-${mo}-${d}T00:00:00${z}`),
    // The ends of the 4-digit years, where an offset can push the instant out of them.
    fc.tuple(fc.constantFrom('0000-01-01T00:30:00', '9999-12-31T23:30:00'), zone).map(([t, z]) => `${t}${z}`),
    fc.constantFrom('2027-06-30', '2027-06-30T00:00:00', '2027-06-30 00:00:00Z', '2027-6-30T00:00:00Z', 'tomorrow', ''),
    chars('0123456789-:TZ+.', 0, 26),
  );

  it('accepts exactly the real instants, and converts them to the same instant in UTC', () => {
    const { seen, note } = coverage();
    fc.assert(
      fc.property(instantLike, (text) => {
        // GIVEN any string WHEN it is normalised THEN it is accepted iff the oracle accepts it
        const expected = instantOracle(text);
        const result = normaliseInstant(text);
        note(expected !== undefined);
        expect('instant' in result ? result.instant : undefined).toBe(expected);
        // and the epoch milliseconds agree with the normalised text
        if ('instant' in result && result.epochMs !== undefined) expect(new Date(result.epochMs).toISOString().replace(/\.000Z$/, 'Z')).toBe(result.instant);
      }),
      { numRuns: 500 },
    );
    expect(seen.valid).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(50);
  });

  it('is idempotent: a normalised instant normalises to itself', () => {
    fc.assert(
      fc.property(instantLike, (text) => {
        const first = normaliseInstant(text);
        if (!('instant' in first)) return;
        expect(normaliseInstant(first.instant)).toEqual(first);
      }),
    );
  });
});
