import { TerraformResource, TerraformStack } from '../framework';
import { IConstruct } from 'constructs';
import { runAspects } from '../private/run-aspects';
import type { RecordedFinding, RecordedSuppression } from './recorded';
import { isTokenResource } from './token-facts';

/** What the least-privilege checks recorded on one token resource. */
export interface TokenFindings {
  /** The resource's construct path, e.g. `prod/ci/Token/Token`... as in the synth output. */
  readonly path: string;
  /** The Terraform address, e.g. `cloudflare_account_token.ci_Token_1A2B3C4D`. */
  readonly address: string;
  /** Whether any LeastPrivilegeChecks ran on the token (false: nothing was checked). */
  readonly checked: boolean;
  readonly findings: readonly RecordedFinding[];
  readonly suppressions: readonly RecordedSuppression[];
}

interface Recorded {
  readonly findings?: RecordedFinding[];
  readonly suppressions?: RecordedSuppression[];
}

/**
 * The least-privilege findings of every token under `scope` (a stack or anything in one),
 * for tests of your own stacks: runs the checks applied to the stack, as `cdktf synth` would,
 * and returns what they recorded (the `"//".leastPrivilege` metadata that `Testing.synth`
 * strips), without failing on error findings.
 *
 * ```ts
 * LeastPrivilegeChecks.applyTo(stack, { strict: true });
 * expect(findingsOf(stack).flatMap((t) => t.findings)).toEqual([]);
 * ```
 */
export function findingsOf(scope: IConstruct): TokenFindings[] {
  runAspects(TerraformStack.of(scope));
  return scope.node
    .findAll()
    .filter(isTokenResource)
    .map((resource: TerraformResource) => {
      const json = resource.toTerraform() as { resource: Record<string, Record<string, { '//'?: { leastPrivilege?: Recorded } }>> };
      const body = json.resource[resource.terraformResourceType][resource.friendlyUniqueId];
      const recorded = body?.['//']?.leastPrivilege;
      return {
        path: resource.node.path,
        address: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
        checked: recorded !== undefined,
        findings: recorded?.findings ?? [],
        suppressions: recorded?.suppressions ?? [],
      };
    });
}
