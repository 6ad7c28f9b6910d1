import { IConstruct } from 'constructs';
import { throwIfProblems } from '../errors';
import { TerraformStack } from '../framework';

// Which framework a class belongs to, from its jsii type information (`cdktf.TerraformStack`,
// `cdktn.TerraformStack`; a user's subclass inherits it). Not `instanceof`: two copies of the
// same framework may share an app, two frameworks cannot.
const RTTI = Symbol.for('jsii.rtti');
function frameworkOf(value: object): string | undefined {
  const fqn = (value.constructor as unknown as Record<symbol, { fqn?: unknown } | undefined>)?.[RTTI]?.fqn;
  return typeof fqn === 'string' ? fqn.split('.')[0] : undefined;
}
const OURS = frameworkOf(Object.create(TerraformStack.prototype) as object);
const ENTRY: Record<string, string> = { cdktf: "'cdktf-cloudflare-tokens'", cdktn: "'cdktf-cloudflare-tokens/cdktn'" };
const NAME: Record<string, string> = { cdktf: 'CDK for Terraform (cdktf)', cdktn: 'CDK Terrain (cdktn)' };

/**
 * Throws a TokenConfigError when `scope` is in a stack of the other framework: a cdktn stack
 * rejects cdktf elements only at synth, with `_resetResolveDiscoveredProviderFeatureUsage is
 * not a function`, and a cdktf app never runs cdktn's Aspects (the checks).
 */
export function checkSameFramework(scope: IConstruct): void {
  const stack = scope.node.scopes.find((s) => TerraformStack.isStack(s));
  const theirs = stack === undefined ? undefined : frameworkOf(stack);
  if (theirs === undefined || OURS === undefined || theirs === OURS || !(theirs in ENTRY)) return;
  throwIfProblems(scope.node.path, [
    {
      field: 'scope',
      received: `a ${NAME[theirs]} stack`,
      message: `is in a stack of ${NAME[theirs]}, and this construct comes from the ${NAME[OURS]} entry point of the library`,
      expected: `the library's entry point for the app's framework`,
      fix: `import the constructs from ${ENTRY[theirs]}`,
    },
  ]);
}
