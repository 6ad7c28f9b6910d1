// The sequencer's estimates name test files that exist: a renamed slow file would otherwise
// lose its place at the front of a fresh run without anyone noticing.
import { existsSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ESTIMATED_SECONDS } = require('./longest-first-sequencer') as { ESTIMATED_SECONDS: Record<string, number> };

test('every file the sequencer estimates is a test file of the suite', () => {
  const files = Object.keys(ESTIMATED_SECONDS);
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((file) => !existsSync(join(ROOT, file)) || !file.endsWith('.test.ts'))).toEqual([]);
});
