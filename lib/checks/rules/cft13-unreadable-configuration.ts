import { fromFindings, Rule } from '../rule';

/**
 * Fail closed: whatever part of a token the checks cannot read at synth (an expression, an
 * override in a shape the provider does not take) is a finding of its own that names the part
 * and the checks it escaped, so that silence always means "read and clean".
 */
export const CFT13: Rule = {
  id: 'CFT13',
  level: 'warning',
  name: 'Not checkable at synth',
  explanation:
    "Part of the token (its permissions, resources, client-IP condition or expiry) is a Terraform expression or an override the checks cannot read, so the rules named in the finding did not check it. Unread is not clean: the part may grant anything Terraform computes at plan. Resources, modules and provisioners the checks cannot see into get this finding too.",
  fix: 'Write the part as a literal (the library constructs do: Policy.allow(...), allowedIps, expiresOn or rotation), or review the expression by hand and suppress with what it evaluates to as the reason.',
  check(token) {
    return fromFindings(token.unreadable);
  },
};
