import { Token } from 'cdktf';
import { Invalid } from '../errors';

/** Cloudflare's API schema limits a token name to 120 characters. */
export const MAX_TOKEN_NAME_LENGTH = 120;

export function checkTokenName(name: unknown, derived: boolean): Invalid | undefined {
  if (typeof name === 'string' && Token.isUnresolved(name)) return undefined;
  const expected = `a name of 1 to ${MAX_TOKEN_NAME_LENGTH} printable characters`;
  if (typeof name !== 'string' || name.trim() === '') {
    return { message: 'is empty', expected, fix: 'give the token a name that says who uses it and why, e.g. "ci-deploy-prod"' };
  }
  if (name.length > MAX_TOKEN_NAME_LENGTH) {
    return {
      message: `is ${name.length} characters long, over Cloudflare's limit`,
      expected,
      fix: derived
        ? 'the default name is the construct path, which is too long here: set `name` explicitly'
        : `shorten it to ${MAX_TOKEN_NAME_LENGTH} characters or fewer`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return { message: 'contains control characters', expected, fix: 'remove new lines, tabs and other control characters' };
  }
  return undefined;
}
