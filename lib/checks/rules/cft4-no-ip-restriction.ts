import { fromFindings, Rule } from '../rule';

export const CFT4: Rule = {
  id: 'CFT4',
  level: 'warning',
  strictOnly: true,
  name: 'No client-IP restriction',
  explanation:
    'Strict mode only. The token can be used from any address (no condition.request_ip.in; a deny list alone still admits the whole Internet). A leaked token is then usable by anyone, anywhere.',
  fix: 'Set allowedIps to the addresses or CIDRs the token is used from (CI runners, office egress).',
  check(token) {
    if (token.allowedIps.length > 0) return fromFindings([]);
    return fromFindings([
      {
        finding: 'no-allowed-ips',
        message: token.deniedIps.length > 0 ? 'the token has only a deny list of client IPs, so every other address may use it' : 'the token may be used from any client IP',
      },
    ]);
  },
};
