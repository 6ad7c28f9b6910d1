import { normaliseCidr } from '../../lib';

const ok = (value: string) => {
  const result = normaliseCidr(value);
  if ('invalid' in result) throw new Error(`unexpected: ${result.invalid.message}`);
  return result.cidr;
};
const bad = (value: unknown) => {
  const result = normaliseCidr(value);
  if (!('invalid' in result)) throw new Error(`accepted ${String(value)}`);
  return result.invalid;
};

describe('normaliseCidr', () => {
  test.each([
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['203.0.113.7', '203.0.113.7/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8:0:0::/32', '2001:db8::/32'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1/128'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', '2001:db8::1/128'],
    ['::', '::/128'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201/128'],
    ['fe80:0:0:1::/64', 'fe80:0:0:1::/64'],
  ])('normalises %s to %s', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  test('refuses a prefix over 32 for IPv4', () => {
    expect(bad('10.0.0.0/33')).toMatchObject({ message: 'has a prefix length over 32', fix: 'use /32 for one address' });
  });

  test('refuses a prefix over 128 for IPv6', () => {
    expect(bad('2001:db8::/129').message).toBe('has a prefix length over 128');
  });

  test('refuses an empty prefix', () => {
    expect(bad('1.2.3.4/')).toMatchObject({ message: 'has a missing or malformed prefix length', fix: expect.stringContaining('"1.2.3.4/32"') });
  });

  test('refuses host bits after the prefix, naming both readings', () => {
    expect(bad('10.0.0.1/8')).toMatchObject({ message: 'has host bits set after the prefix', fix: expect.stringMatching(/"10\.0\.0\.0\/8".*"10\.0\.0\.1\/32"/) });
    expect(bad('2001:db8::1/32').fix).toMatch(/"2001:db8::\/32"/);
  });

  test.each(['256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', '2001:db8::1::2', '2001:db8:::1', '12345::', 'example.com', '', '10.0.0.0/08', '1:2:3:4:5:6:7:8:9'])(
    'refuses %j',
    (value) => {
      expect(bad(value).message).toMatch(/is not a valid IP address or CIDR|malformed prefix/);
    },
  );

  test('refuses IPv4-mapped IPv6: a client on IPv4 reaches Cloudflare with its IPv4 address, so the entry would match nobody', () => {
    expect(bad('::ffff:192.0.2.1')).toEqual({
      message: 'is an IPv4-mapped IPv6 address, which no client presents to Cloudflare',
      expected: 'an IPv4 or IPv6 address or CIDR, such as "192.0.2.0/24", "203.0.113.7" or "2001:db8::/32"; an IPv4 client as its IPv4 address',
      fix: 'write "192.0.2.1"',
    });
    expect(bad('::ffff:192.0.2.0/120').fix).toBe('write the IPv4 network, e.g. "192.0.2.0/24"');
  });

  test('refuses the deprecated IPv4-compatible form ::a.b.c.d', () => {
    expect(bad('::1.2.3.4')).toMatchObject({ message: 'is an IPv4-compatible IPv6 address (deprecated), which no client presents to Cloudflare', fix: 'write "1.2.3.4"' });
  });

  test("refuses a dotted IPv4 part that does not end the address ('1.2.3.4::')", () => {
    expect(bad('1.2.3.4::').message).toBe('is not a valid IP address or CIDR');
    expect(bad('1.2.3.4::1').message).toBe('is not a valid IP address or CIDR');
  });

  test('names white space as the problem', () => {
    expect(bad(' 192.0.2.0/24').fix).toBe('remove the white space');
  });

  test('refuses a non-string', () => {
    expect(bad(3232235520).message).toBe('is not a string');
  });
});
