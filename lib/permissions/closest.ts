/** Levenshtein distance, case-insensitive: small inputs only (names of a few dozen chars). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The `count` candidates closest to `input`, nearest first (ties by name). Dashboard wording
 * ("Edit") is mapped to API wording ("Write") first, since that is the commonest mistake.
 */
export function closestMatches(input: string, candidates: readonly string[], count: number): string[] {
  const normalised = input.replace(/\bEdit\b/gi, 'Write');
  return candidates
    .map((name) => ({ name, d: Math.min(distance(input, name), distance(normalised, name)) }))
    .filter(({ name, d }) => d <= Math.max(3, Math.floor(name.length / 2)))
    .sort((p, q) => p.d - q.d || (p.name < q.name ? -1 : p.name > q.name ? 1 : 0))
    .slice(0, count)
    .map(({ name }) => name);
}
