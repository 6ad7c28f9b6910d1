import { ChangedToken, diffTokens, readSynthOutput, SynthOutput, TokenDiff } from '../../../lib';
import { ACCOUNT, OTHER_ACCOUNT, OTHER_ZONE, ZONE } from './ids';
import { CASES, removeSynthDirs, synthCases } from './synth-fixtures';

// GIVEN two real synth outputs, base and head, one stack per kind of change
let diff: TokenDiff;
let base: SynthOutput;
let head: SynthOutput;
beforeAll(() => {
  const { baseDir, headDir } = synthCases();
  base = readSynthOutput(baseDir);
  head = readSynthOutput(headDir);
  // WHEN they are diffed
  diff = diffTokens(base, head);
}, 60_000);
afterAll(removeSynthDirs);

function changed(stack: string): ChangedToken {
  const found = diff.changed.find((c) => c.stack === stack);
  if (!found) throw new Error(`no changed token in stack ${stack}`);
  return found;
}

function lines(stack: string): string[] {
  return changed(stack).changes.map((c) => `${c.direction}: ${c.description}`);
}

describe('diffTokens: widening', () => {
  test('a new (permission, resource) pair is wider, named', () => {
    expect(changed('new-permission').verdict).toBe('wider');
    expect(lines('new-permission')).toEqual([`wider: now allows Zone Read on zone ${ZONE}`]);
  });

  test('a zone replaced by all zones of its account is wider, and says what it replaced', () => {
    expect(changed('zone-to-all-zones').verdict).toBe('wider');
    expect(lines('zone-to-all-zones')).toEqual([`wider: now allows DNS Write on ALL zones of account ${ACCOUNT} (widened from zone ${ZONE})`]);
  });

  test("a user-owned token's zone replaced by all zones of an account is wider, not also narrower", () => {
    // The user token's zone key does not say which account it is in: maybe still covered.
    expect(changed('user-zone-to-all-zones').verdict).toBe('wider');
    expect(lines('user-zone-to-all-zones')).toEqual([`wider: now allows DNS Write on ALL zones of account ${ACCOUNT}`]);
  });

  test('all zones of an account replaced by all zones of all accounts is wider', () => {
    expect(lines('all-zones-to-all-accounts')).toEqual([`wider: now allows DNS Write on ALL zones of ALL accounts (widened from ALL zones of account ${ACCOUNT})`]);
  });

  test('a bucket replaced by all buckets of the account is wider', () => {
    expect(changed('bucket-to-all-buckets').verdict).toBe('wider');
    expect(lines('bucket-to-all-buckets')).toEqual([
      `wider: now allows Workers R2 Storage Bucket Item Write on ALL R2 buckets of account ${ACCOUNT} (widened from R2 bucket assets (default) of account ${ACCOUNT})`,
    ]);
  });

  test('a deny removed is wider', () => {
    expect(changed('deny-removed').verdict).toBe('wider');
    expect(lines('deny-removed')).toEqual([`wider: no longer denies DNS Write on zone ${ZONE}`]);
  });

  test('removing the allowed-IP list is wider: usable from everywhere else', () => {
    expect(lines('allowed-ips-removed')).toEqual(['wider: allowed-IP list removed (any address): newly usable from any address except 192.0.2.0/24']);
  });

  test('a wider allowed IPv4 CIDR is wider by exactly the new addresses', () => {
    expect(lines('allowed-ipv4-widened')).toEqual(['wider: allowed IPs added 192.0.2.0/24; allowed IPs removed 192.0.2.0/25: newly usable from 192.0.2.128/25']);
  });

  test('a wider allowed IPv6 CIDR is wider', () => {
    expect(changed('allowed-ipv6-widened').verdict).toBe('wider');
    expect(lines('allowed-ipv6-widened')[0]).toMatch(/newly usable from 2001:db8:1::\/48, 2001:db8:2::\/47, /);
  });

  test('a denied CIDR removed is wider by that CIDR', () => {
    expect(lines('denied-ip-removed')).toEqual(['wider: denied IPs removed 192.0.2.7/32: newly usable from 192.0.2.7/32']);
  });

  test('expiry removed is wider', () => {
    expect(lines('expiry-removed')).toEqual(['wider: expiry removed: never expires (was 2027-01-01T00:00:00Z)']);
  });

  test('expiry moved later is wider', () => {
    expect(lines('expiry-later')).toEqual(['wider: expiry moved later: 2027-01-01T00:00:00Z -> 2028-01-01T00:00:00Z']);
  });

  test('not-before moved earlier is wider', () => {
    expect(lines('not-before-earlier')).toEqual(['wider: not-before moved earlier: 2026-06-01T00:00:00Z -> 2026-01-01T00:00:00Z']);
  });

  test('a user token becoming account-owned is an owner change (wider), the zone grant itself unchanged', () => {
    expect(changed('owner-user-to-account').verdict).toBe('wider');
    expect(lines('owner-user-to-account')).toEqual([`wider: owner changed: user -> account ${ACCOUNT} (a new token, held by someone else)`]);
  });

  test('moving an account token to another account is an owner change', () => {
    expect(lines('owner-account-changed')).toEqual([`wider: owner changed: account ${ACCOUNT} -> account ${OTHER_ACCOUNT} (a new token, held by someone else)`]);
  });

  test('re-enabling a disabled token is wider', () => {
    expect(lines('status-re-enabled')).toEqual(['wider: re-enabled (status unset, was disabled)']);
  });

  test('raw provider tokens are matched by construct path; an unknown permission id is named as unknown', () => {
    const raw = diff.changed.find((c) => c.stack === 'raw-provider');
    expect(raw?.path).toBe('raw-provider/raw-user');
    expect(raw?.changes.map((c) => c.description)).toEqual([`now allows unknown permission group ffffffffffffffffffffffffffffffff on zone ${ZONE}`]);
    expect(diff.added.filter((t) => t.stack === 'raw-provider').map((t) => t.address)).toEqual(['cloudflare_account_token.raw-account']);
  });
});

describe('diffTokens: other verdicts', () => {
  test('identical tokens are unchanged', () => {
    expect(diff.unchanged.map((t) => t.stack)).toEqual(['unchanged']);
  });

  test('fewer permissions, resources, an earlier expiry and an IP condition are narrower', () => {
    expect(changed('narrower').verdict).toBe('narrower');
    expect(lines('narrower')).toEqual([
      `narrower: no longer allows Zone Read on zone ${ZONE}`,
      `narrower: no longer allows DNS Write, Zone Read on zone ${OTHER_ZONE}`,
      'narrower: allowed IPs limited to 192.0.2.0/24: no longer usable from any address except 192.0.2.0/24',
      'narrower: expiry moved earlier: 2027-01-01T00:00:00Z -> 2026-12-01T00:00:00Z',
    ]);
  });

  test('one permission swapped for another is both', () => {
    expect(changed('both').verdict).toBe('both');
    expect(lines('both')).toEqual([`wider: now allows Zone Read on zone ${ZONE}`, `narrower: no longer allows DNS Write on zone ${ZONE}`]);
  });

  test('CIDRs rewritten to the same addresses are other', () => {
    expect(changed('ips-same-addresses').verdict).toBe('other');
    expect(lines('ips-same-addresses')).toEqual(['other: allowed IPs added 192.0.2.0/24; allowed IPs removed 192.0.2.0/25, 192.0.2.128/25 (the same addresses)']);
  });

  test('a literal expiry replaced by rotation cannot be ranked: wider, with the rotation in words', () => {
    expect(changed('rotation').verdict).toBe('wider');
    expect(lines('rotation')).toEqual([
      "wider: now rotates every 30 days, 7 days' grace instead of a fixed expiry (expired 2027-01-01T00:00:00Z): a rolling expiry cannot be ranked against a fixed one, so it counts as wider",
    ]);
  });

  test('a rename is other', () => {
    expect(lines('renamed')).toEqual(['other: renamed "renamed/dns" -> "dns-for-ci"']);
  });

  test('added tokens count as widening; removed tokens are listed', () => {
    expect(diff.added.map((t) => `${t.stack} ${t.constructPath}`)).toEqual(['added added/dns/token', 'raw-provider raw-provider/raw-account']);
    expect(diff.removed.map((t) => `${t.stack} ${t.constructPath}`)).toEqual(['removed removed/dns/token']);
    expect(diff.widened).toBe(true);
  });

  test('every case stack is accounted for exactly once', () => {
    const seen = [...diff.added, ...diff.removed, ...diff.unchanged, ...diff.changed].map((t) => t.stack);
    expect(new Set(seen)).toEqual(new Set(Object.keys(CASES)));
  });
});

describe('diffTokens: widened flag', () => {
  test('a diff with only narrower and other changes is not widened', () => {
    // GIVEN the narrower and renamed cases alone
    const pick = (output: SynthOutput) => ({ ...output, tokens: output.tokens.filter((t) => ['narrower', 'renamed', 'removed'].includes(t.stack)) });
    // WHEN diffed
    const result = diffTokens(pick(base), pick(head));
    // THEN nothing widened
    expect(result.changed.map((c) => c.verdict)).toEqual(['narrower', 'other']);
    expect(result.widened).toBe(false);
  });
});
