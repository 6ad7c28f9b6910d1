import { Problem, problemAt } from '../../errors';
import { TokenOwner } from '../../token/owner';
import { checkId } from '../../validate/ids';
import { Token } from '../../framework';

/** The owning account of an account-owned token, when it is a valid literal id. */
function ownerAccount(owner: unknown): string | undefined {
  if (!(owner instanceof TokenOwner) || owner.accountId === undefined) return undefined;
  return checkId('account', owner.accountId) === undefined ? owner.accountId : undefined;
}

/**
 * Checks that `accountId`, given at the preset prop `field`, is the account that owns the
 * token when the token is account-owned, so that the error names the prop the user wrote
 * instead of the policy the preset derived from it.
 */
export function checkOwnedBy(field: string, accountId: string, owner: unknown, problems: Problem[], fix?: string): boolean {
  const owning = ownerAccount(owner);
  if (owning === undefined || accountId === owning || Token.isUnresolved(accountId) || Token.isUnresolved(owning)) return true;
  problems.push(
    problemAt(field, accountId, {
      message: `is not the account that owns the token (owner: TokenOwner.account('${owning}'))`,
      expected: `the owning account ${owning}`,
      fix: fix ?? `name the owning account's resources only, or create the token in account ${accountId} (owner: TokenOwner.account('${accountId}'))`,
    }),
  );
  return false;
}

/**
 * The account a Workers or Pages preset acts on. An account-owned token acts on its owner's
 * account, so `accountId` may be left out (given, it must be the same account); a user-owned
 * token needs it.
 */
export function presetAccountId(accountId: unknown, owner: unknown, problems: Problem[], what: string): string | undefined {
  if (accountId === undefined) {
    if (owner instanceof TokenOwner && owner.accountId !== undefined) {
      if (Token.isUnresolved(owner.accountId)) return owner.accountId;
      const owning = ownerAccount(owner);
      if (owning === undefined) problems.push(...owner.problems('owner'));
      return owning;
    }
    problems.push(
      problemAt('accountId', accountId, {
        message: 'is missing',
        expected: `the account ${what} (32 hex), or an account-owned token`,
        fix: "pass accountId: '<account id>', or make the token account-owned (owner: TokenOwner.account('<account id>')), which then needs no accountId",
      }),
    );
    return undefined;
  }
  const invalid = checkId('account', accountId);
  if (invalid) {
    problems.push(problemAt('accountId', accountId, invalid));
    return undefined;
  }
  const id = accountId as string;
  const fix = "leave accountId out: an account-owned token acts on its owner's account (or make the owner the account named here)";
  if (!checkOwnedBy('accountId', id, owner, problems, fix)) return undefined;
  return id;
}
