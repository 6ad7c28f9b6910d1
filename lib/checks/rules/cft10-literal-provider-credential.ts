import { fromFindings, Rule, RuleFinding } from '../rule';
import { isExpression } from '../resource-targets';

/** Provider attributes that hold a Cloudflare credential. */
export const CREDENTIAL_ATTRIBUTES = ['api_token', 'api_key', 'api_user_service_key'] as const;

const VARIABLE_REFERENCE = /\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g;

export const CFT10: Rule = {
  id: 'CFT10',
  level: 'error',
  name: 'Literal credential in the Cloudflare provider',
  explanation: `The Cloudflare provider of the token's stack is configured with a literal ${CREDENTIAL_ATTRIBUTES.join(' / ')}, directly or as the default of a Terraform variable it reads. The credential that creates tokens is then written into cdk.tf.json (and usually into git); a value read from process.env at synth ends up there too.`,
  fix: 'Leave the credential out of the provider and set CLOUDFLARE_API_TOKEN in the environment that runs Terraform, or pass a sensitive TerraformVariable without a default.',
  check(_token, context) {
    const findings: RuleFinding[] = [];
    const stack = context.stack();
    for (const provider of stack.providers.filter((p) => p.type === 'cloudflare')) {
      for (const attribute of CREDENTIAL_ATTRIBUTES) {
        const value = provider.attributes[attribute];
        if (value === undefined || value === null) continue;
        const where = provider.alias === undefined ? attribute : `${provider.alias}.${attribute}`;
        if (!isExpression(value)) {
          findings.push({ finding: where, message: `the provider at ${provider.path} sets ${attribute} to a literal value` });
          continue;
        }
        for (const match of String(value).matchAll(VARIABLE_REFERENCE)) {
          const variable = stack.variables.find((v) => v.name === match[1]);
          if (variable?.hasDefault) {
            findings.push({ finding: `${where}:var.${variable.name}`, message: `the provider at ${provider.path} sets ${attribute} from variable ${variable.name} (${variable.path}), whose default is a literal value in cdk.tf.json` });
          }
        }
      }
    }
    return fromFindings(findings);
  },
};
