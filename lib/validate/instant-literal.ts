// The literal part of instant validation, without cdktf: the reviewer's audit (CFT3 on tokens
// listed by the API) runs it in a process that never loads cdktf.
import { Invalid } from '../errors';

export type InstantResult =
  /** A literal instant, normalised to UTC, with its epoch milliseconds for comparisons. */
  | { readonly instant: string; readonly epochMs: number }
  /** An unresolved cdktf token (e.g. a Terraform `timeadd(...)`): passed through, not comparable. */
  | { readonly instant: string; readonly epochMs: undefined }
  | { readonly invalid: Invalid };

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EXPECTED = 'an RFC 3339 instant with a time and a zone, such as "2027-01-31T00:00:00Z"';

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Validates and normalises a literal instant (see {@link normaliseInstant}); a cdktf token is not literal. */
export function normaliseLiteralInstant(value: unknown): InstantResult {
  if (typeof value !== 'string') {
    return { invalid: { message: 'is not a string', expected: EXPECTED, fix: 'pass the instant as an RFC 3339 string' } };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return {
      invalid: {
        message: 'is a date without a time',
        expected: EXPECTED,
        fix: `add the time and zone, e.g. "${value}T00:00:00Z"`,
      },
    };
  }
  const m = RFC3339.exec(value);
  if (!m) {
    return {
      invalid: {
        message: 'is not an RFC 3339 instant',
        expected: EXPECTED,
        fix: 'write it as YYYY-MM-DDTHH:MM:SSZ (or with an offset such as +02:00); compute relative dates in Terraform, never from the clock at synth',
      },
    };
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7];
  const zone = m[8];
  const invalidPart = (what: string): InstantResult => ({
    invalid: { message: `has an impossible ${what}`, expected: EXPECTED, fix: 'check the calendar: months 01-12, days within the month, hours 00-23, minutes and seconds 00-59' },
  });
  if (month < 1 || month > 12) return invalidPart('month');
  if (day < 1 || day > daysInMonth(year, month)) return invalidPart(`day (${pad(year, 4)}-${pad(month)} has ${daysInMonth(year, month)} days)`);
  if (hour > 23) return invalidPart('hour');
  if (minute > 59) return invalidPart('minute');
  if (second > 59) return invalidPart('second');
  if (fraction !== undefined && /[1-9]/.test(fraction)) {
    return {
      invalid: { message: 'has a fraction of a second', expected: 'whole seconds (Cloudflare keeps no fraction)', fix: `drop the fraction: "${value.replace(fraction, '')}"` },
    };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) return invalidPart('zone offset');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  const epochMs = local.getTime() - offsetMinutes * 60_000;
  const utc = new Date(epochMs);
  // An offset can push an instant at either end of the 4-digit years out of them
  // ("9999-12-31T23:00:00-02:00" is in year 10000 in UTC), where no RFC 3339 form exists.
  if (utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) {
    return {
      invalid: {
        message: 'falls outside the years 0000 to 9999 once converted to UTC',
        expected: 'an instant between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z',
        fix: 'check the year and the zone offset',
      },
    };
  }
  const instant =
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}` +
    `T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}Z`;
  return { instant, epochMs };
}
