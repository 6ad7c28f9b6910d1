// The provider versions the library's bindings are written for. A range, never an exact pin:
// the user's own provider block (or a stack override of required_providers) may choose any
// version in it, and the resources we write do not write required_providers at all.
//
// Cloudflare: the token JSON the library writes (`policies` as a list of { effect,
// permission_groups, resources }, `resources` a JSON string, `condition.request_ip`) is valid
// for provider 5.14 through 5.22 (README, Versions); 5.13 modelled `policies` as a set.
export const CLOUDFLARE_PROVIDER = { name: 'cloudflare', source: 'cloudflare/cloudflare', versionConstraint: '>= 5.14.0, < 6.0.0' } as const;

// GitHub: the secret resources as integrations/github 6.9.0 defines them (the prebuilt
// @cdktf/provider-github 15.3.1, our conformance oracle), unchanged through 6.x.
export const GITHUB_PROVIDER = { name: 'github', source: 'integrations/github', versionConstraint: '>= 6.9.0, < 7.0.0' } as const;
