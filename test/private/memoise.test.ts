import { CloudflareToken, Policy, Resource } from '../../lib';
import { memoiseByString } from '../../lib/private/memoise';
import { newStack } from '../synth-helpers';

describe('memoiseByString', () => {
  test('answers a repeated string from the cache, with the same result', () => {
    const seen: unknown[] = [];
    const upper = memoiseByString((value: unknown) => {
      seen.push(value);
      return { text: String(value).toUpperCase() };
    });
    const first = upper('a');
    expect(upper('a')).toBe(first);
    expect(upper('b')).toEqual({ text: 'B' });
    expect(seen).toEqual(['a', 'b']);
  });

  test('never caches what is not a string (objects could change between calls)', () => {
    const seen: unknown[] = [];
    const describe = memoiseByString((value: unknown) => {
      seen.push(value);
      return typeof value;
    });
    const list = ['x'];
    describe(list);
    describe(list);
    describe(undefined);
    expect(seen).toEqual([list, list, undefined]);
  });

  test('drops the cache at its limit instead of growing without bound', () => {
    let calls = 0;
    const same = memoiseByString((value: unknown) => {
      calls++;
      return value;
    }, 2);
    same('a');
    same('b');
    same('c'); // full: cleared, then 'c' cached
    same('a');
    expect(calls).toBe(4);
    same('c');
    same('a');
    expect(calls).toBe(4);
  });
});

describe('the token construct with cached validation', () => {
  test('reports a repeated bad IP and expiry on every token, naming each token', () => {
    const stack = newStack();
    const props = {
      policies: [Policy.allow({ permissions: ['DNS Write'], resources: [Resource.zone('023e105f4ecef8ad9ca31a8372d0c353')] })],
      allowedIps: ['10.0.0.1/8'],
      expiresOn: '2027-02-30T00:00:00Z',
    };
    for (const id of ['first', 'second']) {
      expect(() => new CloudflareToken(stack, id, props)).toThrow(new RegExp(`^\\[test/${id}\\][\\s\\S]*allowedIps\\[0\\][\\s\\S]*expiresOn`));
    }
  });
});
