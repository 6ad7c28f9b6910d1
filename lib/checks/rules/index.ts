import { Rule, RuleInfo } from '../rule';
import { CFT1 } from './cft1-wildcard-resources';
import { CFT10 } from './cft10-literal-provider-credential';
import { CFT11 } from './cft11-production-local-state';
import { CFT12 } from './cft12-account-token-single-zone';
import { CFT13 } from './cft13-unreadable-configuration';
import { CFT2 } from './cft2-token-minting';
import { CFT3 } from './cft3-expiry';
import { CFT4 } from './cft4-no-ip-restriction';
import { CFT5 } from './cft5-high-risk-groups';
import { CFT6 } from './cft6-write-with-read';
import { CFT7 } from './cft7-allow-and-deny';
import { CFT8 } from './cft8-uncatalogued-permission';
import { CFT9 } from './cft9-token-value-in-plain-output';

/** Every rule the checks run, in id order. */
export const RULES: readonly Rule[] = Object.freeze([CFT1, CFT2, CFT3, CFT4, CFT5, CFT6, CFT7, CFT8, CFT9, CFT10, CFT11, CFT12, CFT13]);

/**
 * Not a check: the finding recorded when a rule throws, so that one broken rule neither
 * crashes synth nor passes silently. Its specific finding is the id of the rule that threw.
 */
export const CFT0: RuleInfo = Object.freeze({
  id: 'CFT0',
  level: 'error',
  name: 'Rule failed',
  explanation: 'A rule threw while checking the token, so the token was not checked by it. The finding names the rule and its error.',
  fix: 'Report the error with the token configuration; to unblock, suppress CFT0 with appliesTo set to the failing rule id and a reason.',
});

/** Every rule id a suppression may name. */
export const ALL_RULE_INFO: readonly RuleInfo[] = Object.freeze([CFT0, ...RULES]);
