import { DataResource, Fn, Op, ref, TerraformOutput, TerraformStack, Token } from '../framework';
import { Construct } from 'constructs';
import { Problem, problemAt, throwIfNotProps, throwIfProblems } from '../errors';
import { recordLibraryToken } from '../checks/library-tokens';
import { RenderedPolicy } from '../policy/render';
import { CloudflareToken, CloudflareTokenProps, ExportValueOptions } from '../token/cloudflare-token';
import {
  addGeneration,
  generationExpiry,
  instantAfter,
  planPeriodIndex,
  recordRotationStart,
  replaceWithGeneration,
  resourceAddress,
  rotationProblems,
  TokenRotation,
} from '../token/rotation';
import { defaultOutputName, exportSensitiveValue } from '../token/export-value';

export interface OverlappingTokenProps extends Omit<CloudflareTokenProps, 'expiresOn' | 'rotation'> {
  /**
   * How often a new current token appears (`everyDays`) and how long each token outlives its
   * own slot's next generation (`graceDays`, shorter than `everyDays`). Each slot's token
   * lives at most `2 × everyDays + graceDays` days.
   */
  readonly rotation: TokenRotation;
}

/**
 * Two rotating tokens with the same policies on schedules offset by one period, for
 * consumers that cannot switch to a new value in the same apply that creates it (a fleet
 * that reads the secret at its own pace, a third party updated by hand).
 *
 * With N = everyDays, G = graceDays, and day 0 the first deploy: period k runs from day kN.
 * Slot a starts a generation at every even k, slot b at every odd k (its first generation,
 * k = -1, is created at the first deploy), so every N days one slot gets a new token while the
 * other keeps its own. `value` is the slot with the newer generation, chosen by Terraform.
 *
 * ```
 * day      0         N         2N        3N        4N
 * slot a   a0 ---------------- a2 ---------------- a4
 * slot b   b-1 ----- b1 ---------------- b3 ------
 * value    a0        b1        a2        b3        a4
 * ```
 *
 * Generation g's token is created at the first deploy on or after day gN and expires on
 * day (g + 2)N + G. What test/terraform/overlapping-token.test.ts shows, over five and more
 * generations with daily, weekly and late deploys:
 * - at every deploy the current value has more than N + G days left;
 * - a superseded value is deleted at the first deploy on or after day (g + 2)N, its
 *   successor's generation start plus N; until then both are valid;
 * - the two slots are replaced in the same apply only when nobody deployed for more than N days.
 *
 * Needs Terraform ≥ 1.5 (`plantimestamp()`) and no provider besides `terraform_data`.
 */
export class OverlappingToken extends Construct {
  /** The two slots: `slots[0]` (a) and `slots[1]` (b). Usually you want {@link value}. */
  public readonly slots: readonly [CloudflareToken, CloudflareToken];
  /** Each slot's generation record (`terraform_data`); a change replaces that slot's token. */
  public readonly generations: readonly [DataResource, DataResource];
  /** The first deploy's plan time, which the slots' grid hangs from (`terraform_data`). */
  public readonly start: DataResource;
  /** The rotation option as given. */
  public readonly rotation: TokenRotation;
  /** The validated, canonical policies (the same for both slots). */
  public readonly policies: readonly RenderedPolicy[];
  /** One line per policy (the same for both slots). Never holds the value. */
  public readonly summary: readonly string[];

  constructor(scope: Construct, id: string, props: OverlappingTokenProps) {
    super(scope, id);
    throwIfNotProps(this.node.path, props, 'policies, rotation: { everyDays, graceDays }');
    const problems: Problem[] = rotationProblems('rotation', props.rotation);
    const untyped = props as CloudflareTokenProps;
    if (untyped.expiresOn !== undefined) {
      problems.push(
        problemAt('expiresOn', untyped.expiresOn, {
          message: 'is set on an overlapping token',
          expected: 'no expiresOn: each slot expires at its own rotation plus graceDays',
          fix: 'remove expiresOn, or use a CloudflareToken for a fixed expiry',
        }),
      );
    }
    throwIfProblems(this.node.path, problems);

    const { everyDays, graceDays } = props.rotation;
    this.rotation = { everyDays, graceDays };
    const { rotation: _rotation, name, ...tokenProps } = props;

    // Both slots hang from one grid fixed at the first deploy, whatever the lateness of later
    // deploys: each slot's generation number, and with it its token's expiry, changes exactly
    // when its own generation starts, never when the other slot's does.
    const start = recordRotationStart(this, 'start');
    this.start = start.resource;
    const k = planPeriodIndex(this, start, everyDays);
    const generationOf = { a: `2 * floor(${k} / 2)`, b: `2 * floor((${k} + 1) / 2) - 1` };

    const slot = (slotId: 'a' | 'b') => {
      const generation = addGeneration(this, `slot-${slotId}-generation`, {
        everyDays,
        graceDays,
        slot: slotId,
        generation: generationOf[slotId],
        expiresOn: instantAfter(start, `(${generationOf[slotId]} + 2) * ${everyDays * 24} + ${graceDays * 24}`),
      });
      const token = new CloudflareToken(this, slotId, {
        ...tokenProps,
        name: name === undefined ? undefined : `${name} (${slotId})`,
        expiresOn: generationExpiry(generation),
      });
      replaceWithGeneration(token.resource, generation, { everyDays, graceDays, maxValidityDays: 2 * everyDays + graceDays, slot: slotId });
      // Each slot's token lives its slot period (2 x everyDays) plus the grace period.
      recordLibraryToken(token.resource, { rotationValidityDays: 2 * everyDays + graceDays, rotationExpiresOn: token.expiresOn });
      return { token, generation };
    };
    const a = slot('a');
    const b = slot('b');
    this.slots = [a.token, b.token];
    this.generations = [a.generation, b.generation];
    this.policies = this.slots[0].policies;
    this.summary = this.slots[0].summary;
  }

  /**
   * The current token's value: the slot with the newer generation, chosen by Terraform.
   * Sensitive, like each slot's value.
   */
  public get value(): string {
    return this.pick(this.slots[0].value, this.slots[1].value);
  }

  /** The current token's id (not secret). */
  public get tokenId(): string {
    return this.pick(this.slots[0].tokenId, this.slots[1].tokenId);
  }

  /**
   * Exports the current value as a sensitive output named exactly `name` (default: the
   * construct id); see {@link CloudflareToken.exportValue}.
   */
  public exportValue(name: string = defaultOutputName(this), options: ExportValueOptions = {}): TerraformOutput {
    return exportSensitiveValue(this, name, this.value, options.description ?? `Current Cloudflare API token of ${this.node.path} (sensitive)`);
  }

  private pick(a: string, b: string): string {
    const stack = TerraformStack.of(this);
    const [generationA, generationB] = this.generations.map((g) => ref(`${resourceAddress(g)}.input.generation`, stack));
    // The generations are never equal: slot a's are even, slot b's odd.
    return Token.asString(Fn.conditional(Op.gt(generationA, generationB), a, b));
  }
}
