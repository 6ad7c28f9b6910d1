/** Which way a change moves what a token can do. `other`: a change this tool cannot rank. */
export type ChangeDirection = 'wider' | 'narrower' | 'other';

/** The part of a token a change is about. */
export type ChangeAspect = 'permissions' | 'denials' | 'owner' | 'ipCondition' | 'expiry' | 'notBefore' | 'rotation' | 'status' | 'name' | 'delivery' | 'unmodelled';

/** One change to one token, in words. */
export interface TokenChange {
  readonly direction: ChangeDirection;
  readonly aspect: ChangeAspect;
  readonly description: string;
}

/** At most `max` items then "and N more", so a PR comment stays readable. */
export function listWords(items: readonly string[], max = 6): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
