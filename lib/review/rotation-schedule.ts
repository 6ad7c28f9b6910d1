import { periodIndex, planCalendar, PLAN_TIMESTAMP, unixSeconds } from '../rotation/private/period-index';

/**
 * How often a token is replaced and how long each one outlives its due date, read from the
 * synth output. The one place that knows how rotation is written to Terraform JSON: when
 * the rotation design changes, only {@link readRotationSchedule} changes.
 */
export interface RotationSchedule {
  /** Days between replacements of this token resource. */
  readonly everyDays: number;
  /** Days the token stays valid after its replacement was due. */
  readonly graceDays: number;
}

/** `undefined`: the token does not rotate. `unreadable`: it rotates (or may) in a way this tool cannot measure. */
export type ReadRotation = RotationSchedule | 'unreadable' | undefined;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const NAME = '[A-Za-z0-9_-]+';
const CLOCK_AND_START = new RegExp(`local\\.(${NAME}) - terraform_data\\.(${NAME})\\.input\\.unix`);
const CALENDAR = new RegExp(`local\\.(${NAME})\\.year`);

/** Equal as JSON values, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * The shape lib/token/rotation.ts writes (proven to replace the token by
 * test/terraform/rotation.test.ts): the token's `"//".rotation` record names a `terraform_data`
 * generation record; the token's `expires_on` is that record's `input.expires_on` and its
 * `lifecycle` replaces it, new one first, whenever the record changes. The record's
 * expressions count whole periods of `everyDays` since a start recorded once from
 * `plantimestamp()`, through the stack's plan-clock locals.
 *
 * The `"//"` record is written by the code under review, so it is believed only where every
 * expression Terraform will evaluate is exactly the one the library writes for those numbers
 * (rebuilt here from the same functions, lib/rotation/private/period-index.ts). Anything else
 * (another expression, a missing record, a clock local changed) is `unreadable`, which the diff
 * counts as wider (fail closed). A token with no rotation record, no trigger and a literal or
 * no expiry does not rotate.
 *
 * An `OverlappingToken` slot is reported with the period and grace of its token; each slot's
 * token lives `2 × everyDays + graceDays`.
 */
export function readRotationSchedule(token: Json, stack: Json): ReadRotation {
  const meta = isObject(token['//']) ? token['//'] : {};
  const record = meta.rotation;
  const lifecycle = isObject(token.lifecycle) ? token.lifecycle : {};
  const triggers = Array.isArray(lifecycle.replace_triggered_by) ? lifecycle.replace_triggered_by : [];
  const expiresOn = token.expires_on;
  const computedExpiry = typeof expiresOn === 'string' && expiresOn.includes('${');
  if (record === undefined && triggers.length === 0 && lifecycle.replace_triggered_by === undefined && !computedExpiry) return undefined;
  if (!isObject(record)) return 'unreadable';
  const { everyDays, graceDays, slot, generation } = record;
  if (!isDays(everyDays) || !isDays(graceDays) || (slot !== undefined && slot !== 'a' && slot !== 'b') || typeof generation !== 'string') return 'unreadable';
  const generationName = new RegExp(`^terraform_data\\.(${NAME})$`).exec(generation)?.[1];
  if (generationName === undefined) return 'unreadable';
  if (expiresOn !== `\${${generation}.input.expires_on}` || lifecycle.create_before_destroy !== true || !triggers.includes(generation)) return 'unreadable';

  const resources = isObject(stack.resource) ? stack.resource : {};
  const data = isObject(resources.terraform_data) ? resources.terraform_data : {};
  const locals = isObject(stack.locals) ? stack.locals : {};
  const record_ = data[generationName];
  // Exactly what the library writes: a lifecycle.ignore_changes, a count, a provider or any
  // other attribute could stop the record from changing (so the token is never replaced again)
  // while its input still reads as rotating.
  if (!isObject(record_) || !hasExactly(record_, ['input'])) return 'unreadable';
  const input = isObject(record_.input) ? record_.input : undefined;
  if (input === undefined || !hasExactly(input, ['every_days', 'grace_days', 'generation', 'expires_on', ...(slot === undefined ? [] : ['slot'])])) return 'unreadable';
  if (input.every_days !== everyDays || input.grace_days !== graceDays || input.slot !== slot) return 'unreadable';
  if (typeof input.generation !== 'string') return 'unreadable';
  const names = CLOCK_AND_START.exec(input.generation);
  if (!names) return 'unreadable';
  const [, unixLocal, startName] = names;

  const k = periodIndex(`local.${unixLocal}`, `terraform_data.${startName}.input.unix`, everyDays);
  const generationExpression = slot === undefined ? k : slot === 'a' ? `2 * floor(${k} / 2)` : `2 * floor((${k} + 1) / 2) - 1`;
  const generationsLived = slot === undefined ? 1 : 2;
  const expiry = `timeadd(terraform_data.${startName}.input.rfc3339, format("%dh", (${generationExpression} + ${generationsLived}) * ${everyDays * 24} + ${graceDays * 24}))`;
  if (input.generation !== `\${${generationExpression}}` || input.expires_on !== `\${${expiry}}`) return 'unreadable';

  const start = data[startName];
  if (!isObject(start) || !hasExactly(start, ['input', 'lifecycle'])) return 'unreadable';
  if (!sameJson(start.input, { rfc3339: `\${${PLAN_TIMESTAMP}}`, unix: `\${local.${unixLocal}}` })) return 'unreadable';
  if (!sameJson(start.lifecycle, { ignore_changes: ['input'] })) return 'unreadable';
  const unix = locals[unixLocal];
  const calendarLocal = typeof unix === 'string' ? CALENDAR.exec(unix)?.[1] : undefined;
  if (calendarLocal === undefined || unix !== unixSeconds(`local.${calendarLocal}`) || !sameJson(locals[calendarLocal], planCalendar())) return 'unreadable';
  return { everyDays, graceDays };
}

/**
 * The object has exactly `keys`, besides the `"//"` comment cdktf writes (Terraform's JSON
 * syntax ignores a `"//"` property of a block body:
 * https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties).
 */
function hasExactly(body: Json, keys: readonly string[]): boolean {
  const present = Object.keys(body).filter((k) => k !== '//');
  return present.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(body, k));
}

function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** "every 30 days, 7 days' grace" (or why it cannot be said). */
export function describeRotation(rotation: ReadRotation): string {
  if (rotation === undefined) return 'does not rotate';
  if (rotation === 'unreadable') return 'rotation this tool cannot read';
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return `rotates every ${days(rotation.everyDays)}, ${days(rotation.graceDays)}' grace`;
}
