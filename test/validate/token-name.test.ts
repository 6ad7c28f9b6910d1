import { checkTokenName, MAX_TOKEN_NAME_LENGTH } from '../../lib/validate/token-name';

describe('checkTokenName', () => {
  test('accepts a name up to the limit', () => {
    expect(checkTokenName('ci-deploy-prod', false)).toBeUndefined();
    expect(checkTokenName('x'.repeat(MAX_TOKEN_NAME_LENGTH), false)).toBeUndefined();
  });

  test.each(['', '   '])('refuses the empty name %j', (name) => {
    expect(checkTokenName(name, false)?.message).toBe('is empty');
  });

  test('refuses a name over the limit; the fix depends on whether it was derived', () => {
    const long = 'x'.repeat(MAX_TOKEN_NAME_LENGTH + 1);
    expect(checkTokenName(long, false)).toMatchObject({ message: "is 121 characters long, over Cloudflare's limit", fix: 'shorten it to 120 characters or fewer' });
    expect(checkTokenName(long, true)?.fix).toMatch(/default name is the construct path.*set `name`/);
  });

  test('refuses control characters, line separators included', () => {
    expect(checkTokenName('ci\ndeploy', false)?.message).toBe('contains control characters');
    expect(checkTokenName('ci\u2028deploy', false)?.message).toBe('contains control characters');
    expect(checkTokenName('ci\u0085deploy', false)?.message).toBe('contains control characters');
  });

  test('counts code points, as the API schema does: 120 emoji pass, 121 do not', () => {
    expect(checkTokenName('\u{1F511}'.repeat(120), false)).toBeUndefined();
    expect(checkTokenName('\u{1F511}'.repeat(121), false)?.message).toBe("is 121 characters long, over Cloudflare's limit");
  });

  test('refuses bidirectional overrides, invisible-only names, lone surrogates and padding', () => {
    expect(checkTokenName('ci-\u202Edorp', false)?.message).toBe('contains bidirectional-formatting characters');
    expect(checkTokenName('\u200B\u200B', false)?.message).toBe('has no visible character');
    expect(checkTokenName('ci\uD800', false)?.message).toBe('contains a lone surrogate, which is not valid Unicode');
    expect(checkTokenName(' ci ', false)).toMatchObject({ message: 'has leading or trailing white space', fix: 'pass "ci"' });
  });

  test('refuses a non-string as such, not as empty', () => {
    expect(checkTokenName(42, false)?.message).toBe('is not a string');
  });
});
