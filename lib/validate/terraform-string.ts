import { Token, Tokenization } from '../framework';
import { Invalid } from '../errors';

// Terraform reads every string of its JSON syntax as a template: `${...}` interpolates and
// `%{...}` is a directive, both evaluated at plan (functions such as file() included).
// `$${` and `%%{` are the escapes that stand for the literal text
// (developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences and
// /terraform/language/syntax/json#expression-mapping). The library writes user text only as
// escaped literals, or as one whole cdktf reference.

const TEMPLATE_OPENER = /([$%])\{/g;

/** `text` as a Terraform literal: `${` becomes `$${` and `%{` becomes `%%{`. */
export function escapeTemplateLiteral(text: string): string {
  return text.includes('{') ? text.replace(TEMPLATE_OPENER, '$1$1{') : text;
}

/** How a string given to a construct relates to cdktf tokens. */
export type StringShape = 'literal' | 'reference' | 'mixed';

/** `literal` (no token), `reference` (exactly one whole token) or `mixed` (text and tokens). */
export function stringShape(value: string): StringShape {
  if (!Token.isUnresolved(value)) return 'literal';
  const fragments = Tokenization.reverseString(value);
  return fragments.length === 1 && fragments.firstToken !== undefined ? 'reference' : 'mixed';
}

/** The problem of a string that mixes literal text with a reference, for a field that takes one or the other. */
export function mixedReferenceInvalid(field: string, example: string): Invalid {
  return {
    message: 'mixes literal text with a Terraform reference, so its text cannot be checked',
    expected: `either a literal ${example} or one whole reference (a resource attribute, a variable, an Fn.* result)`,
    fix: `pass the literal, or compute the whole value in Terraform (e.g. Fn.format(...)) and pass that as ${field}`,
  };
}

/**
 * For validators: `undefined` when `value` is not a string holding a token (validate it as a
 * literal), `'reference'` when it is one whole reference (accepted as is), or the problem of
 * text mixed with a reference.
 */
export function referenceCheck(value: unknown, field: string, example: string): 'reference' | Invalid | undefined {
  if (typeof value !== 'string' || !Token.isUnresolved(value)) return undefined;
  return stringShape(value) === 'reference' ? 'reference' : mixedReferenceInvalid(field, example);
}

/** A string for Terraform JSON: a whole reference as is, a literal escaped. Mixed strings are refused earlier. */
export function terraformString(value: string): string {
  return Token.isUnresolved(value) ? value : escapeTemplateLiteral(value);
}
