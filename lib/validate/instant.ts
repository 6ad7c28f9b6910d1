import { normaliseLiteralInstant } from './instant-literal';
import type { InstantResult } from './instant-literal';
import { referenceCheck } from './terraform-string';

export type { InstantResult } from './instant-literal';

/**
 * Validates an absolute RFC 3339 instant and normalises it to `YYYY-MM-DDTHH:MM:SSZ` (UTC,
 * whole seconds, the form Cloudflare returns), so that the plan shows no spurious diff.
 * Pure arithmetic: never reads the clock.
 */
export function normaliseInstant(value: unknown): InstantResult {
  const reference = referenceCheck(value, 'the instant', 'RFC 3339 instant');
  if (reference === 'reference') return { instant: value as string, epochMs: undefined };
  if (reference !== undefined) return { invalid: reference };
  return normaliseLiteralInstant(value);
}
