import { PermissionGroupName } from '../permissions/catalog';

/** A Read group that reads stored data or personal data, not configuration, and why. */
export interface DataReadGroup {
  readonly name: PermissionGroupName;
  readonly reads: string;
}

/**
 * The Read groups `ReadOnlyToken` leaves out with `configurationOnly: true`: groups that read
 * what is stored in or flows through Cloudflare (object, key-value, database, media and
 * vector contents; logs, traces and analytics of traffic), personal data (users, email
 * addresses, device telemetry, registrant contacts) or billing. A name that exists in several
 * scopes (`Logs Read`) is left out of every scope. When unsure, a group is listed: a
 * configuration auditor missing a group fails loudly; a data read it did not need is silent.
 */
export const DATA_READ_GROUPS: readonly DataReadGroup[] = Object.freeze([
  // Stored content
  { name: 'Workers KV Storage Read', reads: 'KV values' },
  { name: 'Workers R2 Storage Read', reads: 'R2 objects' },
  { name: 'Workers R2 Data Catalog Read', reads: 'R2 data catalog tables' },
  { name: 'Workers R2 SQL Read', reads: 'R2 data queried with SQL' },
  { name: 'D1 Read', reads: 'D1 database rows' },
  { name: 'Vectorize Read', reads: 'stored vectors and their metadata' },
  { name: 'Images Read', reads: 'stored images' },
  { name: 'Stream Read', reads: 'stored videos' },
  { name: 'AI Search Read', reads: 'indexed content, by search' },
  { name: 'Auto Rag Read', reads: 'indexed content, by search' },
  { name: 'Secrets Store Read', reads: 'secrets store entries' },
  // Logs, traces and analytics of traffic
  { name: 'Logs Read', reads: 'request and audit logs (account and zone)' },
  { name: 'Analytics Read', reads: 'zone traffic analytics' },
  { name: 'Account Analytics Read', reads: 'account traffic analytics' },
  { name: 'Workers Tail Read', reads: 'live Worker logs, with request data' },
  { name: 'Workers Observability Read', reads: 'Worker logs and traces' },
  { name: 'AI Gateway Read', reads: 'logged AI prompts and responses' },
  { name: 'Access: Audit Logs Read', reads: 'Access login logs, with user emails and addresses' },
  { name: 'Access: SCIM Logs Read', reads: 'identity-provider sync logs' },
  { name: 'Access: SSH Auditing Read', reads: 'SSH session audit data' },
  { name: 'Email Security DMARC Reports Read', reads: 'DMARC reports on mail senders' },
  { name: 'Bot Management Feedback Report Read', reads: 'reported request samples' },
  // Personal data and billing
  { name: 'Zero Trust: PII Read', reads: 'personal data in Zero Trust logs' },
  { name: 'Access: Users Read', reads: 'Access users and their sessions' },
  { name: 'Cloudflare DEX Read', reads: 'device and network telemetry of users' },
  { name: 'Email Routing Addresses Read', reads: 'destination email addresses' },
  { name: 'Email Routing Rules Read', reads: 'routing rules naming email addresses' },
  { name: 'Registrar Domains Read', reads: 'registrant contact details' },
  { name: 'User Details Read', reads: "the user's name, email and settings" },
  { name: 'Billing Read', reads: 'invoices, payment methods and billing address' },
] as const);
