// Ids shared by the review tests; kept apart from synth-fixtures so tests that need no
// synth do not load cdktf.
export const ACCOUNT = '0123456789abcdef0123456789abcdef';
export const OTHER_ACCOUNT = 'fedcba9876543210fedcba9876543210';
export const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
export const OTHER_ZONE = '9a7806061c88ada191ed06f989cc3dac';
export const DNS_WRITE_ID = '4755a26eedb94da69e1066d98aa820be';
/** Planted as a `value` attribute: a report or diff must never show it. */
export const PLANTED_SECRET = 'cf-planted-secret-value-0000000000000000';
