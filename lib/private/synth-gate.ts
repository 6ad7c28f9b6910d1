import { TerraformStack } from '../framework';
import { IConstruct } from 'constructs';
import { withoutLibraryFrames } from '../errors';

/**
 * Fails synth with the messages of the checks registered here, compactly, instead of through
 * cdktf's own validation report. cdktf wraps every message a validation returns in
 * "Validation failed with the following errors" plus a stack trace into its sources and the
 * advice to pass `skipValidation: true`, which would switch off every check (cdktf
 * lib/errors.js `stackValidationFailure`, `appValidationFailure`). So the checks of one stack
 * are run by a single validation on the stack, which cdktf runs before those of the
 * constructs inside it (and after the Aspects, so the least-privilege findings are there),
 * and which throws one {@link SynthCheckError} listing every message.
 */
export class SynthCheckError extends Error {
  constructor(scopePath: string, messages: readonly string[]) {
    // Synth runs deep inside cdktf: capture enough frames to reach the app's own.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    super(`[${scopePath}] synth checks failed:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
    Error.stackTraceLimit = limit;
    this.name = 'SynthCheckError';
    // The messages name the constructs; of the stack, only the app's own frames (its
    // `app.synth()` line) are kept: frames inside cdktf and this library would bury them.
    this.stack = withoutLibraryFrames(this.stack);
  }
}

type Check = () => readonly string[];

const checksByStack = new WeakMap<TerraformStack, { readonly path: string; readonly check: Check }[]>();

/**
 * Registers `check` (a validation returning error messages about `node`) on the stack of
 * `node`; each message is reported as `[<node path>] <message>`. Outside a stack (on the App)
 * it stays a plain cdktf validation: cdktf runs App validations itself after every stack.
 */
export function addSynthCheck(node: IConstruct, check: Check): void {
  const stack = node.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
  if (stack === undefined) {
    node.node.addValidation({ validate: () => [...check()] });
    return;
  }
  let checks = checksByStack.get(stack);
  if (checks === undefined) {
    const registered: { readonly path: string; readonly check: Check }[] = [];
    checks = registered;
    checksByStack.set(stack, registered);
    stack.node.addValidation({
      validate: () => {
        const messages = registered.flatMap(({ path, check: run }) => run().map((m) => `[${path}] ${m}`));
        if (messages.length > 0) throw new SynthCheckError(stack.node.path, messages);
        return [];
      },
    });
  }
  checks.push({ path: node.node.path, check });
}
