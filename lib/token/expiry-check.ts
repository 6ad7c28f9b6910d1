import { TerraformElement } from 'cdktf';
import { Construct } from 'constructs';
import { PLAN_TIMESTAMP } from '../rotation/private/period-index';

/** How long before a fixed expiry the plan starts warning. */
export const EXPIRY_WARNING_DAYS = 14;

/**
 * A Terraform `check` block that warns at plan time when a token's fixed expiry is
 * {@link EXPIRY_WARNING_DAYS} days away or less, or past. A failed check is a warning, never
 * an error: the plan goes on (test/terraform/expiry-check.test.ts shows both sides of the
 * threshold). The condition compares `plantimestamp()` with the literal instant, so Terraform
 * reads the time and the synthesized JSON is the same on every day.
 *
 * cdktf 0.21 has no class for `check` blocks; this element writes the JSON form
 * (`"check": { "<name>": { "assert": [{ condition, error_message }] } }`).
 */
export class ExpiryCheck extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly tokenName: string,
    private readonly expiresOn: string,
  ) {
    super(scope, id);
  }

  public toTerraform(): unknown {
    const warnFrom = `timeadd("${this.expiresOn}", "-${EXPIRY_WARNING_DAYS * 24}h")`;
    const message =
      `Cloudflare token "${this.tokenName}" (${this.node.scope?.node.path}) expires at ${this.expiresOn}: ` +
      `${EXPIRY_WARNING_DAYS} days or less from this plan, or already past. An expired token stops working, and from Cloudflare provider 5.19 Terraform plans to create it again with the past expiry. ` +
      'Fix: set a later expiresOn in a reviewed change (or use rotation) and deploy.';
    return {
      check: {
        [this.friendlyUniqueId]: {
          assert: [{ condition: `\${timecmp(${PLAN_TIMESTAMP}, ${warnFrom}) < 0}`, error_message: escapeTemplate(message) }],
        },
      },
    };
  }
}

/** Adds the expiry check of a token with the fixed (literal, normalised) `expiresOn`. */
export function addExpiryCheck(scope: Construct, tokenName: string, expiresOn: string): ExpiryCheck {
  return new ExpiryCheck(scope, 'expiry-check', tokenName, expiresOn);
}

/** A literal for a Terraform string: `${` and `%{` would start a template sequence. */
function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
