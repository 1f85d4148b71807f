import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEachTest } from './after-each-test.js';

const created: string[] = [];

/** A fresh real folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'skm-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

afterEachTest(
  () => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  },
  { last: true },
);
