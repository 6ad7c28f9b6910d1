// How a Terraform string mentions a resource, read as HCL does: spaces, line breaks and
// comments between the parts of a reference inside `${...}` are allowed there.
import { interpolations, resourceMentions } from '../../lib/validate/terraform-references';

const TYPES = ['cloudflare_api_token', 'cloudflare_account_token'];

describe('interpolations', () => {
  test('whitespace and comments are removed outside quoted strings, kept inside', () => {
    expect(interpolations('a ${ x /* c */ . y # z\n . w } b %{ if v } "${ "s t" }" %{ endif }')).toEqual(['x.y.w', 'ifv', '"s t"', 'endif']);
    expect(interpolations('${lookup(m, "a b", {k = "}"})}')).toEqual(['lookup(m,"a b",{k="}"})']);
  });

  test('nested templates in strings are read; an unterminated sequence runs to the end', () => {
    expect(interpolations('${f("${ a . b }")}')).toEqual(['f("${a.b}")']);
    expect(interpolations('${ a .\n b')).toEqual(['a.b']);
  });

  test('deeply nested input is read without recursion', () => {
    const deep = `\${${'f('.repeat(100_000)}x${')'.repeat(100_000)}}`;
    expect(interpolations(deep)[0].length).toBe(deep.length - 3);
  });
});

describe('resourceMentions', () => {
  test.each([
    ['${cloudflare_api_token.x.value}', 'value'],
    ['${cloudflare_api_token /**/ .x . value}', 'value'],
    ['${cloudflare_account_token\n.x # n\n.value}', 'value'],
    ['${cloudflare_api_token.x[0].value}', 'value'],
    ['${cloudflare_api_token.x}', 'resource'],
    ['${lookup(cloudflare_api_token.x, "value")}', 'resource'],
    ['${cloudflare_api_token.x["value"]}', 'resource'],
    ['${cloudflare_api_token.x.*.value}', 'resource'],
    ['${cloudflare_api_token.x.policies}', 'resource'],
    ['${cloudflare_api_token.x.values}', 'resource'],
    ['${cloudflare_api_token.x.id}', 'metadata'],
    ['${cloudflare_api_token . x . name}', 'metadata'],
  ])('%j: %s', (text, via) => {
    const found = resourceMentions(text, TYPES).filter((m) => m.address.endsWith('.x'));
    expect(found.length).toBeGreaterThan(0);
    // The strongest reading counts: value over resource over metadata.
    const rank = { value: 2, resource: 1, metadata: 0 } as const;
    expect(found.reduce((a, b) => (rank[b.via] > rank[a.via] ? b : a)).via).toBe(via);
  });

  test('other resources and longer type names are not mentions', () => {
    expect(resourceMentions('${my_cloudflare_api_token.x.value} ${cloudflare_api_tokens.x.value} ${aws_s3_bucket.b.id}', TYPES)).toEqual([]);
  });
});
