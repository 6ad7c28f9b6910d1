import { TerraformElement, TerraformResource, TerraformStack } from '../framework';
import { IConstruct } from 'constructs';
import { PLAN_TIMESTAMP } from '../rotation/private/period-index';
import { escapeTemplateLiteral } from '../validate/terraform-string';

/** How long before a fixed expiry the plan starts warning. */
export const EXPIRY_WARNING_DAYS = 14;

const ID = 'expiry-checks';

interface Watched {
  readonly resource: TerraformResource;
  readonly tokenName: string;
  readonly path: string;
  readonly expiresOn: string;
}

/**
 * Terraform `check` blocks that warn at plan time when a token's fixed expiry is
 * {@link EXPIRY_WARNING_DAYS} days away or less, or past: one block per token, named
 * `<token resource name>_expiry`. A failed check is a warning, never an error: the plan and
 * the apply go on (test/terraform/expiry-check.test.ts shows both sides of the threshold). The
 * condition compares `plantimestamp()` with the literal instant, so Terraform reads the time
 * and the synthesized JSON is the same on every day.
 *
 * cdktf 0.21 has no class for `check` blocks; this element writes their JSON form
 * (`"check": { "<name>": { "assert": [{ condition, error_message }] } }`). One element per
 * stack holds every token's check, so that a thousand tokens do not add a thousand constructs.
 */
export class ExpiryChecks extends TerraformElement {
  /** The stack's checks, created at the stack's root by the first token that needs one. */
  public static of(scope: IConstruct): ExpiryChecks {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    return existing instanceof ExpiryChecks ? existing : new ExpiryChecks(stack, ID);
  }

  private readonly watched: Watched[] = [];

  /** Warns from {@link EXPIRY_WARNING_DAYS} days before `expiresOn` (a literal, normalised instant). */
  public watch(resource: TerraformResource, tokenName: string, path: string, expiresOn: string): void {
    this.watched.push({ resource, tokenName, path, expiresOn });
  }

  public toTerraform(): unknown {
    if (this.watched.length === 0) return {};
    const check: Record<string, unknown> = {};
    for (const { resource, tokenName, path, expiresOn } of this.watched) {
      const warnFrom = `timeadd("${expiresOn}", "-${EXPIRY_WARNING_DAYS * 24}h")`;
      const message =
        `Cloudflare token "${tokenName}" (${path}) expires at ${expiresOn}: ` +
        `${EXPIRY_WARNING_DAYS} days or less from this plan, or already past. An expired token stops working, and from Cloudflare provider 5.19 Terraform plans to create it again with the past expiry. ` +
        'Fix: set a later expiresOn in a reviewed change (or use rotation) and deploy.';
      check[`${resource.friendlyUniqueId}_expiry`] = {
        assert: [{ condition: `\${timecmp(${PLAN_TIMESTAMP}, ${warnFrom}) < 0}`, error_message: escapeTemplateLiteral(message) }],
      };
    }
    return { check };
  }
}

/** Adds the expiry check of a token with the fixed (literal, normalised) `expiresOn`. */
export function addExpiryCheck(resource: TerraformResource, tokenName: string, path: string, expiresOn: string): void {
  ExpiryChecks.of(resource).watch(resource, tokenName, path, expiresOn);
}
