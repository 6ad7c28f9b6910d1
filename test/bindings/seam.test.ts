// The framework seam (lib/framework.ts) is the only module that imports the CDK framework, and
// the library's bindings (lib/bindings) the only provider resources: the cdktn build rewrites
// that one module (scripts/build-cdktn.js). Framework objects are recognised by the frameworks'
// `is*` functions, never by `instanceof` of a framework class.
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformModule, TerraformStack, TerraformVariable } from 'cdktf';
import { isTerraformModule, isTerraformVariable } from '../../lib/framework';

const LIB = path.join(__dirname, '..', '..', 'lib');
const sources = (function list(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
})(LIB);
const FRAMEWORK_IMPORT = /(?:from|require\(|import\()\s*['"](cdktf|cdktn|@cdktf\/[^'"]*|@cdktn\/[^'"]*)['"]/;
const FRAMEWORK_CLASSES = ['App', 'TerraformStack', 'TerraformElement', 'TerraformResource', 'TerraformProvider', 'TerraformOutput', 'TerraformVariable', 'TerraformModule', 'TerraformBackend', 'TerraformLocal', 'DataResource', 'TerraformDataSource'];

test('only lib/framework.ts imports a framework or a provider package', () => {
  expect(sources.length).toBeGreaterThan(50);
  const importers = sources.filter((file) => FRAMEWORK_IMPORT.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(LIB, file));
  expect(importers).toEqual(['framework.ts']);
});

test('no module tests framework objects with instanceof', () => {
  const pattern = new RegExp(`instanceof\\s+(${FRAMEWORK_CLASSES.join('|')})\\b`);
  const offenders = sources
    .filter((file) => path.relative(LIB, file) !== 'framework.ts')
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => pattern.test(line)).map((line) => `${path.relative(LIB, file)}: ${line.trim()}`));
  expect(offenders).toEqual([]);
});

test('the run uses the framework CDK_FRAMEWORK names (cdktn: every cdktf import loads cdktn)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sameModule = require('cdktf').App === require('cdktn').App;
  expect(sameModule).toBe(process.env.CDK_FRAMEWORK === 'cdktn');
});

describe('variables and modules, which have no is* function, are recognised by shape', () => {
  const stack = new TerraformStack(new App(), 's');
  const variable = new TerraformVariable(stack, 'v', { type: 'string' });
  // TerraformModule is abstract in the types; the framework itself constructs it for registry modules.
  const module = new (TerraformModule as unknown as new (...args: unknown[]) => TerraformModule)(stack, 'm', { source: 'hashicorp/consul/aws', version: '0.1.0' });

  test('of this framework copy', () => {
    expect([isTerraformVariable(variable), isTerraformModule(variable)]).toEqual([true, false]);
    expect([isTerraformVariable(module), isTerraformModule(module)]).toEqual([false, true]);
    expect([isTerraformVariable(stack), isTerraformModule(stack), isTerraformVariable({ stringValue: 'x' }), isTerraformModule(null)]).toEqual([false, false, false, false]);
  });

  test('of the other framework (a class instanceof cannot see)', () => {
    // The framework this run does not use: cdktn under cdktf, cdktf under cdktn (by file path,
    // which the cdktn run's module mapping does not redirect).
    const other = process.env.CDK_FRAMEWORK === 'cdktn' ? require('cdktf/lib/index.js') : require('cdktn/lib/index.js');
    const otherStack = new other.TerraformStack(new other.App(), 'o');
    const otherVariable = new other.TerraformVariable(otherStack, 'v', { type: 'string' });
    const otherModule = new other.TerraformModule(otherStack, 'm', { source: 'hashicorp/consul/aws', version: '0.1.0' });
    expect(otherVariable instanceof TerraformVariable).toBe(false);
    expect([isTerraformVariable(otherVariable), isTerraformModule(otherVariable)]).toEqual([true, false]);
    expect([isTerraformVariable(otherModule), isTerraformModule(otherModule)]).toEqual([false, true]);
  });
});
