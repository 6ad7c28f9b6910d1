/**
 * One thing wrong with one input, before we know which construct it belongs to.
 *
 * Validators are pure functions that return problems instead of throwing, so that the
 * construct that owns the input can report all of them at once, each with its own path.
 */
export interface Problem {
  /** Where in the props the value sits, e.g. `policies[0].resources[1]`. */
  readonly field: string;
  /** What is wrong, e.g. `is a zone name, not a zone id`. */
  readonly message: string;
  /** The value received, as given (never a token value: only user-supplied configuration). */
  readonly received: unknown;
  /** What a valid value looks like. */
  readonly expected: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders a received value for a message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON would print NaN and Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function formatProblem(problem: Problem): string {
  return (
    `${problem.field} ${problem.message}: received ${describeValue(problem.received)}; ` +
    `expected ${problem.expected}. Fix: ${problem.fix}`
  );
}

/**
 * Thrown when a construct is given invalid configuration. The message names the construct
 * path, and every problem found, each with the value received, what was expected and the fix.
 */
export class TokenConfigError extends Error {
  declare public readonly constructPath: string;
  declare public readonly problems: readonly Problem[];

  constructor(constructPath: string, problems: readonly Problem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    const count = problems.length === 1 ? 'an invalid value' : `${problems.length} invalid values`;
    super(`[${constructPath}] ${count}:\n${lines.join('\n')}`);
    this.name = 'TokenConfigError';
    // Not enumerable, so that Node's report of an uncaught error (what `cdktf synth` shows)
    // prints the message once instead of dumping these fields after it.
    Object.defineProperty(this, 'constructPath', { value: constructPath, enumerable: false });
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
    this.stack = withoutLibraryFrames(this.stack);
  }
}

/**
 * The stack without the frames inside this library: what remains starts at the caller's line
 * that made the construct, and points into no file of ours (shipped or not).
 */
export function withoutLibraryFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  const libraryDir = `${__dirname.replace(/[\\/]+$/, '')}`;
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return stack;
  const frames = lines.slice(firstFrame).filter((line) => !isLibraryFrame(line, libraryDir) && !/\(node:|at node:|[\\/]node_modules[\\/]|\(<anonymous>\)$/.test(line));
  return [...lines.slice(0, firstFrame), ...frames].join('\n');
}

function isLibraryFrame(line: string, libraryDir: string): boolean {
  return line.includes(`${libraryDir}/`) || line.includes(`${libraryDir}\\`);
}

/** Throws a {@link TokenConfigError} for `constructPath` when there is any problem. */
export function throwIfProblems(constructPath: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new TokenConfigError(constructPath, problems);
}

/** What a validator says about a bad value; the caller knows the field and the value. */
export interface Invalid {
  readonly message: string;
  readonly expected: string;
  readonly fix: string;
}

export function problemAt(field: string, received: unknown, invalid: Invalid): Problem {
  return { field, received, ...invalid };
}

/**
 * Throws a {@link TokenConfigError} when `props` is not an object: what plain-JavaScript
 * callers get instead of a bare TypeError on the first property read.
 */
export function throwIfNotProps(constructPath: string, props: unknown, example: string): void {
  if (props !== null && typeof props === 'object' && !Array.isArray(props)) return;
  throwIfProblems(constructPath, [problemAt('props', props, { message: 'is not an object of options', expected: `{ ${example} }`, fix: 'pass the options object as the third argument' })]);
}

/** Problems with a list option: not an array, or with holes (`[a, , b]`), each at `field[i]`. */
export function listProblems(field: string, list: unknown, example: string): Problem[] {
  if (!Array.isArray(list)) {
    return [problemAt(field, list, { message: 'is not a list', expected: `an array, e.g. ${example}`, fix: `pass ${example}` })];
  }
  const problems: Problem[] = [];
  for (let i = 0; i < list.length; i++) if (!(i in list)) problems.push(holeProblem(`${field}[${i}]`));
  return problems;
}

/** The problem of a hole in an array (`[a, , b]`): JavaScript's forEach and map skip it silently. */
export function holeProblem(field: string): Problem {
  return problemAt(field, undefined, { message: 'is a hole in the array (an extra comma)', expected: 'an entry at every index', fix: 'remove the extra comma' });
}
