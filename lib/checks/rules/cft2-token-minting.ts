import { Rule } from '../rule';
import { checkGrantedIds, groupsNamed } from './helpers';

/** Groups that create or edit API tokens. */
export const TOKEN_MINTING_GROUP_NAMES = ['API Tokens Write', 'Account API Tokens Write'] as const;
const MINTING = new Map(groupsNamed(TOKEN_MINTING_GROUP_NAMES).map((g) => [g.id, g.name]));

export const CFT2: Rule = {
  id: 'CFT2',
  level: 'error',
  name: 'Token-minting permissions',
  explanation: `The token may create or edit API tokens (${TOKEN_MINTING_GROUP_NAMES.join(', ')}). A token that can mint tokens can mint one wider than itself: a privilege escalation.`,
  fix: 'Drop the permission. Only the credential that runs `cdktf deploy` for this library needs it, and that credential is not created here.',
  check(token) {
    return checkGrantedIds(token, (id, index) => {
      const name = MINTING.get(id);
      return name ? { finding: name, message: `policies[${index}] grants ${name}, which can create tokens wider than this one` } : undefined;
    });
  },
};
