// Where a Terraform string mentions a resource. HCL accepts spaces, line breaks and comments
// (`/* */`, `#`, `//`) between the parts of a reference inside `${...}` / `%{...}`
// (developer.hashicorp.com/terraform/language/syntax/configuration#comments and
// /terraform/language/expressions/references), and functions such as lookup(x, "value")
// read attributes by name. So the interpolations are read with whitespace and comments
// removed, and a mention counts as carrying the whole resource unless it is plainly one of
// the attributes known to hold no secret.

/** Attributes that hold no secret: a resource read only through these passes no value on. */
const METADATA = new Set(['id', 'name']);

/** How a string reaches a resource: `value` through `.value`, `metadata` through `.id` / `.name`, `resource` any other way (the whole object, another attribute, an index by name, a function). */
export type Mention = 'value' | 'metadata' | 'resource';

/**
 * The expressions of the `${...}` and `%{...}` sequences of `text`, each with whitespace and
 * comments removed (outside quoted strings). An unterminated sequence counts up to the end
 * of the text. One pass, an explicit stack of open braces and strings: no recursion.
 */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const dollar = text.indexOf('{', i);
    if (dollar < 0) break;
    i = dollar + 1;
    // `${` and `%{` open; `$${` and `%%{` are escapes, but reading them too only over-reports.
    if (dollar === 0 || (text[dollar - 1] !== '$' && text[dollar - 1] !== '%')) continue;
    const parts: string[] = [];
    // Open frames: a positive number is the brace depth of an expression, 0 a quoted string in one.
    const frames: number[] = [1];
    while (i < n && frames.length > 0) {
      const c = text[i];
      const top = frames.length - 1;
      if (frames[top] === 0) {
        if (c === '\\') {
          parts.push(text.slice(i, i + 2));
          i += 2;
        } else if (c === '"') {
          frames.pop();
          parts.push(c);
          i++;
        } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
          frames.push(1);
          parts.push('${');
          i += 2;
        } else {
          parts.push(c);
          i++;
        }
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else {
        i++;
        if (c === '}' && --frames[top] === 0) {
          frames.pop();
          // The brace closing the outermost sequence is not part of its expression.
          if (frames.length === 0) break;
        } else if (c === '{') frames[top]++;
        else if (c === '"') frames.push(0);
        parts.push(c);
      }
    }
    out.push(parts.join(''));
  }
  return out;
}

const IDENTIFIER = /[A-Za-z0-9_-]/;

/**
 * Every `<type>.<name>` of one of `types` that `text` mentions, and how: in the text as
 * written and in its interpolations read without whitespace and comments. What follows the
 * name decides: `.value` is the value, `.id` / `.name` (after any `[...]` index) metadata,
 * anything else the whole resource.
 */
export function resourceMentions(text: string, types: readonly string[]): { address: string; via: Mention }[] {
  if (!types.some((t) => text.includes(t))) return [];
  const pattern = new RegExp(`(?<![A-Za-z0-9_-])(${types.join('|')})\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g');
  const found: { address: string; via: Mention }[] = [];
  for (const source of [text, ...interpolations(text)]) {
    for (const m of source.matchAll(pattern)) {
      let at = m.index + m[0].length;
      // Indexes: `[0]`, `["key"]`, `[*]` (brackets inside strings are rare; a miss only over-reports).
      while (source[at] === '[') {
        const close = source.indexOf(']', at);
        if (close < 0) break;
        at = close + 1;
      }
      let via: Mention = 'resource';
      const attribute = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(source.slice(at, at + 80));
      if (attribute && !IDENTIFIER.test(source[at + attribute[0].length] ?? '')) {
        if (attribute[1] === 'value') via = 'value';
        else if (METADATA.has(attribute[1])) via = 'metadata';
      }
      found.push({ address: `${m[1]}.${m[2]}`, via });
    }
  }
  return found;
}
