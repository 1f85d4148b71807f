import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most test files wait on child processes, sockets and disks rather than the CPU, so more files run at once
    // than there are cores (vitest's default is cores - 1: one at a time on a 2-core machine).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    reporters: ['default', './test/reporters/slowest-files.ts'],
  },
});
