import { Construct } from 'constructs';
import { ReadOnlyToken } from 'cdktf-cloudflare-tokens';

export function auditor(scope: Construct): ReadOnlyToken {
  const auditor = new ReadOnlyToken(scope, 'auditor', {
    zones: ['023e105f4ecef8ad9ca31a8372d0c353'],
    accounts: ['0123456789abcdef0123456789abcdef'],
    configurationOnly: true, // no stored data, logs, analytics, personal data or billing
    expiresOn: '2027-01-31T00:00:00Z',
  });
  // What it may read, one line per scope, e.g. "allow Access: Apps Read, ... on account 0123..."
  auditor.summary.forEach((line) => console.log(line));
  return auditor;
}
