import { Rule } from '../rule';
import { checkGrantedIds, groupsNamed } from './helpers';

/**
 * Groups that can change billing, create or delete zones, or manage the account, its members
 * or the user itself. Token minting has its own rule (CFT2).
 */
export const HIGH_RISK_GROUP_NAMES = ['Billing Write', 'Zone Write', 'Account Settings Write', 'Memberships Write', 'User Details Write'] as const;
const HIGH_RISK = new Map(groupsNamed(HIGH_RISK_GROUP_NAMES).map((g) => [g.id, g.name]));

export const CFT5: Rule = {
  id: 'CFT5',
  level: 'error',
  name: 'High-risk permission groups',
  explanation: `The token holds a group that can change billing, create or delete zones, or manage the account, its members or the user: ${HIGH_RISK_GROUP_NAMES.join(', ')}. A leak of such a token costs money, zones or the account itself.`,
  fix: 'Grant the narrow group the job needs (e.g. Zone Settings Write or DNS Write rather than Zone Write); keep account administration with people, not tokens.',
  check(token) {
    return checkGrantedIds(token, (id, index) => {
      const name = HIGH_RISK.get(id);
      return name ? { finding: name, message: `policies[${index}] grants ${name}` } : undefined;
    });
  },
};
