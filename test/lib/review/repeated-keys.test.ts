// Repeated keys: JSON.parse keeps the last copy, Terraform merges every copy, so a reviewer
// reading the parsed value would miss a block Terraform creates. Such files are refused.
import { firstRepeatedKey, parseJsonText } from '../../../lib/review/read-json-file';
import { ReviewInputError } from '../../../lib/review/review-input-error';

describe('firstRepeatedKey', () => {
  test.each([
    ['{"a":1,"a":2}', 'a', 7],
    ['{"a":1,"\\u0061":2}', 'a', 7],
    ['{"x\\\\":1,"x\\\\":2}', 'x\\', 9],
    ['{"a":[1,{"a":2}],"b":{"a":1,"b":{"a":2}},"a":3}', 'a', 41],
    ['{"s":"\\"","s2":"\\\\","k":{"s":1,"s":2}}', 's', 31],
  ])('%s repeats %j', (text, key, offset) => {
    expect(firstRepeatedKey(text)).toEqual({ key, offset });
  });

  test.each([
    '{"a":{"b":1},"c":[{"b":2},{"b":3}],"d":"{\\"a\\":1,\\"a\\":2}"}',
    '[{"k":1},{"k":2}]',
    '{"a":"b","b":"a","A":1}',
    '"a"',
  ])('%s repeats nothing (same key in different objects, keys inside strings, values equal to keys)', (text) => {
    expect(firstRepeatedKey(text)).toBeUndefined();
  });

  test('200k levels deep and 200k keys wide: no recursion, no repeat reported', () => {
    expect(firstRepeatedKey(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`)).toBeUndefined();
    const wide = `{${Array.from({ length: 200_000 }, (_, i) => `"k${i}":[${i}]`).join(',')}}`;
    expect(firstRepeatedKey(wide)).toBeUndefined();
    expect(firstRepeatedKey(`${wide.slice(0, -1)},"k199999":0}`)?.key).toBe('k199999');
  });
});

describe('parseJsonText', () => {
  test('refuses a repeated key in one line naming the file, the key (escaped, truncated) and why', () => {
    const long = `a\n${'x'.repeat(200)}`;
    const text = `{\n  ${JSON.stringify(long)}: 1,\n  ${JSON.stringify(long)}: 2\n}`;
    let error: unknown;
    try {
      parseJsonText(text, 'out/cdk.tf.json', 'is not valid JSON');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReviewInputError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toMatch(/^out\/cdk\.tf\.json: has the key "a\\nxxx+\.\.\." twice in one object \(line 3, column 3\): refused, as JSON\.parse keeps only the last copy while Terraform merges every copy/);
    expect(message.length).toBeLessThan(240);
  });

  test('a file without repeats parses as before', () => {
    expect(parseJsonText('{"a":{"a":1}}', 'f', 'is not valid JSON')).toEqual({ a: { a: 1 } });
  });
});
