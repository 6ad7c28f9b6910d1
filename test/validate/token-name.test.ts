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

  test('refuses control characters', () => {
    expect(checkTokenName('ci\ndeploy', false)?.message).toBe('contains control characters');
  });
});
