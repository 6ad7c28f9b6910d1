import { fromFindings, NOT_APPLICABLE, Rule } from '../rule';

export const CFT11: Rule = {
  id: 'CFT11',
  level: 'error',
  name: 'Production state in a local backend',
  explanation:
    "A stack marked production (LeastPrivilegeChecks option production: true) keeps its Terraform state in a local backend (LocalBackend, or no backend, which cdktf makes local). The state holds every token's value in clear text, on whichever disk ran the deploy.",
  fix: 'Use a remote backend that encrypts state and restricts who reads it (S3 with encryption, HCP Terraform, ...).',
  check(_token, context) {
    const stack = context.stack();
    if (!stack.production) return NOT_APPLICABLE;
    if (stack.backendType !== undefined && stack.backendType !== 'local') return fromFindings([]);
    return fromFindings([
      {
        finding: 'local-backend',
        message: `production stack ${stack.path} keeps its state, which holds this token's value, in a ${stack.backendType === undefined ? 'default (local)' : 'local'} backend`,
      },
    ]);
  },
};
