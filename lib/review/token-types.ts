/** The Terraform resource types the reviewer reads as Cloudflare tokens. */
export const TOKEN_TYPES = ['cloudflare_api_token', 'cloudflare_account_token'] as const;
