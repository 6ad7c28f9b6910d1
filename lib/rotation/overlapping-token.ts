import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { StaticResource } from '@cdktf/provider-time/lib/static-resource';
import { Fn, Op, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problem, problemAt, throwIfProblems } from '../errors';
import { RenderedPolicy } from '../policy/render';
import { CloudflareToken, CloudflareTokenProps, ExportValueOptions } from '../token/cloudflare-token';
import { addRotationSchedule, daysAsDuration, replaceWithSchedule, rotationExpiry, rotationProblems, TokenRotation } from '../token/rotation';

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
 * the newer slot's token, chosen by Terraform. With N = everyDays, G = graceDays, deploys on
 * time:
 *
 * ```
 * day       0         N         2N        3N        4N
 * slot a    [a1 -----------------)+G[a2 -----------------)+G
 * slot b    [b0 ------)+G[b1 ----------------)+G[b2 ------------ ...
 * value     a1        b1        a2        b2        a3
 * ```
 *
 * (`[` a token is created, `)` its slot's rotation is due, `+G` it expires G days later.)
 * A value stays valid at least N + G days after it stops being current, and the current
 * value stays valid at least N + G days after the last deploy: a missed deploy delays the
 * older slot's replacement, not the consumers. b0 is never current; it exists so that the
 * offset is there from the first deploy.
 *
 * Terraform ≥ 1.5 is needed (`plantimestamp()`, used to start slot b's first schedule in
 * the past only until its first rotation).
 */
export class OverlappingToken extends Construct {
  /** The two slots: `slots[0]` (a) and `slots[1]` (b). Usually you want {@link value}. */
  public readonly slots: readonly [CloudflareToken, CloudflareToken];
  /** The `time_rotating` resources that replace each slot's token. */
  public readonly schedules: readonly [Rotating, Rotating];
  /** A fixed instant (set at the first deploy) that slot b's first, shortened period hangs from. */
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

    this.anchor = new StaticResource(this, 'anchor', {});
    const scheduleA = addRotationSchedule(this, 'slot-a-rotation', slotPeriodDays);
    // Slot b's first period starts N days before the anchor, so it ends halfway through slot
    // a's. After that the base must be left to the provider (the time of each re-creation):
    // a base fixed in configuration would make every later generation start, and so expire,
    // in the past. plantimestamp() is fixed for the whole plan, so the expression is stable
    // between plans and flips to null exactly once, when slot b's first period is over;
    // Terraform keeps the stored base for a null optional+computed argument, so the flip
    // causes no change of its own.
    const firstHalfOver = notBefore(Fn.plantimestamp(), Fn.timeadd(this.anchor.rfc3339, daysAsDuration(everyDays)));
    const slotBFirstBase = Fn.conditional(firstHalfOver, Token.nullValue(), Fn.timeadd(this.anchor.rfc3339, daysAsDuration(-everyDays)));
    const scheduleB = addRotationSchedule(this, 'slot-b-rotation', slotPeriodDays, Token.asString(slotBFirstBase));
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

  /** Exports the current value as a sensitive output scoped by the construct path. */
  public exportValue(id = 'value', options: ExportValueOptions = {}): TerraformOutput {
    return new TerraformOutput(this, id, {
      value: this.value,
      sensitive: true,
      description: options.description ?? `Current Cloudflare API token of ${this.node.path} (sensitive)`,
    });
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
