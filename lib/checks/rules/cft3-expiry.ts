import { normaliseInstant } from '../../validate/instant';
import { fromFindings, Rule } from '../rule';
import { isExpression } from '../token-facts';

const DAY_MS = 86_400_000;

function epochOf(value: string): number | undefined {
  const result = normaliseInstant(value);
  return 'epochMs' in result ? result.epochMs : undefined;
}

export const CFT3: Rule = {
  id: 'CFT3',
  level: 'warning',
  name: 'Expiry',
  explanation:
    'The token never expires, or its validity window (not_before to expires_on) is longer than the maximum (default 365 days), or the window cannot be measured because expires_on is a fixed date and not_before is unset (synth never reads the clock). A leaked token that never expires stays useful to whoever holds it. Rotation counts as expiry: an expires_on written as a Terraform expression (such as timeadd over a time_rotating) is accepted, since its length is only known at plan.',
  fix: 'Rotate the token (expires_on computed by Terraform from a time_rotating), or set notBefore and expiresOn at most maxValidityDays apart.',
  check(token, context) {
    const expiresOn = token.expiresOn;
    if (expiresOn === undefined) return fromFindings([{ finding: 'no-expiry', message: 'the token has no expires_on, so it is valid until revoked' }]);
    if (isExpression(expiresOn)) return fromFindings([]);
    const end = epochOf(expiresOn);
    const start = token.notBefore === undefined || isExpression(token.notBefore) ? undefined : epochOf(token.notBefore);
    if (end === undefined || start === undefined) {
      return fromFindings([
        {
          finding: 'validity-not-measurable',
          message: `expires_on is ${expiresOn} but not_before is ${token.notBefore === undefined ? 'unset' : token.notBefore}, so the validity window cannot be measured at synth`,
        },
      ]);
    }
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
