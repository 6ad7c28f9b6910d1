/**
 * Terraform expressions (HCL, built-in functions only) that turn the plan's time into Unix
 * seconds, and those into the index of the rotation period the plan falls in.
 *
 * The index must be known when Terraform plans: a value known only after apply would make
 * every rotation look due. `plantimestamp()` is known at plan and fixed for the whole run,
 * but Terraform has no built-in that turns an RFC 3339 time into seconds, so the calendar
 * arithmetic is spelled out: days since 1970-01-01 by the days-from-civil algorithm
 * (proleptic Gregorian calendar, years from 1 on), from the `formatdate` fields of the time
 * (UTC).
 */

/** The plan's time as Terraform reads it. The only clock anything in this library reads. */
export const PLAN_TIMESTAMP = 'plantimestamp()';

/**
 * The plan time's calendar fields, as the value of a Terraform local: `year` counted from
 * March (so that the leap day ends the year), `month` 1-12, `day` 1-31, `second` of the day.
 */
export function planCalendar(): Record<'year' | 'month' | 'day' | 'second', string> {
  const field = (format: string) => `tonumber(formatdate("${format}", ${PLAN_TIMESTAMP}))`;
  return {
    year: `\${${field('YYYY')} - (${field('M')} <= 2 ? 1 : 0)}`,
    month: `\${${field('M')}}`,
    day: `\${${field('D')}}`,
    second: `\${${field('h')} * 3600 + ${field('m')} * 60 + ${field('s')}}`,
  };
}

/** Unix seconds of the plan's time, given `calendar`, the address of a local holding {@link planCalendar}. */
export function unixSeconds(calendar: string): string {
  const { year, month, day, second } = { year: `${calendar}.year`, month: `${calendar}.month`, day: `${calendar}.day`, second: `${calendar}.second` };
  const era = `floor(${year} / 400)`;
  const yearOfEra = `(${year} - ${era} * 400)`;
  const dayOfYear = `(floor((153 * ((${month} + 9) % 12) + 2) / 5) + ${day} - 1)`;
  const dayOfEra = `(${yearOfEra} * 365 + floor(${yearOfEra} / 4) - floor(${yearOfEra} / 100) + ${dayOfYear})`;
  return `\${(${era} * 146097 + ${dayOfEra} - 719468) * 86400 + ${second}}`;
}

/**
 * The index (0, 1, 2 ...) of the `periodDays`-long period that `nowUnix` falls in, counted
 * from `startUnix` (both expressions for Unix seconds). Never negative, should the planning
 * machine's clock be behind the one that recorded the start.
 */
export function periodIndex(nowUnix: string, startUnix: string, periodDays: number): string {
  return `max(0, floor((${nowUnix} - ${startUnix}) / ${periodDays * 86400}))`;
}
