// Compiles lib/ with swc into a temp package (dist/ + the real bin shim) once per test file,
// so CLI tests spawn plain `node bin/cf-token-review.js` (tens of ms) instead of ts-node.
import { execFile } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { transformFileSync } from '@swc/core';

const ROOT = join(__dirname, '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Builds the package layout `bin/cf-token-review.js` expects; returns the temp root. */
export function compileCli(): string {
  const root = mkdtempSync(join(tmpdir(), 'cf-token-review-pkg-'));
  for (const file of tsFiles(join(ROOT, 'lib'))) {
    const out = join(root, 'dist', relative(join(ROOT, 'lib'), file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    const { code } = transformFileSync(file, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false });
    writeFileSync(out, code);
  }
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'cf-token-review.js'), join(root, 'bin', 'cf-token-review.js'));
  return root;
}

export function removeCompiledCli(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the compiled CLI as a process. */
export function runCliProcess(root: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'cf-token-review.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
