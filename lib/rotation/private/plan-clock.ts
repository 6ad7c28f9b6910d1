import { TerraformLocal, TerraformStack } from '../../framework';
import { Construct, IConstruct } from 'constructs';
import { planCalendar, PLAN_TIMESTAMP, unixSeconds } from './period-index';

const ID = 'plan-clock';

/**
 * The plan's time, read by Terraform (`plantimestamp()`), as two locals every rotation of a
 * stack shares: the calendar fields and the Unix seconds. One per stack, at its root.
 * Nothing here reads the machine's clock: the synthesized JSON is the same on every day.
 */
export class PlanClock extends Construct {
  /** The stack's clock, created at the stack's root by the first construct that needs it. */
  public static of(scope: IConstruct): PlanClock {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    if (existing instanceof PlanClock) return existing;
    return new PlanClock(stack, ID);
  }

  /** An HCL expression for the plan's time, RFC 3339 (UTC). */
  public readonly rfc3339 = PLAN_TIMESTAMP;
  /** An HCL expression for the plan's time in Unix seconds. */
  public readonly unix: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const calendar = new TerraformLocal(this, 'calendar', planCalendar());
    const unix = new TerraformLocal(this, 'unix', unixSeconds(`local.${calendar.friendlyUniqueId}`));
    this.unix = `local.${unix.friendlyUniqueId}`;
  }
}
