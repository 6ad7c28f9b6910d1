import { ReviewedOwner, ReviewedToken } from './model';

/** The construct path, or the address for tokens cdktf recorded no path for. */
export function tokenPath(token: ReviewedToken): string {
  return token.constructPath ?? token.address;
}

/** `user`, or `account <id>`. */
export function describeOwner(owner: ReviewedOwner): string {
  return owner.kind === 'user' ? 'user' : `account ${owner.accountId}`;
}
