import { Invalid } from '../errors';
import { referenceCheck } from './terraform-string';

/**
 * Cloudflare's API schema limits a token name to 120 characters (`name: maxLength: 120` in
 * the token create schema, cloudflare/api-schemas; the SDKs generated from it carry the same
 * bound). An OpenAPI/JSON Schema `maxLength` counts Unicode code points (JSON Schema
 * Validation, section 6.3.1: "the number of its characters as defined by RFC 8259"), so we
 * count code points, not UTF-16 units: 120 emoji are a valid name.
 */
export const MAX_TOKEN_NAME_LENGTH = 120;

// C0 and C1 controls, line and paragraph separators, and the bidirectional formatting
// characters (Unicode TR9: ALM, LRM, RLM, LRE..RLO, LRI..PDI) that can make a name read
// differently from what it is (the "Trojan Source" trick).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE_ONLY = /^[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff]*$/;

export function checkTokenName(name: unknown, derived: boolean): Invalid | undefined {
  const expected = `a name of 1 to ${MAX_TOKEN_NAME_LENGTH} printable characters`;
  const reference = referenceCheck(name, 'name', 'name');
  if (reference === 'reference') return undefined;
  if (reference !== undefined) return reference;
  if (typeof name !== 'string') {
    return { message: 'is not a string', expected, fix: 'give the token a name that says who uses it and why, e.g. "ci-deploy-prod"' };
  }
  if (name.trim() === '') {
    return { message: 'is empty', expected, fix: 'give the token a name that says who uses it and why, e.g. "ci-deploy-prod"' };
  }
  if (LONE_SURROGATE.test(name)) {
    return { message: 'contains a lone surrogate, which is not valid Unicode', expected, fix: 'rebuild the name from whole characters (a string was cut in the middle of a character)' };
  }
  if (INVISIBLE_ONLY.test(name)) {
    return { message: 'has no visible character', expected, fix: 'give the token a name people can read, e.g. "ci-deploy-prod"' };
  }
  const length = [...name].length;
  if (length > MAX_TOKEN_NAME_LENGTH) {
    return {
      message: `is ${length} characters long, over Cloudflare's limit`,
      expected,
      fix: derived
        ? 'the default name is the construct path, which is too long here: set `name` explicitly'
        : `shorten it to ${MAX_TOKEN_NAME_LENGTH} characters or fewer`,
    };
  }
  if (CONTROL.test(name)) {
    return { message: 'contains control characters', expected, fix: 'remove new lines, tabs and other control characters' };
  }
  if (BIDI.test(name)) {
    return { message: 'contains bidirectional-formatting characters', expected, fix: 'remove the right-to-left and left-to-right marks, embeddings, overrides and isolates' };
  }
  if (name.trim() !== name) {
    return { message: 'has leading or trailing white space', expected, fix: `pass ${JSON.stringify(name.trim())}` };
  }
  return undefined;
}
