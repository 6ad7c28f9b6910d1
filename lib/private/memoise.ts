/**
 * Wraps a pure function of one string so that repeated inputs are answered from a cache.
 * An app usually gives many tokens the same IP list and expiry, and validating them again
 * for every token was a measurable part of synth (bench/RESULTS.md). Only for functions
 * whose result depends on nothing but the argument, and whose results nobody mutates.
 * The cache is dropped when it reaches `limit` entries, so odd inputs cannot grow it without bound.
 */
export function memoiseByString<R>(fn: (value: unknown) => R, limit = 1000): (value: unknown) => R {
  const cache = new Map<string, R>();
  return (value: unknown): R => {
    if (typeof value !== 'string') return fn(value);
    const cached = cache.get(value);
    if (cached !== undefined) return cached;
    const result = fn(value);
    if (cache.size >= limit) cache.clear();
    cache.set(value, result);
    return result;
  };
}
