import { TerraformMetaArguments } from '../framework';

/** The meta-arguments (`provider`, `count`, `lifecycle`, ...) a binding passes on to the generic resource, as the prebuilt provider classes do. */
export function metaArguments(config: TerraformMetaArguments): TerraformMetaArguments {
  return {
    provider: config.provider,
    dependsOn: config.dependsOn,
    count: config.count,
    lifecycle: config.lifecycle,
    provisioners: config.provisioners,
    connection: config.connection,
    forEach: config.forEach,
  };
}
