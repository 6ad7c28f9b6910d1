import { Fn } from 'cdktf';
import { normaliseInstant } from '../../lib';

const invalid = (value: unknown) => {
  const result = normaliseInstant(value);
  if (!('invalid' in result)) throw new Error(`accepted ${String(value)}`);
  return result.invalid;
};

describe('normaliseInstant', () => {
  test.each([
    ['2027-01-31T00:00:00Z', '2027-01-31T00:00:00Z', Date.UTC(2027, 0, 31)],
    ['2027-01-01T02:00:00+02:00', '2027-01-01T00:00:00Z', Date.UTC(2027, 0, 1)],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00Z', Date.UTC(2027, 0, 1, 0, 30)],
    ['2028-02-29T12:00:00.000Z', '2028-02-29T12:00:00Z', Date.UTC(2028, 1, 29, 12)],
  ])('normalises %s to UTC', (input, instant, epochMs) => {
    expect(normaliseInstant(input)).toEqual({ instant, epochMs });
  });

  test('passes a Terraform expression through, without an epoch', () => {
    const expression = Fn.timeadd('2027-01-01T00:00:00Z', '24h');
    expect(normaliseInstant(expression)).toEqual({ instant: expression, epochMs: undefined });
  });

  test('refuses a bare date, suggesting midnight UTC', () => {
    expect(invalid('2026-03-01')).toMatchObject({ message: 'is a date without a time', fix: 'add the time and zone, e.g. "2026-03-01T00:00:00Z"' });
  });

  test('refuses days the month does not have', () => {
    expect(invalid('2026-02-30T00:00:00Z').message).toBe('has an impossible day (2026-02 has 28 days)');
    expect(invalid('2100-02-29T00:00:00Z').message).toMatch(/impossible day/);
  });

  test.each([
    ['2026-13-01T00:00:00Z', 'month'],
    ['2026-01-01T24:00:00Z', 'hour'],
    ['2026-01-01T00:60:00Z', 'minute'],
    ['2026-01-01T00:00:60Z', 'second'],
    ['2026-01-01T00:00:00+24:00', 'zone offset'],
  ])('refuses %s (impossible %s)', (value, part) => {
    expect(invalid(value).message).toBe(`has an impossible ${part}`);
  });

  test.each(['2026-01-01T00:00:00', '2026-01-01 00:00:00Z', 'tomorrow', '1767225600', '2026-1-1T00:00:00Z'])('refuses %j as not RFC 3339', (value) => {
    expect(invalid(value).message).toBe('is not an RFC 3339 instant');
  });

  test('refuses a fraction of a second, since Cloudflare keeps none', () => {
    expect(invalid('2026-01-01T00:00:00.5Z')).toMatchObject({ message: 'has a fraction of a second', fix: 'drop the fraction: "2026-01-01T00:00:00Z"' });
  });

  test('refuses a non-string', () => {
    expect(invalid(1767225600).message).toBe('is not a string');
  });
});
