import { isTerraformVariable, TerraformBackend, TerraformOutput, TerraformProvider, TerraformStack } from '../framework';
import { IConstruct } from 'constructs';
import { resolveForChecks } from './token-facts';

/** A Terraform output of the stack, as synthesized. */
export interface OutputFacts {
  /** The output's name in Terraform (`terraform output <name>`). */
  readonly name: string;
  readonly path: string;
  readonly sensitive: boolean;
  /** The synthesized value, as JSON text: references read `${cloudflare_api_token.x.value}`. */
  readonly valueText: string;
}

/** A provider block of the stack, as synthesized. */
export interface ProviderFacts {
  /** The provider's type, e.g. `cloudflare`. */
  readonly type: string;
  readonly alias?: string;
  readonly path: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A Terraform variable of the stack, as synthesized. */
export interface VariableFacts {
  /** The variable's name in Terraform (`var.<name>`). */
  readonly name: string;
  readonly path: string;
  /** Whether the variable has a default: a literal written into cdk.tf.json. */
  readonly hasDefault: boolean;
}

/**
 * What the stack-level rules read about the stack that holds a token: its outputs, providers
 * and backend, resolved as synthesized.
 */
export interface StackFacts {
  readonly path: string;
  readonly outputs: readonly OutputFacts[];
  readonly providers: readonly ProviderFacts[];
  readonly variables: readonly VariableFacts[];
  /**
   * The backend's type (`local`, `s3`, `remote`, `cloud`, ...); `undefined` when the stack
   * declares none, in which case cdktf uses a local backend.
   */
  readonly backendType?: string;
  /** Whether the checks were told this stack is production (`LeastPrivilegeChecks` option `production`). */
  readonly production: boolean;
}

export function readStackFacts(stack: TerraformStack, production: boolean): StackFacts {
  const outputs: OutputFacts[] = [];
  const providers: ProviderFacts[] = [];
  const variables: VariableFacts[] = [];
  let backendType: string | undefined;
  // The kind of each node first (symbol tests), its stack only for the few that are read:
  // TerraformStack.of walks up the tree, and a stack holds thousands of nodes.
  const inThisStack = (node: IConstruct) => TerraformStack.of(node) === stack;
  for (const node of stack.node.findAll()) {
    if (TerraformOutput.isTerraformOutput(node)) {
      if (!inThisStack(node)) continue;
      const json = resolveForChecks(stack, node.toTerraform()) as { output: Record<string, { value?: unknown; sensitive?: boolean }> };
      for (const [name, output] of Object.entries(json.output)) {
        outputs.push({ name, path: node.node.path, sensitive: output.sensitive === true, valueText: JSON.stringify(output.value ?? null) });
      }
    } else if (TerraformProvider.isTerraformProvider(node)) {
      if (!inThisStack(node)) continue;
      const json = resolveForChecks(stack, node.toTerraform()) as { provider: Record<string, Record<string, unknown>[]> };
      for (const [type, blocks] of Object.entries(json.provider)) {
        for (const attributes of blocks) {
          providers.push({ type, alias: typeof attributes.alias === 'string' ? attributes.alias : undefined, path: node.node.path, attributes });
        }
      }
    } else if (isTerraformVariable(node)) {
      if (!inThisStack(node)) continue;
      const json = resolveForChecks(stack, node.toTerraform()) as { variable: Record<string, { default?: unknown }> };
      for (const [name, variable] of Object.entries(json.variable)) {
        variables.push({ name, path: node.node.path, hasDefault: variable.default !== undefined && variable.default !== null });
      }
    } else if (TerraformBackend.isBackend(node)) {
      if (!inThisStack(node)) continue;
      const json = resolveForChecks(stack, node.toTerraform()) as { terraform: { backend?: Record<string, unknown>; cloud?: unknown } };
      backendType = json.terraform.backend !== undefined ? Object.keys(json.terraform.backend)[0] : json.terraform.cloud !== undefined ? 'cloud' : backendType;
    }
  }
  return { path: stack.node.path, outputs, providers, variables, backendType, production };
}
