import { memoiseByString } from '../../private/memoise';
import { normaliseLiteralInstant as normaliseInstant } from '../../validate/instant-literal';
import { fromFindings, NOT_APPLICABLE, Rule } from '../rule';
import { isExpression } from '../resource-targets';

const DAY_MS = 86_400_000;

// Tokens of one app share their instants: parse each distinct one once.
const epochOf = memoiseByString((value: unknown): number | undefined => {
  const result = normaliseInstant(String(value));
  return 'epochMs' in result ? result.epochMs : undefined;
});

export const CFT3: Rule = {
  id: 'CFT3',
  level: 'warning',
  name: 'Expiry',
  // Printed after every finding: it says why, the finding says which case applies (RULES.md has the rest).
  explanation: 'A leaked token stays useful to whoever holds it for as long as it is valid.',
  fix: 'Rotate the token (rotation: { everyDays, graceDays } with everyDays + graceDays at most maxValidityDays), or set notBefore and expiresOn at most maxValidityDays apart.',
  check(token, context) {
    const expiresOn = token.expiresOn;
    if (expiresOn === undefined) return fromFindings([{ finding: 'no-expiry', message: 'the token has no expires_on, so it is valid until revoked' }]);
    if (token.rotationValidityDays !== undefined) {
      if (token.rotationValidityDays <= context.maxValidityDays) return fromFindings([]);
      return fromFindings([
        {
          finding: 'rotation-over-max',
          message: `each token of the rotation stays valid up to ${token.rotationValidityDays} days (rotation period plus grace), more than the maximum of ${context.maxValidityDays}`,
        },
      ]);
    }
    // An expression here is reported by CFT13, which says what could not be measured.
    if (isExpression(expiresOn)) return NOT_APPLICABLE;
    const end = epochOf(expiresOn);
    const start = token.notBefore === undefined || isExpression(token.notBefore) ? undefined : epochOf(token.notBefore);
    if (end === undefined || start === undefined) return fromFindings([]);
    const days = (end - start) / DAY_MS;
    if (days > context.maxValidityDays) {
      return fromFindings([
        {
          finding: 'validity-over-max',
          message: `the token is valid for ${Math.round(days * 100) / 100} days (${token.notBefore} to ${expiresOn}), more than the maximum of ${context.maxValidityDays}`,
        },
      ]);
    }
    return fromFindings([]);
  },
};
