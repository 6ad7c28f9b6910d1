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

const GRACE = /^\$\{timeadd\(time_rotating\.([A-Za-z0-9_-]+)\.rotation_rfc3339, "(\d+)h"\)\}$/;

/**
 * Today's shape (lib/token/rotation.ts): `lifecycle.replace_triggered_by` names one
 * `time_rotating` resource with a literal `rotation_days` (and no other rotation unit), and
 * `expires_on` is `timeadd(<that resource>.rotation_rfc3339, "<whole days × 24>h")`.
 * A token with neither a trigger nor a computed expiry does not rotate. Anything else is
 * `unreadable`, which the diff counts as wider (fail closed).
 *
 * An `OverlappingToken` slot is replaced every `2 × everyDays`: that is what is reported
 * for each slot, since it is how long each slot's token lives.
 */
export function readRotationSchedule(token: Json, stackResources: Json): ReadRotation {
  const lifecycle = isObject(token.lifecycle) ? token.lifecycle : {};
  const triggers = lifecycle.replace_triggered_by;
  const expiresOn = token.expires_on;
  const computedExpiry = typeof expiresOn === 'string' && expiresOn.includes('${');
  const hasTriggers = triggers !== undefined && triggers !== null && !(Array.isArray(triggers) && triggers.length === 0);
  if (!hasTriggers && !computedExpiry) return undefined;
  if (!Array.isArray(triggers) || triggers.length !== 1 || typeof triggers[0] !== 'string' || typeof expiresOn !== 'string') return 'unreadable';
  const trigger = /^(?:time_rotating\.([A-Za-z0-9_-]+)|\$\{time_rotating\.([A-Za-z0-9_-]+)\})$/.exec(triggers[0]);
  const rotatingName = trigger ? (trigger[1] ?? trigger[2]) : undefined;
  const grace = GRACE.exec(expiresOn);
  if (!rotatingName || !grace || grace[1] !== rotatingName) return 'unreadable';
  const rotating = isObject(stackResources.time_rotating) ? stackResources.time_rotating[rotatingName] : undefined;
  if (!isObject(rotating)) return 'unreadable';
  const units = ['rotation_minutes', 'rotation_hours', 'rotation_months', 'rotation_years'].filter((k) => rotating[k] !== undefined && rotating[k] !== null);
  const everyDays = rotating.rotation_days;
  const hours = Number(grace[2]);
  if (units.length > 0 || typeof everyDays !== 'number' || !Number.isSafeInteger(everyDays) || everyDays < 1 || hours % 24 !== 0) return 'unreadable';
  return { everyDays, graceDays: hours / 24 };
}

/** "every 30 days, 7 days' grace" (or why it cannot be said). */
export function describeRotation(rotation: ReadRotation): string {
  if (rotation === undefined) return 'does not rotate';
  if (rotation === 'unreadable') return 'rotation this tool cannot read';
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return `rotates every ${days(rotation.everyDays)}, ${days(rotation.graceDays)}' grace`;
}
