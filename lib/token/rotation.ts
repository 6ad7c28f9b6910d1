import { writeComment } from '../bindings/block-comments';
import { DataResource, ref, TerraformResource, TerraformStack, Token } from '../framework';
import { Construct } from 'constructs';
import { Problem, problemAt } from '../errors';
import { periodIndex } from '../rotation/private/period-index';
import { PlanClock } from '../rotation/private/plan-clock';

/**
 * When a token is replaced and how long it stays valid after it was due.
 *
 * Rotations are due on a fixed grid: every `everyDays` days from the first deploy. A rotating
 * token expires `graceDays` after its rotation is due; the first plan on or after that day
 * replaces it (test/terraform/rotation.test.ts), so the grace period is how late that deploy
 * may be before the token stops working. It is not an overlap: the old token is deleted in
 * the same apply that creates the new one (use `OverlappingToken` when consumers need both
 * valid at once).
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

/**
 * What the library writes into the synthesized JSON next to a rotating token, as
 * `"//": { "rotation": ... }` on the token resource, for reviewers and checks that must not
 * parse expressions. Terraform ignores `//` keys.
 */
export interface RotationMetadata {
  /** The rotation option as given. */
  readonly everyDays: number;
  readonly graceDays: number;
  /**
   * The longest any one token of this rotation can be valid: `everyDays + graceDays` for a
   * rotating token, `2 × everyDays + graceDays` for a slot of an `OverlappingToken`.
   */
  readonly maxValidityDays: number;
  /** The `terraform_data` whose change replaces the token (`terraform_data.<name>`). */
  readonly generation: string;
  /** For a slot of an `OverlappingToken`: which one. */
  readonly slot?: 'a' | 'b';
}

/** The rotation's start: the plan time of the first deploy, recorded once in a `terraform_data`. */
export interface RotationStart {
  readonly resource: DataResource;
  /** HCL expressions (no `${}`) for the start, as RFC 3339 and as Unix seconds. */
  readonly rfc3339: string;
  readonly unix: string;
}

/**
 * Records the plan time of the first deploy in a `terraform_data` (`input = { rfc3339, unix }`).
 * `ignore_changes = [input]` keeps the value of the plan that created it: later plans read the
 * recorded start from state, and the expressions are known at plan, also on the first
 * (test/terraform/rotation.test.ts, "day 0").
 */
export function recordRotationStart(scope: Construct, id: string): RotationStart {
  const clock = PlanClock.of(scope);
  const resource = new DataResource(scope, id, {
    input: { rfc3339: `\${${clock.rfc3339}}`, unix: `\${${clock.unix}}` },
    lifecycle: { ignoreChanges: ['input'] },
  });
  const address = resourceAddress(resource);
  return { resource, rfc3339: `${address}.input.rfc3339`, unix: `${address}.input.unix` };
}

/**
 * The index of the `periodDays` period the plan falls in, counted from `start` (an HCL
 * expression, no `${}`): 0 from the first deploy, 1 after `periodDays` days, and so on.
 */
export function planPeriodIndex(scope: Construct, start: RotationStart, periodDays: number): string {
  return periodIndex(PlanClock.of(scope).unix, start.unix, periodDays);
}

/**
 * `start + hours`: an HCL expression (no `${}`) for an instant on the grid, `hours` being an
 * HCL expression for a whole number of hours (`timeadd` has no day unit).
 */
export function instantAfter(start: RotationStart, hours: string): string {
  return `timeadd(${start.rfc3339}, format("%dh", ${hours}))`;
}

/**
 * A generation record: a `terraform_data` whose `input` holds the rotation's parameters, the
 * generation number and the expiry of that generation's token. Its input changes exactly
 * when a new generation is due or the parameters change; Terraform then plans it as an
 * update, which replaces every resource that lists it in `replace_triggered_by`.
 */
export function addGeneration(
  scope: Construct,
  id: string,
  fields: { everyDays: number; graceDays: number; slot?: 'a' | 'b'; generation: string; expiresOn: string },
): DataResource {
  return new DataResource(scope, id, {
    input: {
      every_days: fields.everyDays,
      grace_days: fields.graceDays,
      ...(fields.slot === undefined ? {} : { slot: fields.slot }),
      generation: `\${${fields.generation}}`,
      expires_on: `\${${fields.expiresOn}}`,
    },
  });
}

/**
 * The generation's token expiry, as the value of the token's `expires_on`: a reference to
 * the generation's `input`, known at plan (the plan shows the new token's expiry).
 */
export function generationExpiry(generation: DataResource): string {
  return Token.asString(ref(`${resourceAddress(generation)}.input.expires_on`, TerraformStack.of(generation)));
}

/**
 * A rotating token's schedule: the start recorded at the first deploy, the period index of
 * the plan, and the generation record. Generation k's token expires at
 * `start + (k + 1) × everyDays + graceDays`, so its rotation is due `graceDays` before it
 * expires, and a deploy that is late does not move the next one.
 */
export function addRotation(scope: Construct, rotation: TokenRotation): DataResource {
  const { everyDays, graceDays } = rotation;
  const start = recordRotationStart(scope, 'rotation-start');
  const k = planPeriodIndex(scope, start, everyDays);
  return addGeneration(scope, 'rotation', {
    everyDays,
    graceDays,
    generation: k,
    expiresOn: instantAfter(start, `(${k} + 1) * ${everyDays * 24} + ${graceDays * 24}`),
  });
}

/**
 * Makes `resource` be replaced whenever `generation` changes, new one first, and records the
 * rotation for readers of the JSON (`"//".rotation`, see {@link RotationMetadata}).
 *
 * `replace_triggered_by` fires on an update or a replacement of the named resource (never on
 * its creation, which is why a `time_rotating`, dropped from state by its provider once due
 * and then created again, cannot drive it: hashicorp/terraform-provider-time#118). The entry
 * is a bare `terraform_data.<name>`, not `"${...}"`, which Terraform rejects there.
 * `create_before_destroy` keeps a valid token in place (and in the consumers fed from it)
 * until its successor exists.
 */
export function replaceWithGeneration(resource: TerraformResource, generation: DataResource, metadata: Omit<RotationMetadata, 'generation'>): void {
  resource.lifecycle = {
    ...resource.lifecycle,
    createBeforeDestroy: true,
    replaceTriggeredBy: [...(resource.lifecycle?.replaceTriggeredBy ?? []), resourceAddress(generation)],
  };
  const recorded: RotationMetadata = { ...metadata, generation: resourceAddress(generation) };
  writeComment(resource, 'rotation', recorded);
}

/** `type.name`, the bare address Terraform expects in `replace_triggered_by`. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
