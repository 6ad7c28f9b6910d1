// The framework seam: the only module of the library that imports the CDK framework. The
// package is built twice from one source: `dist/` imports `cdktf` here, `dist/cdktn/` the same
// file rewritten to import `cdktn` (scripts/build-cdktn.js); everything else imports the
// framework from this module, so every element the library creates belongs to the framework
// of the app it is added to (cdktn's stack rejects elements of cdktf, and each framework keeps
// its own Aspects list). The provider resources are our bindings (lib/bindings), built on the
// generic TerraformResource exported here, for the same reason.
//
// Framework objects are recognised by the frameworks' `is*` functions, which test the
// `Symbol.for("cdktf/...")` markers both frameworks share, never by `instanceof`: an app may
// hold a second copy of the framework. Where a framework has no `is*` function (variables,
// modules), the helpers below recognise the element by its shape.
import { TerraformElement, TerraformModule, TerraformVariable } from 'cdktf';

export {
  Annotations,
  Aspects,
  DataResource,
  DefaultTokenResolver,
  Fn,
  Op,
  ref,
  StringConcat,
  TerraformBackend,
  TerraformElement,
  TerraformLocal,
  TerraformModule,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from 'cdktf';
export type { IAspect, TerraformMetaArguments, TerraformProviderConfig, TerraformResourceLifecycle } from 'cdktf';

/** Whether `x` is a Terraform variable of either framework (they have no `is*` function). */
export function isTerraformVariable(x: unknown): x is TerraformVariable {
  if (x instanceof TerraformVariable) return true;
  if (!TerraformElement.isTerraformElement(x)) return false;
  // The typed value accessors exist on variables only.
  return ['stringValue', 'numberValue', 'listValue', 'booleanValue'].every((name) => hasProperty(x, name));
}

/** Whether `x` is a Terraform module of either framework (they have no `is*` function). */
export function isTerraformModule(x: unknown): x is TerraformModule {
  if (x instanceof TerraformModule) return true;
  if (!TerraformElement.isTerraformElement(x)) return false;
  return hasProperty(x, 'source') && hasProperty(x, 'interpolationForOutput') && hasProperty(x, 'addProvider');
}

function hasProperty(x: object, name: string): boolean {
  for (let proto: object | null = x; proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, name)) return true;
  }
  return false;
}
