import { Aspects, IAspect } from '../framework';
import { IConstruct } from 'constructs';

/**
 * Runs the Aspects of `root` and its ancestors on `root` and everything under it, as
 * `cdktf synth` does before writing a stack, without synthesizing. Each aspect visits each
 * construct once per call; the least-privilege checks are idempotent across calls.
 */
export function runAspects(root: IConstruct): void {
  const inherited = root.node.scopes.slice(0, -1).flatMap((s) => Aspects.of(s).all);
  visit(root, inherited);
}

function visit(construct: IConstruct, inherited: readonly IAspect[]): void {
  const here = [...inherited, ...Aspects.of(construct).all];
  for (const aspect of here) aspect.visit(construct);
  for (const child of construct.node.children) visit(child, here);
}
