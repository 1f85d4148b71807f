import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/reporters/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One file per core: most files spend part of their time waiting on child processes, sockets and disks
    // (vitest's default, cores - 1, runs one file at a time on a 2-core machine). `--maxWorkers N` overrides it.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowFilesFirst },
    setupFiles: ['./test/reporters/cpu-time.ts'],
    reporters: ['default', './test/reporters/slowest-files.ts'],
  },
});
