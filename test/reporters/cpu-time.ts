import { readFileSync } from 'node:fs';
import { afterAll } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** CPU seconds (user + system) the test file used, its child processes included: see slowest-files.ts. */
    cpuSeconds?: number;
  }
}

/** User + system CPU of this process and of its child processes that ended, in seconds (Linux only: else undefined). */
function cpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14-17 of proc(5) (utime, stime, cutime, cstime), counted from field 3 here, in ticks of 1/100 s.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
  } catch {
    return undefined;
  }
}

const atStart = cpuSeconds();

// The first argument is vitest's fixture context (it must be a destructuring pattern); the second, the file's suite.
afterAll(({}, file) => {
  const atEnd = cpuSeconds();
  if (atStart !== undefined && atEnd !== undefined) file.meta.cpuSeconds = atEnd - atStart;
});
