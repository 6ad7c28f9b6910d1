import { Token, TerraformResource } from '../framework';
import { isTokenBindingToTerraform } from '../bindings/cloudflare-token-resources';

// Reading a token's attributes without cdktf's `resolve` when they hold no token at all.
//
// The checks need six attributes of every token resource, as synthesized. cdktf's
// `Tokenization.resolve` of the resource's JSON builds a context object for every value
// it visits and runs two regular expressions over every string: at 1000 tokens that was most
// of what the checks cost (`readTokenFacts`, bench/RESULTS.md). But `resolve` returns a value
// that holds no token unchanged, apart from dropping `undefined` members and list elements
// (cdktf 0.21 `tokens/private/resolve.js`). So for such values a plain copy that drops them
// is exactly what `resolve` would give; anything the copy does not know for certain (a token
// of any kind, a class instance such as a dynamic block, a Date, a function) makes the caller
// resolve the attribute the way synthesis does. Nothing is ever read differently: the
// fallback is the old path, and test/checks/literal-attributes.test.ts compares both on
// tokens of every shape.

/** The attributes of a token resource the checks read (lib/checks/token-facts.ts). */
export const FACT_ATTRIBUTES = ['account_id', 'condition', 'expires_on', 'name', 'not_before', 'policies'] as const;
export type FactAttribute = (typeof FACT_ATTRIBUTES)[number];

/** The keys of cdktf's `terraformMetaArguments` (written snake_case beside the attributes). */
const META_ARGUMENTS = new Set(['connection', 'count', 'dependsOn', 'forEach', 'lifecycle', 'provider']);

// cdktf moves any value carrying this marker (own or inherited) out of its attribute and under
// "dynamic" (util.js `processDynamicAttributes`); cdktn uses the same symbol.
const DYNAMIC_BLOCK = Symbol.for('cdktf/TerraformDynamicBlock');

/** Marks a value that is not a plain literal: the caller resolves it instead. */
const NOT_LITERAL: unique symbol = Symbol('not a literal');
type Literal = unknown;

// cdktf writes a number token concatenated into a string as a decimal in exponent notation;
// `resolve` looks up every such run (tokens/private/encoding.js, `TokenString.forNumbers`).
// Any run that decodes to a token sends the string to `resolve`.
const NUMBER_RUN = /[-|\d.+]+(e[-|\d.eE+]+)/g;

/**
 * The fact attributes of `resource` exactly as `resolve` would give them, when its JSON is
 * built the standard way from plain literals; `undefined` otherwise, so that the caller
 * resolves the JSON (`toTerraform()`) as synthesis does.
 *
 * cdktf's `TerraformResource.toTerraform` (0.21 and cdktn 0.24) builds a resource's block from
 * `synthesizeAttributes()` with dynamic blocks moved under "dynamic", then merges the
 * snake_cased meta-arguments, the provisioners and the overrides. Reading
 * `synthesizeAttributes()` instead (calling `toTerraform()` here cost the checks more than it
 * saved) gives the same fact attributes only when: `toTerraform` is cdktf's own or our token
 * bindings' (which adds the `"//"` records), not a subclass's or the instance's; the
 * meta-arguments are the ones cdktf defines (none is a fact attribute); no override touches a
 * fact attribute; the resource was not moved (then it writes no block); and no value carries
 * cdktf's dynamic-block marker (`literalCopy` refuses it).
 */
export function literalFactAttributes(resource: TerraformResource): Partial<Record<FactAttribute, unknown>> | undefined {
  const toTerraform = resource.toTerraform;
  if (toTerraform !== TerraformResource.prototype.toTerraform && !isTokenBindingToTerraform(toTerraform)) return undefined;
  const meta: unknown = resource.terraformMetaArguments;
  if (meta === null || typeof meta !== 'object' || Object.keys(meta).some((key) => !META_ARGUMENTS.has(key))) return undefined;
  // rawOverrides and _hasMoved are protected / private in cdktf and cdktn: reading them is the only way to know.
  const { rawOverrides: overrides, _hasMoved: moved } = resource as unknown as { rawOverrides?: Record<string, unknown>; _hasMoved?: boolean };
  if (moved === true) return undefined;
  if (overrides !== undefined && FACT_ATTRIBUTES.some((name) => Object.prototype.hasOwnProperty.call(overrides, name))) return undefined;
  const own = (resource as unknown as { synthesizeAttributes(): unknown }).synthesizeAttributes();
  if (own === null || typeof own !== 'object') return undefined;
  const out: Partial<Record<FactAttribute, unknown>> = {};
  for (const name of FACT_ATTRIBUTES) {
    const value = literalCopy((own as Record<string, unknown>)[name]);
    if (value === NOT_LITERAL) return undefined;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** A copy of `value` without `undefined` members, or NOT_LITERAL when it may hold a token. */
function literalCopy(value: unknown): Literal | typeof NOT_LITERAL {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return isLiteralString(value) ? value : NOT_LITERAL;
  // A number token, or a number-list token as a list element (both are marked doubles).
  if (typeof value === 'number') return Token.isUnresolved(value) || Token.isUnresolved([value]) ? NOT_LITERAL : value;
  if (typeof value !== 'object') return NOT_LITERAL;
  // A value cdktf would move under "dynamic". (Symbols and non-enumerable properties need no
  // test: `resolve` and the JSON writer read enumerable string keys only, as the copy does.)
  if (DYNAMIC_BLOCK in value) return NOT_LITERAL;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_LITERAL;
    const out: Literal[] = [];
    for (let i = 0; i < value.length; i++) {
      const element = literalCopy(value[i]);
      if (element === NOT_LITERAL) return NOT_LITERAL;
      if (element !== undefined) out.push(element);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_LITERAL;
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return NOT_LITERAL;
  const out: Record<string, Literal> = {};
  for (const key of Object.keys(value)) {
    if (!isLiteralString(key)) return NOT_LITERAL;
    const member = literalCopy((value as Record<string, unknown>)[key]);
    if (member === NOT_LITERAL) return NOT_LITERAL;
    if (member !== undefined) out[key] = member;
  }
  return out;
}

/** Whether `resolve` returns `text` unchanged: no string, list, map or number token in it. */
function isLiteralString(text: string): boolean {
  if (text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE) return false;
  // The framework's own tests: a string token, a list token (an element of a list), a map token
  // (a key). Every marker of them has a `[` (`${TfToken[...]}`, `#{...`, `&{...`): a string
  // without one needs no test (most strings of a token: names, ids, CIDRs, instants).
  if (text.includes('[') && (Token.isUnresolved(text) || Token.isUnresolved([text]) || Token.isUnresolved({ [text]: true }))) return false;
  // A number token decodes to a negative double (its sign bit is part of the marker), so only a
  // run with a `-` and an `e` can be one.
  if (text.includes('e') && text.includes('-')) {
    for (const run of text.matchAll(NUMBER_RUN)) {
      if (Token.isUnresolved(parseFloat(run[0]))) return false;
    }
  }
  return true;
}
