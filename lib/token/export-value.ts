import { TerraformOutput, TerraformStack } from '../framework';
import { Construct } from 'constructs';
import { problemAt, TokenConfigError } from '../errors';
import { referenceCheck, terraformString } from '../validate/terraform-string';

/**
 * Terraform's identifier rule for output names: letters, digits, underscores and hyphens,
 * starting with a letter or an underscore.
 * Source: https://developer.hashicorp.com/terraform/language/syntax/configuration#identifiers
 */
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The output names handed out per stack, with the construct that asked for each. */
const namesByStack = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * The default output name for a construct: its id, with every character Terraform does not
 * allow in a name replaced by `_` (`terraform-dns` stays `terraform-dns`).
 */
export function defaultOutputName(scope: Construct): string {
  const name = scope.node.id.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/**
 * Creates the sensitive output of a token value under the Terraform name `name`, exactly, so
 * that `terraform output -raw <name>` reads it (cdktf would otherwise write a name hashed from
 * the construct path). Names are unique per stack: a second output of the same name, from this
 * function or any other `TerraformOutput` of the stack, is a {@link TokenConfigError} naming
 * both constructs.
 */
export function exportSensitiveValue(scope: Construct, name: string, value: string, description: string): TerraformOutput {
  if (typeof name !== 'string' || !OUTPUT_NAME.test(name)) {
    throw new TokenConfigError(scope.node.path, [
      {
        field: 'exportValue(name)',
        message: 'is not a Terraform output name',
        received: name,
        expected: 'letters, digits, underscores and hyphens, starting with a letter or an underscore',
        fix: "pass a name such as 'dns_token'",
      },
    ]);
  }
  // A description is text: a literal (escaped for Terraform) or one whole reference, never both.
  const reference = referenceCheck(description, 'exportValue(options.description)', 'description');
  if (reference !== undefined && reference !== 'reference') throw new TokenConfigError(scope.node.path, [problemAt('exportValue(options.description)', description, reference)]);
  const stack = TerraformStack.of(scope);
  let names = namesByStack.get(stack);
  if (names === undefined) {
    names = new Map();
    namesByStack.set(stack, names);
    stack.node.addValidation({ validate: () => checkNoOtherOutputNamed(stack, namesByStack.get(stack)!) });
  }
  const taken = names.get(name);
  if (taken !== undefined) throw clash(scope.node.path, name, taken);
  names.set(name, scope.node.path);

  const output = new TerraformOutput(scope, name, { value, sensitive: true, description: terraformString(description) });
  output.overrideLogicalId(name);
  return output;
}

/**
 * At synth, every output exists: one written by other code under a name we handed out would
 * silently replace ours in the JSON (cdktf merges outputs by name), so it fails instead.
 */
function checkNoOtherOutputNamed(stack: TerraformStack, names: ReadonlyMap<string, string>): string[] {
  for (const node of stack.node.findAll()) {
    if (!TerraformOutput.isTerraformOutput(node)) continue;
    const owner = names.get(node.friendlyUniqueId);
    if (owner !== undefined && node.node.scope?.node.path !== owner) throw clash(owner, node.friendlyUniqueId, node.node.path);
  }
  return [];
}

function clash(path: string, name: string, otherPath: string): TokenConfigError {
  return new TokenConfigError(path, [
    {
      field: 'exportValue(name)',
      message: `is already the name of an output of this stack, made by ${otherPath}`,
      received: name,
      expected: 'an output name unique in the stack',
      fix: "pass another name: exportValue('<unique name>')",
    },
  ]);
}
