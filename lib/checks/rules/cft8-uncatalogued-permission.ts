import { Rule } from '../rule';
import { isExpression } from '../resource-targets';
import { catalogued, checkGrantedIds } from './helpers';

export const CFT8: Rule = {
  id: 'CFT8',
  level: 'warning',
  name: 'Permission id not in the catalog',
  explanation:
    'The token grants a permission-group id the vendored catalog does not have (a group newer than the catalog, a typo, or an expression only known at plan). Nobody can tell from the code what it allows, and reviewers see only an id.',
  fix: 'Use a catalogued group by name; for a group newer than the catalog, update the catalog (npm run vendor:catalog) or suppress with the group\'s name and what it allows as the reason.',
  check(token) {
    return checkGrantedIds(token, (id, index) => {
      if (catalogued(id) !== undefined) return undefined;
      return {
        finding: id,
        message: isExpression(id) ? `policies[${index}] grants a permission group given by a Terraform expression (${id})` : `policies[${index}] grants permission group ${id}, which is not in the catalog`,
      };
    });
  },
};
