import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { Problem, problemAt } from '../errors';
import { ensureProvider } from '../private/ensure-provider';

/**
 * When a token is replaced and how long it stays valid after it was due.
 *
 * A rotating token expires `graceDays` after its scheduled rotation. Terraform replaces it
 * at the first `cdktf deploy` after the rotation is due, so the grace period is how late that
 * deploy may be before the token stops working. It is not an overlap: the old token is
 * deleted in the same apply that creates the new one (use `OverlappingToken` when consumers
 * need both valid at once).
 */
export interface TokenRotation {
  /** Days between rotations (a whole number, at least 1). */
  readonly everyDays: number;
  /**
   * Days the token stays valid after its rotation is due (a whole number, at least 1, and
   * shorter than `everyDays`). Make it longer than the longest gap between deploys.
   */
  readonly graceDays: number;
}

/**
 * Problems with a rotation option, each at `field.<key>`. A grace period of zero would let
 * the token expire before any deploy could replace it; one as long as the period would keep
 * more than one generation of the token alive, which is what rotating is meant to stop.
 */
export function rotationProblems(field: string, rotation: unknown): Problem[] {
  if (typeof rotation !== 'object' || rotation === null) {
    return [
      problemAt(field, rotation, {
        message: 'is not a rotation',
        expected: '{ everyDays, graceDays }',
        fix: `pass ${field}: { everyDays: 30, graceDays: 7 }`,
      }),
    ];
  }
  const { everyDays, graceDays } = rotation as Partial<TokenRotation>;
  const problems: Problem[] = [];
  const everyOk = checkDays(`${field}.everyDays`, everyDays, 'the number of days between rotations, e.g. 30', problems);
  const graceOk = checkDays(`${field}.graceDays`, graceDays, 'the days the token outlives its rotation, e.g. 7', problems);
  if (everyOk && graceOk && (graceDays as number) >= (everyDays as number)) {
    problems.push(
      problemAt(`${field}.graceDays`, graceDays, {
        message: `is not shorter than everyDays (${everyDays})`,
        expected: `a grace period of fewer than ${everyDays} days`,
        fix: 'shorten graceDays, lengthen everyDays, or use OverlappingToken if consumers need two valid tokens at once',
      }),
    );
  }
  return problems;
}

/**
 * The longest rotation period or grace: ten years. Terraform's timeadd works on Go durations,
 * which overflow past about 292 years (2^63 ns); anything near that fails at plan, and a
 * rotation measured in decades is not one.
 */
export const MAX_ROTATION_DAYS = 3650;

function checkDays(field: string, value: unknown, expected: string, problems: Problem[]): boolean {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_ROTATION_DAYS) return true;
  const message =
    typeof value !== 'number'
      ? 'is not a number'
      : !Number.isInteger(value)
        ? 'is not a whole number of days'
        : value < 1
          ? 'is not at least 1'
          : `is over ${MAX_ROTATION_DAYS} days`;
  problems.push(
    problemAt(field, value, { message, expected: `a whole number of days, at least 1 and at most ${MAX_ROTATION_DAYS}: ${expected}`, fix: `set ${field} to a positive whole number, at most ${MAX_ROTATION_DAYS}` }),
  );
  return false;
}

/** A duration Terraform's `timeadd` accepts: it has no day unit, so days become hours. */
export function daysAsDuration(days: number): string {
  return `${days * 24}h`;
}

/**
 * Adds a `time_rotating` resource (and the stack's time provider when it has none).
 *
 * `rotation_days` adds that many days to the base timestamp (the time of creation unless
 * `rfc3339` is given) to give `rotation_rfc3339`, the time of the *next* rotation; once the
 * clock has passed it, the provider's read removes the resource from state and the next
 * plan creates it again (hashicorp/terraform-provider-time, docs/resources/rotating.md and
 * internal/provider/resource_time_rotating.go, Read).
 */
export function addRotationSchedule(scope: Construct, id: string, rotationDays: number, baseRfc3339?: string): Rotating {
  ensureProvider(scope, TimeProvider.tfResourceType, (stack, providerId) => new TimeProvider(stack, providerId, {}));
  return new Rotating(scope, id, { rotationDays, rfc3339: baseRfc3339 });
}

/**
 * The token's `expires_on`: the next rotation plus the grace period, computed by Terraform
 * at plan time (`timeadd`), so the synthesized JSON holds the expression and never a date.
 */
export function rotationExpiry(schedule: Rotating, graceDays: number): string {
  return Fn.timeadd(schedule.rotationRfc3339, daysAsDuration(graceDays));
}

/**
 * Makes `resource` be replaced whenever `schedule` is, new one first.
 *
 * `replace_triggered_by` names the `time_rotating` resource itself, not an attribute:
 * Terraform then replaces the token on any planned change of that resource (its create
 * after the provider dropped an expired one, or an in-place change of `rotation_days`;
 * hashicorp/terraform#30851, #37184). The address is written as a plain
 * `time_rotating.<name>` string: cdktf 0.21 renders a resource object passed there as the
 * interpolation `"${time_rotating.<name>}"`, which Terraform rejects as an invalid
 * expression (hashicorp/terraform-cdk#3532, #3546). `create_before_destroy` keeps a valid
 * token in place (and in the consumers fed from it) until its successor exists.
 */
export function replaceWithSchedule(resource: TerraformResource, schedule: Rotating): void {
  resource.lifecycle = {
    ...resource.lifecycle,
    createBeforeDestroy: true,
    replaceTriggeredBy: [...(resource.lifecycle?.replaceTriggeredBy ?? []), resourceAddress(schedule)],
  };
}

/** `type.name`, the bare address Terraform expects in `replace_triggered_by`. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
