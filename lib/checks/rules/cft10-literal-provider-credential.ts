import { fromFindings, Rule, RuleFinding } from '../rule';
import { isExpression } from '../token-facts';

/** Provider attributes that hold a Cloudflare credential. */
export const CREDENTIAL_ATTRIBUTES = ['api_token', 'api_key', 'api_user_service_key'] as const;

export const CFT10: Rule = {
  id: 'CFT10',
  level: 'error',
  name: 'Literal credential in the Cloudflare provider',
  explanation: `The Cloudflare provider of the token's stack is configured with a literal ${CREDENTIAL_ATTRIBUTES.join(' / ')}. The credential that creates tokens is then written into cdk.tf.json (and usually into git); a value read from process.env at synth ends up there too.`,
  fix: 'Leave the credential out of the provider and set CLOUDFLARE_API_TOKEN in the environment that runs Terraform, or pass a sensitive TerraformVariable.',
  check(_token, context) {
    const findings: RuleFinding[] = [];
    for (const provider of context.stack().providers.filter((p) => p.type === 'cloudflare')) {
      for (const attribute of CREDENTIAL_ATTRIBUTES) {
        const value = provider.attributes[attribute];
        if (value === undefined || value === null || isExpression(value)) continue;
        const where = provider.alias === undefined ? attribute : `${provider.alias}.${attribute}`;
        findings.push({ finding: where, message: `the provider at ${provider.path} sets ${attribute} to a literal value` });
      }
    }
    return fromFindings(findings);
  },
};
