import { Token, TerraformResource } from '../framework';

// Reading a token's attributes without cdktf's `resolve` when they hold no token at all.
//
// The checks need six attributes of every token resource, as synthesized. cdktf's
// `Tokenization.resolve` of the resource's whole JSON builds a context object for every value
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

/** Marks a value that is not a plain literal: the caller resolves it instead. */
const NOT_LITERAL: unique symbol = Symbol('not a literal');
type Literal = unknown;

// cdktf writes a number token concatenated into a string as a decimal in exponent notation;
// `resolve` looks up every such run (tokens/private/encoding.js, `TokenString.forNumbers`).
// Any run that decodes to a token sends the string to `resolve`.
const NUMBER_RUN = /[-|\d.+]+(e[-|\d.eE+]+)/g;

/**
 * The fact attributes of `resource` exactly as `resolve` would give them, when its own
 * attributes are plain literals and no override touches them; `undefined` otherwise (the
 * caller then resolves the resource's JSON).
 */
export function literalFactAttributes(resource: TerraformResource): Partial<Record<FactAttribute, unknown>> | undefined {
  // rawOverrides is protected in cdktf (and cdktn); an override of any fact attribute, or of
  // anything inside one, is merged into the JSON by `toTerraform`: leave those to it.
  const { rawOverrides: overrides, _hasMoved: moved } = resource as unknown as { rawOverrides?: Record<string, unknown>; _hasMoved?: boolean };
  // A resource moved with `moveTo` writes no block of its own (private in cdktf): the caller's path says so.
  if (moved === true) return undefined;
  if (overrides !== undefined && FACT_ATTRIBUTES.some((name) => Object.prototype.hasOwnProperty.call(overrides, name))) return undefined;
  // What `toTerraform` starts from; a subclass that overrides it is read like any resource.
  const own = (resource as unknown as { synthesizeAttributes(): Record<string, unknown> }).synthesizeAttributes();
  if (own === null || typeof own !== 'object') return undefined;
  const out: Partial<Record<FactAttribute, unknown>> = {};
  for (const name of FACT_ATTRIBUTES) {
    const value = literalCopy(own[name]);
    if (value === NOT_LITERAL) return undefined;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** A copy of `value` without `undefined` members, or NOT_LITERAL when it may hold a token. */
function literalCopy(value: unknown): Literal | typeof NOT_LITERAL {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return isLiteralString(value) ? value : NOT_LITERAL;
  if (typeof value === 'number') return Token.isUnresolved(value) ? NOT_LITERAL : value;
  if (typeof value !== 'object') return NOT_LITERAL;
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
