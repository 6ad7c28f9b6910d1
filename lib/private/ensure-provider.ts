import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Returns the stack's default (un-aliased) provider of the given type, creating one at the
 * stack's root when there is none.
 *
 * Constructs that add resources of another provider (time, github) call this so that a user
 * does not have to know about it; when the user configures that provider themselves (before
 * creating our constructs), theirs is reused and no second block is written, which Terraform
 * would reject as a duplicate provider configuration.
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
  const existing = stack.node
    .findAll()
    .find((c): c is TerraformProvider => c instanceof TerraformProvider && c.terraformResourceType === terraformResourceType && c.alias === undefined);
  const provider = existing ?? create(stack, `${terraformResourceType}-provider`);
  known.set(terraformResourceType, provider);
  return provider;
}

// Scanning the tree once per stack and provider type, not once per token.
const cache = new WeakMap<TerraformStack, Map<string, TerraformProvider>>();
