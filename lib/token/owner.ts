import { Problem, problemAt } from '../errors';
import { OwnerContext } from '../resources/resource';
import { checkId } from '../validate/ids';

/**
 * Who owns a token. User-owned tokens (`cloudflare_api_token`) die with the user's
 * membership; account-owned tokens (`cloudflare_account_token`) belong to the account, and
 * are what Cloudflare recommends for CI/CD.
 */
export class TokenOwner {
  /** Owned by the user whose credentials run `cdktf deploy` (needs "API Tokens Write"). */
  public static user(): TokenOwner {
    return new TokenOwner({ kind: 'user' });
  }

  /**
   * Owned by the account (needs "Account API Tokens Write" on it). Changing the account
   * replaces the token.
   */
  public static account(accountId: string): TokenOwner {
    return new TokenOwner({ kind: 'account', accountId });
  }

  private constructor(public readonly context: OwnerContext) {}

  public get kind(): OwnerContext['kind'] {
    return this.context.kind;
  }

  /** The owning account's id, for account-owned tokens. */
  public get accountId(): string | undefined {
    return this.context.kind === 'account' ? this.context.accountId : undefined;
  }

  public problems(field: string): Problem[] {
    if (this.context.kind === 'user') return [];
    const invalid = checkId('account', this.context.accountId);
    return invalid ? [problemAt(`${field}.accountId`, this.context.accountId, invalid)] : [];
  }
}
