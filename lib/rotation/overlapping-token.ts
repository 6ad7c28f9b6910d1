import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { StaticResource } from '@cdktf/provider-time/lib/static-resource';
import { Fn, Op, TerraformLocal, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problem, problemAt, throwIfProblems } from '../errors';
import { RenderedPolicy } from '../policy/render';
import { CloudflareToken, CloudflareTokenProps, ExportValueOptions } from '../token/cloudflare-token';
import { defaultOutputName, exportSensitiveValue } from '../token/export-value';
import { addRotationSchedule, replaceWithSchedule, resourceAddress, rotationExpiry, rotationProblems, TokenRotation } from '../token/rotation';
import { periodIndex, planCalendar } from './private/period-index';

export interface OverlappingTokenProps extends Omit<CloudflareTokenProps, 'expiresOn' | 'rotation'> {
  /**
   * How often a new current token appears (`everyDays`) and how long each token outlives its
   * own scheduled rotation (`graceDays`, shorter than `everyDays`). Each slot's token lives
   * `2 × everyDays + graceDays` days.
   */
  readonly rotation: TokenRotation;
}

/**
 * Two rotating tokens with the same policies on schedules offset by half a slot period, for
 * consumers that cannot switch to a new value in the same apply that creates it (a fleet
 * that reads the secret at its own pace, a third party updated by hand).
 *
 * Each slot is replaced every `2 × everyDays` days; slot b is offset by `everyDays`, so every
 * `everyDays` one slot gets a new token while the other keeps the one it has. `value` is
 * the newer slot's token, chosen by Terraform. With N = everyDays, G = graceDays:
 *
 * ```
 * day      0         N         2N        3N        4N
 * slot a   a1 ---------------- a2 ---------------- a3
 * slot b   b0 ------ b1 ---------------- b2 ------
 * value    a1        b1        a2        b2        a3
 * ```
 *
 * (Each token is created when its generation starts and is valid until its slot's next
 * generation starts plus G; day 0 is the first deploy.) The schedule is a fixed grid
 * computed by Terraform from the first deploy's time and the plan's time, so a late deploy
 * does not shift it, and the slots never drift into rotating together. A token is created
 * at the first deploy after its generation starts; the current value has at least N + G days left
 * at any deploy, and a value that stops being current stays valid N + G days after its
 * successor's scheduled start (minus however late the deploy that created the successor
 * was). b0 is never current: it exists so that the offset is there from the first deploy.
 * Only when nobody deploys for more than N days are both slots replaced in one apply.
 *
 * Needs Terraform ≥ 1.5 (`plantimestamp()`).
 */
export class OverlappingToken extends Construct {
  /** The two slots: `slots[0]` (a) and `slots[1]` (b). Usually you want {@link value}. */
  public readonly slots: readonly [CloudflareToken, CloudflareToken];
  /** The `time_rotating` resources that replace each slot's token. */
  public readonly schedules: readonly [Rotating, Rotating];
  /** The first deploy's time, which the slots' schedule grid hangs from. */
  public readonly anchor: StaticResource;
  /** The validated, canonical policies (the same for both slots). */
  public readonly policies: readonly RenderedPolicy[];
  /** One line per policy (the same for both slots). Never holds the value. */
  public readonly summary: readonly string[];

  constructor(scope: Construct, id: string, props: OverlappingTokenProps) {
    super(scope, id);
    const problems: Problem[] = rotationProblems('rotation', props.rotation);
    const untyped = props as CloudflareTokenProps;
    if (untyped.expiresOn !== undefined) {
      problems.push(
        problemAt('expiresOn', untyped.expiresOn, {
          message: 'is set on an overlapping token',
          expected: 'no expiresOn: each slot expires at its own rotation plus graceDays',
          fix: 'remove expiresOn, or use a CloudflareToken for a fixed expiry',
        }),
      );
    }
    throwIfProblems(this.node.path, problems);

    const { everyDays, graceDays } = props.rotation;
    const slotPeriodDays = 2 * everyDays;
    const { rotation: _rotation, name, ...tokenProps } = props;

    // Both slots hang from one grid fixed at the first deploy: period k (of everyDays) runs
    // from anchor + k·N; slot a starts a generation at every even k, slot b at every odd k
    // (its first generation, k = -1, started N days before the anchor). Each time_rotating
    // gets its generation's start as `rfc3339` and lives 2N days, so it is replaced exactly
    // when its own generation changes, never when the other slot's does, and lateness never
    // accumulates: a late deploy does not push the next rotation back, and the slots stay
    // N days apart. The period index comes from plantimestamp(), known at plan time.
    // (Should the provider's refresh see a generation expire a moment after the plan's
    // timestamp, the slot is re-created once more in its old generation and moved to the new
    // one at the next deploy: one extra rotation of the non-current slot, nothing worse.)
    this.anchor = new StaticResource(this, 'anchor', {});
    const calendar = new TerraformLocal(this, 'plancalendar', planCalendar());
    const index = new TerraformLocal(this, 'periodindex', periodIndex(`local.${calendar.friendlyUniqueId}`, `${resourceAddress(this.anchor)}.unix`, everyDays));
    const k = `local.${index.friendlyUniqueId}`;
    const generationStart = (periods: string) =>
      `\${timeadd(${resourceAddress(this.anchor)}.rfc3339, format("%dh", (${periods}) * ${everyDays * 24}))}`;
    const scheduleA = addRotationSchedule(this, 'slot-a-rotation', slotPeriodDays, generationStart(`2 * floor(${k} / 2)`));
    const scheduleB = addRotationSchedule(this, 'slot-b-rotation', slotPeriodDays, generationStart(`2 * floor((${k} + 1) / 2) - 1`));
    this.schedules = [scheduleA, scheduleB];

    const slot = (slotId: 'a' | 'b', schedule: Rotating) => {
      const token = new CloudflareToken(this, slotId, {
        ...tokenProps,
        name: name === undefined ? undefined : `${name} (${slotId})`,
        expiresOn: rotationExpiry(schedule, graceDays),
      });
      replaceWithSchedule(token.resource, schedule);
      return token;
    };
    this.slots = [slot('a', scheduleA), slot('b', scheduleB)];
    this.policies = this.slots[0].policies;
    this.summary = this.slots[0].summary;
  }

  /**
   * The current token's value: the slot whose schedule started last, chosen by Terraform
   * (`timecmp` of the two bases). Sensitive, like each slot's value.
   */
  public get value(): string {
    return this.pick(this.slots[0].value, this.slots[1].value);
  }

  /** The current token's id (not secret). */
  public get tokenId(): string {
    return this.pick(this.slots[0].tokenId, this.slots[1].tokenId);
  }

  /**
   * Exports the current value as a sensitive output named exactly `name` (default: the
   * construct id); see {@link CloudflareToken.exportValue}.
   */
  public exportValue(name: string = defaultOutputName(this), options: ExportValueOptions = {}): TerraformOutput {
    return exportSensitiveValue(this, name, this.value, options.description ?? `Current Cloudflare API token of ${this.node.path} (sensitive)`);
  }

  private pick(a: string, b: string): string {
    const [scheduleA, scheduleB] = this.schedules;
    // On a tie (never expected: slot b's first base is N days before slot a's) slot a wins.
    return Token.asString(Fn.conditional(notBefore(scheduleA.rfc3339, scheduleB.rfc3339), a, b));
  }
}

/**
 * `timecmp(x, y) != -1`, i.e. x is at or after y. Written against -1 because cdktf 0.21
 * renders a literal 0 operand of `Op.gte` as `undefined`.
 */
function notBefore(x: string, y: string) {
  return Op.neq(Fn.timecmp(x, y), -1);
}
