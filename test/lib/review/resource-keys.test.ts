import { describeTarget, parseResourceKeys, targetCovers } from '../../../lib/review/resource-keys';
import { ACCOUNT, OTHER_ACCOUNT, ZONE } from './ids';

const A = `com.cloudflare.api.account.${ACCOUNT}`;

describe('parseResourceKeys', () => {
  test('reads every key shape of DESIGN.md, in words', () => {
    // GIVEN one resources object with every documented key
    const resources = {
      [`com.cloudflare.api.account.zone.${ZONE}`]: '*',
      'com.cloudflare.api.account.zone.*': '*',
      [`com.cloudflare.api.account.${OTHER_ACCOUNT}`]: '*',
      'com.cloudflare.api.account.*': '*',
      'com.cloudflare.api.user.5a3b3e1b3a0f4b8d9a7c6e5f4d3c2b1a': '*',
      [`com.cloudflare.edge.r2.bucket.${ACCOUNT}_eu_assets`]: '*',
      [A]: { 'com.cloudflare.api.account.zone.*': '*', 'com.cloudflare.edge.r2.bucket.*': '*', [`com.cloudflare.api.account.zone.${ZONE}`]: '*' },
    };
    // WHEN parsed
    const words = parseResourceKeys(resources).map(describeTarget);
    // THEN each is named as a reviewer reads it
    expect(words.sort()).toEqual(
      [
        `zone ${ZONE}`,
        'ALL zones of ALL accounts',
        `account ${OTHER_ACCOUNT}`,
        'ALL accounts',
        'user 5a3b3e1b3a0f4b8d9a7c6e5f4d3c2b1a',
        `R2 bucket assets (eu) of account ${ACCOUNT}`,
        `ALL zones of account ${ACCOUNT}`,
        `ALL R2 buckets of account ${ACCOUNT}`,
        `zone ${ZONE}`,
      ].sort(),
    );
  });

  test('shows references as their expression, even with underscores inside', () => {
    const [zone, bucket] = parseResourceKeys({
      'com.cloudflare.edge.r2.bucket.${var.account_id}_default_${cloudflare_r2_bucket.site_assets.name}': '*',
      'com.cloudflare.api.account.zone.${data.cloudflare_zone.main.zone_id}': '*',
    }).map(describeTarget);
    expect(bucket).toBe('R2 bucket ${cloudflare_r2_bucket.site_assets.name} (default) of account ${var.account_id}');
    expect(zone).toBe('zone ${data.cloudflare_zone.main.zone_id}');
  });

  test('keeps a key it does not know, verbatim, instead of dropping a grant', () => {
    const targets = parseResourceKeys({ 'com.cloudflare.api.somethingnew.1': '*', [A]: { 'com.cloudflare.api.other.*': '*' } });
    expect(targets.map(describeTarget)).toEqual([
      `unrecognised resource ${A}: {"com.cloudflare.api.other.*":"*"}`,
      'unrecognised resource com.cloudflare.api.somethingnew.1: "*"',
    ]);
  });
});

describe('targetCovers', () => {
  const [zoneInAccount] = parseResourceKeys({ [A]: { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' } });
  const [userZone] = parseResourceKeys({ [`com.cloudflare.api.account.zone.${ZONE}`]: '*' });
  const [allOfAccount] = parseResourceKeys({ [A]: { 'com.cloudflare.api.account.zone.*': '*' } });
  const [allOfOther] = parseResourceKeys({ [`com.cloudflare.api.account.${OTHER_ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } });
  const [allZones] = parseResourceKeys({ 'com.cloudflare.api.account.zone.*': '*' });

  test('a zone is the same zone nested under its account or not', () => {
    expect(targetCovers(userZone, zoneInAccount)).toBe(true);
    expect(targetCovers(zoneInAccount, userZone)).toBe(true);
  });

  test('all zones of an account covers its own zones only when the output proves the account', () => {
    expect(targetCovers(allOfAccount, zoneInAccount)).toBe(true);
    expect(targetCovers(allOfOther, zoneInAccount)).toBe(false);
    expect(targetCovers(allOfAccount, userZone)).toBe(false);
  });

  test('all zones of all accounts covers every zone grant; nothing narrower covers it', () => {
    expect([userZone, zoneInAccount, allOfAccount].map((t) => targetCovers(allZones, t))).toEqual([true, true, true]);
    expect([userZone, zoneInAccount, allOfAccount].map((t) => targetCovers(t, allZones))).toEqual([false, false, false]);
  });
});
