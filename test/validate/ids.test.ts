import { Fn } from 'cdktf';
import { checkId } from '../../lib/validate/ids';

describe('checkId', () => {
  test('accepts 32 lowercase hex characters', () => {
    expect(checkId('zone', '023e105f4ecef8ad9ca31a8372d0c353')).toBeUndefined();
  });

  test('accepts an unresolved cdktf token (a reference to another resource)', () => {
    expect(checkId('zone', Fn.lower('x'))).toBeUndefined();
  });

  test('a zone name gets its own message saying to pass the zone id', () => {
    expect(checkId('zone', 'example.com')).toMatchObject({
      message: 'is a zone name, not a zone id',
      fix: expect.stringMatching(/pass the zone id.*DataCloudflareZone/),
    });
  });

  test('upper case is refused with the lower-case id as the fix', () => {
    expect(checkId('account', '023E105F4ECEF8AD9CA31A8372D0C353')).toMatchObject({
      message: 'account id has upper-case letters',
      fix: 'pass it in lower case: "023e105f4ecef8ad9ca31a8372d0c353"',
    });
  });

  test('surrounding white space is named', () => {
    expect(checkId('zone', ' 023e105f4ecef8ad9ca31a8372d0c353 ')?.message).toBe('zone id has surrounding white space');
  });

  test.each(['', '023e105f4ecef8ad9ca31a8372d0c35', '023e105f4ecef8ad9ca31a8372d0c3533', 'g23e105f4ecef8ad9ca31a8372d0c353'])('refuses %j', (value) => {
    expect(checkId('account', value)).toMatchObject({ message: 'is not a valid account id', expected: expect.stringMatching(/32 lowercase hex/) });
  });

  test('refuses a non-string', () => {
    expect(checkId('user', 42)?.message).toBe('user id is not a string');
  });
});
