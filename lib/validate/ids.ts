import { Invalid } from '../errors';
import { referenceCheck } from './terraform-string';

const HEX32 = /^[0-9a-f]{32}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}\.?$/i;

export type IdKind = 'zone' | 'account' | 'user';

const WHERE: Record<IdKind, string> = {
  zone: "the Zone ID on the zone's Overview page in the dashboard",
  account: 'the Account ID on the Overview page of any zone, or in the dashboard URL',
  user: 'the user id returned by GET /user',
};

/**
 * Checks a Cloudflare zone, account or user id: 32 lowercase hex characters. An unresolved
 * cdktf token (a reference to another resource's id) is accepted as is.
 */
export function checkId(kind: IdKind, value: unknown): Invalid | undefined {
  const reference = referenceCheck(value, `the ${kind} id`, `${kind} id`);
  if (reference === 'reference') return undefined;
  if (reference !== undefined) return reference;
  const article = kind === 'account' ? 'an' : 'a';
  const expected = `${article} ${kind} id: 32 lowercase hex characters (${WHERE[kind]})`;
  if (typeof value !== 'string') {
    return { message: `${kind} id is not a string`, expected, fix: `pass the ${kind} id as a string` };
  }
  if (HEX32.test(value)) return undefined;
  if (HEX32.test(value.toLowerCase())) {
    return { message: `${kind} id has upper-case letters`, expected, fix: `pass it in lower case: "${value.toLowerCase()}"` };
  }
  if (HEX32.test(value.trim())) {
    return { message: `${kind} id has surrounding white space`, expected, fix: `pass "${value.trim()}"` };
  }
  if (kind === 'zone' && DOMAIN.test(value)) {
    return {
      message: 'is a zone name, not a zone id',
      expected,
      fix:
        'pass the zone id, not the domain: copy it from the dashboard, or look it up with the ' +
        "DataCloudflareZone data source (filter: { name: '" + value + "' }) and pass its .id",
    };
  }
  return { message: `is not a valid ${kind} id`, expected, fix: `copy the ${kind} id from ${WHERE[kind]}` };
}
