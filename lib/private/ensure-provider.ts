import { TerraformProvider, TerraformStack } from '../framework';
import { addSynthCheck } from './synth-gate';
import { IConstruct } from 'constructs';

/**
 * Returns the stack's default (un-aliased) provider of the given type, creating one at the
 * stack's root when there is none.
 *
 * Constructs that add resources of another provider (time, github) call this so that a user
 * does not have to know about it; when the user configures that provider themselves (before
 * creating our constructs), theirs is reused. One the user adds afterwards would be a second
 * default configuration, which Terraform rejects: the created provider reports that at synth
 * with the fix, instead of leaving it to `terraform plan`.
 */
export function ensureProvider<P extends TerraformProvider>(
  scope: IConstruct,
  terraformResourceType: string,
  create: (stack: TerraformStack, id: string) => P,
): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const known = cache.get(stack) ?? new Map<string, TerraformProvider>();
  cache.set(stack, known);
  const cached = known.get(terraformResourceType);
  if (cached) return cached;
  const existing = defaultProviders(stack, terraformResourceType)[0];
  const provider = existing ?? create(stack, `${terraformResourceType}-provider`);
  if (!existing) {
    addSynthCheck(provider, () => {
      const others = defaultProviders(stack, terraformResourceType).filter((p) => p !== provider);
      return others.map(
        (other) =>
          `a default "${terraformResourceType}" provider was added for the token constructs, and ${other.node.path} is a second one: ` +
          `Terraform accepts one. Fix: create ${other.node.path} before the first construct that needs it (it is then reused), or give it an alias.`,
      );
    });
  }
  known.set(terraformResourceType, provider);
  return provider;
}

function defaultProviders(stack: TerraformStack, terraformResourceType: string): TerraformProvider[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === terraformResourceType && c.alias === undefined);
}

// Scanning the tree once per stack and provider type, not once per token.
const cache = new WeakMap<TerraformStack, Map<string, TerraformProvider>>();
