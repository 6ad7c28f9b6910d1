import * as fs from 'fs';
import * as path from 'path';
import { HIGH_RISK_GROUP_NAMES } from '../../lib/checks/rules/cft5-high-risk-groups';
import { TOKEN_MINTING_GROUP_NAMES } from '../../lib/checks/rules/cft2-token-minting';
import { ALL_RULE_INFO } from '../../lib/checks/rules';

const rulesMd = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
const rows = rulesMd
  .split('\n')
  .filter((line) => /^\| CFT\d+ \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()));

test('RULES.md lists exactly the rules in code, in order, with their levels', () => {
  const documented = rows.map(([, id, level]) => `${id} ${level}`);
  const inCode = ALL_RULE_INFO.map((r) => `${r.id} ${r.level}${r.strictOnly ? ' (strict only)' : ''}${r.advice ? ' (advice, opt-in)' : ''}`);
  expect(documented).toEqual(inCode);
});

test('RULES.md and the rules name the same high-risk and token-minting groups', () => {
  const row = (id: string) => rows.find(([, rowId]) => rowId === id)?.[3] ?? '';
  for (const name of HIGH_RISK_GROUP_NAMES) expect(row('CFT5')).toContain(`\`${name}\``);
  for (const name of TOKEN_MINTING_GROUP_NAMES) expect(row('CFT2')).toContain(`\`${name}\``);
  expect(row('CFT5').match(/`[^`]+`/g)).toHaveLength(HIGH_RISK_GROUP_NAMES.length);
});

test('every rule explains itself and says how to fix it', () => {
  for (const rule of ALL_RULE_INFO) {
    expect(rule.explanation.length).toBeGreaterThan(40);
    expect(rule.fix.length).toBeGreaterThan(20);
  }
});
