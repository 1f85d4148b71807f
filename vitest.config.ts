import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/reporters/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards, not speed checks: at a load average of 25 a test that takes 10 s idle can take 3 minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One file per core and one more: files also wait on child processes, sockets and disks, so a third file keeps two
    // cores busy (an idle run on 2 cores: 295 s, against 321-329 s with two). `--maxWorkers N` overrides it.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: SlowFilesFirst },
    setupFiles: ['./test/reporters/cpu-time.ts', './test/helpers/after-each-setup.ts'],
    reporters: ['default', './test/reporters/slowest-files.ts'],
  },
});
