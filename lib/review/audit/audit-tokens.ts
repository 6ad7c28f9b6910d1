import { RuleFinding, RuleInfo, RuleResult } from '../../checks/rule';
import { CFT0, RULES } from '../../checks/rules';
import type { StackFacts } from '../../checks/stack-facts';
import type { TokenFacts } from '../../checks/token-facts';
import { describeIpCondition } from '../diff-ip-conditions';
import { grantedPermission, describePermission } from '../permission-names';
import { describeTarget, parseResourceKeys } from '../resource-keys';
import { ListedToken } from './listed-tokens';
import { listedTokenFacts } from './listed-token-facts';

/**
 * Rules that read the Terraform stack around a token (its outputs, provider block, backend):
 * a listed token has no stack, so the audit does not run them and says so.
 */
export const STACK_RULES: readonly string[] = ['CFT9', 'CFT10', 'CFT11'];

/**
 * Rules the audit does not run: the stack rules, and the advice rule CFT12 (a deploy-time hint
 * about creating account tokens, not a risk of a token that exists).
 */
export const RULES_NOT_RUN: readonly { readonly rule: string; readonly why: string }[] = [
  ...STACK_RULES.map((rule) => ({ rule, why: 'reads the Terraform stack (outputs, provider, backend), which a listed token does not have; checked at synth' })),
  { rule: 'CFT12', why: 'advice about creating account tokens, not a risk of an existing one' },
];

/** The longest validity window the audit accepts (CFT3), as the synth checks' default. */
export const AUDIT_MAX_VALIDITY_DAYS = 365;

/** One finding on a listed token: the synth checks' rule id, level and finding id. */
export interface AuditFinding {
  readonly rule: string;
  readonly level: 'warning' | 'error';
  readonly finding: string;
  readonly message: string;
}

/** One listed token in the audit: what it grants, where, from where, until when, and its findings. */
export interface AuditedToken {
  readonly id: string;
  readonly name?: string;
  /** `user`, or `account <id>`. */
  readonly owner: string;
  readonly status?: string;
  readonly policies: readonly { readonly effect: string; readonly permissions: readonly string[]; readonly resources: readonly string[] }[];
  readonly ipCondition: string;
  readonly notBefore?: string;
  readonly expiresOn?: string;
  readonly issuedOn?: string;
  readonly lastUsedOn?: string;
  readonly findings: readonly AuditFinding[];
}

export interface AuditReport {
  readonly tokens: readonly AuditedToken[];
  /** Rules run on every token (the synth checks' rules, all levels, CFT4 included). */
  readonly rulesRun: readonly string[];
  readonly rulesNotRun: typeof RULES_NOT_RUN;
  /** Whether any finding is at the error level (`--fail-on-findings` exits 1 then). */
  readonly hasErrors: boolean;
}

// A listed token has no stack: a rule reaching for one is a bug, reported as CFT0 like any rule that throws.
const NO_STACK = (): StackFacts => {
  throw new Error('a listed token has no Terraform stack');
};

/** Runs the synth checks' rules (not the stack or advice rules) on the facts of one listed token. */
export function checkListedToken(facts: TokenFacts): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const notRun = new Set(RULES_NOT_RUN.map((r) => r.rule));
  for (const rule of RULES) {
    if (notRun.has(rule.id)) continue;
    let result: RuleResult;
    try {
      result = rule.check(facts, { stack: NO_STACK, maxValidityDays: AUDIT_MAX_VALIDITY_DAYS });
    } catch (error) {
      result = { status: 'nonCompliant', findings: [{ finding: rule.id, message: `${rule.id} failed: ${error instanceof Error ? error.message : String(error)}` }] };
      findings.push(...asFindings(CFT0, result.findings));
      continue;
    }
    if (result.status === 'nonCompliant') findings.push(...asFindings(rule, result.findings));
  }
  return findings;
}

function asFindings(rule: RuleInfo, found: readonly RuleFinding[]): AuditFinding[] {
  return found.map((f) => ({ rule: rule.id, level: rule.level, finding: f.finding, message: f.message }));
}

/** The audit of listed tokens, in the order listed. */
export function auditTokens(tokens: readonly ListedToken[]): AuditReport {
  const audited = tokens.map(auditToken);
  return {
    tokens: audited,
    rulesRun: RULES.map((r) => r.id).filter((id) => !RULES_NOT_RUN.some((n) => n.rule === id)),
    rulesNotRun: RULES_NOT_RUN,
    hasErrors: audited.some((t) => t.findings.some((f) => f.level === 'error')),
  };
}

function auditToken(token: ListedToken): AuditedToken {
  const facts = listedTokenFacts(token);
  return {
    id: token.id,
    name: token.name,
    owner: token.owner.kind === 'user' ? 'user' : `account ${token.owner.accountId}`,
    status: token.status,
    policies: (facts.policies ?? []).map((p, i) => {
      const raw = (token.raw.policies as unknown[])[i] as Record<string, unknown>;
      const resources = raw !== null && typeof raw === 'object' && raw.resources !== null && typeof raw.resources === 'object' && !Array.isArray(raw.resources) ? parseResourceKeys(raw.resources as Record<string, unknown>).map(describeTarget) : [p.resourcesText];
      return { effect: p.effect, permissions: p.permissionGroupIds.map((id) => permissionWords(id, token.apiGroupNames[id])), resources };
    }),
    ipCondition: facts.allowedIps === undefined || facts.deniedIps === undefined ? 'unreadable (see CFT13)' : describeIpCondition({ allowedIps: facts.allowedIps.length > 0 ? facts.allowedIps : undefined, deniedIps: facts.deniedIps }),
    notBefore: token.notBefore,
    expiresOn: token.expiresOn,
    issuedOn: token.issuedOn,
    lastUsedOn: token.lastUsedOn,
    findings: checkListedToken(facts),
  };
}

/** A permission by its catalog name; an id the catalog lacks as the id, with the name the API gave. */
function permissionWords(id: string, apiName: string | undefined): string {
  const granted = grantedPermission(id);
  if (granted.name !== undefined) return granted.name;
  return apiName === undefined ? describePermission(granted) : `${describePermission(granted)} ("${apiName}" per the API)`;
}

