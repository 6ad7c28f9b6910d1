import { fromFindings, NOT_APPLICABLE, Rule } from '../rule';
import { familiesFullyCovered } from './ip-coverage';

export const CFT4: Rule = {
  id: 'CFT4',
  level: 'warning',
  strictOnly: true,
  name: 'No client-IP restriction',
  explanation:
    'Strict mode only. The token can be used from any address: no condition.request_ip.in, or an allow list that covers every IPv4 or every IPv6 address (0.0.0.0/0, ::/0, or ranges that add up to it). A deny list alone still admits the whole Internet. A leaked token is then usable by anyone, anywhere.',
  fix: 'Set allowedIps to the addresses or CIDRs the token is used from (CI runners, office egress).',
  check(token) {
    // A list the checks cannot read is a CFT13 finding, never "any client IP".
    if (token.allowedIps === undefined) return NOT_APPLICABLE;
    if (token.allowedIps.length > 0) {
      const covered = familiesFullyCovered(token.allowedIps);
      if (covered.length === 0) return fromFindings([]);
      return fromFindings([
        {
          finding: 'allowed-ips-cover-everything',
          message: `the allow list (${token.allowedIps.join(', ')}) covers every ${covered.join(' and every ')} address, so it restricts nothing there`,
        },
      ]);
    }
    return fromFindings([
      {
        finding: 'no-allowed-ips',
        message: (token.deniedIps ?? []).length > 0 ? 'the token has only a deny list of client IPs, so every other address may use it' : 'the token may be used from any client IP',
      },
    ]);
  },
};
