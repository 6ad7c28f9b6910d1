import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { TokenConfigError } from '../lib';

/** A stack with a Cloudflare provider (validations need one), under a fresh app. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new CloudflareProvider(stack, 'cloudflare', {});
  return stack;
}

/** One synthesized token resource, as Terraform sees it. */
export interface SynthToken {
  readonly type: 'cloudflare_api_token' | 'cloudflare_account_token';
  readonly address: string;
  readonly name: string;
  readonly accountId?: string;
  readonly allowedIps?: readonly string[];
  readonly expiresOn?: string;
  readonly policies: readonly SynthPolicy[];
}

export interface SynthPolicy {
  readonly effect: string;
  /** Permission-group ids, in synthesized order. */
  readonly ids: readonly string[];
  /** The `resources` attribute, parsed. */
  readonly resources: Record<string, unknown>;
}

/** Every token resource of a synthesized stack (JSON from `Testing.synth`). */
export function tokensOf(synthesized: string): SynthToken[] {
  const json = JSON.parse(synthesized) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const out: SynthToken[] = [];
  for (const type of ['cloudflare_api_token', 'cloudflare_account_token'] as const) {
    for (const [address, r] of Object.entries(json.resource?.[type] ?? {})) {
      const policies = (r.policies as { effect: string; permission_groups: { id: string }[]; resources: string }[]).map((p) => ({
        effect: p.effect,
        ids: p.permission_groups.map((g) => g.id),
        resources: JSON.parse(p.resources) as Record<string, unknown>,
      }));
      const condition = r.condition as { request_ip?: { in?: string[] } } | undefined;
      out.push({
        type,
        address,
        name: r.name as string,
        accountId: r.account_id as string | undefined,
        allowedIps: condition?.request_ip?.in,
        expiresOn: r.expires_on as string | undefined,
        policies,
      });
    }
  }
  return out;
}

/** The only token of a stack. */
export function onlyToken(stack: TerraformStack): SynthToken {
  const tokens = tokensOf(Testing.synth(stack, true));
  if (tokens.length !== 1) throw new Error(`expected one token, found ${tokens.length}`);
  return tokens[0];
}

/** The TokenConfigError `fn` throws; any other outcome fails the test. */
export function configErrorOf(fn: () => unknown): TokenConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenConfigError) return error;
    throw error;
  }
  throw new Error('expected a TokenConfigError');
}
