import { TerraformResource } from '../framework';

/**
 * What the library's own constructs know about a token resource they wrote, beyond its JSON:
 * how it rotates. The checks read this instead of parsing the rotation expressions, so that a
 * change to how rotation is wired in Terraform does not change what the checks measure.
 */
export interface LibraryTokenFacts {
  /**
   * The longest a token of this resource stays valid: the rotation period plus the grace
   * period, in days (for an overlapping slot, the slot's period plus grace).
   */
  readonly rotationValidityDays?: number;
  /**
   * The `expires_on` the construct wrote (unresolved). When the synthesized attribute is not
   * this expression any more (an override), the rotation no longer vouches for it.
   */
  readonly rotationExpiresOn?: string;
}

const FACTS = new WeakMap<TerraformResource, LibraryTokenFacts>();

/** Records what a library construct knows about the token resource it created. */
export function recordLibraryToken(resource: TerraformResource, facts: LibraryTokenFacts): void {
  FACTS.set(resource, { ...FACTS.get(resource), ...facts });
}

/** What the library recorded about `resource`; `undefined` for raw provider resources. */
export function libraryTokenFacts(resource: TerraformResource): LibraryTokenFacts | undefined {
  return FACTS.get(resource);
}
