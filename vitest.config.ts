import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/reporters/slow-files-first.js';

/**
 * Test files that share their worker's loaded modules (see `isolate` below); each folder was run so and passed.
 * Left isolated: test/demo and test/install (whole processes of their own, nothing to share). A file leaves the
 * environment variables as it found them (test/helpers/restore-env-setup.ts): the checklist's tests failed on the
 * SCALEKIT_* credentials an earlier file of the worker had set.
 */
const SHARED_MODULES = [
  'test/middleware/**/*.test.ts', 'test/emulator/**/*.test.ts', 'test/audit/**/*.test.ts', 'test/mcp/**/*.test.ts',
  'test/export/**/*.test.ts', 'test/redirects/**/*.test.ts', 'test/monitor/**/*.test.ts', 'test/import/**/*.test.ts',
  'test/cli/**/*.test.ts', 'test/package/**/*.test.ts', 'test/workspace/**/*.test.ts', 'test/scalekit/**/*.test.ts',
  'test/report/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/skills/**/*.test.ts', 'test/checklist/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Hang guards, not speed checks: at a load average of 25 a test that takes 10 s idle can take 3 minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One file per core and one more: files also wait on child processes, sockets and disks, so a third file keeps two
    // cores busy (an idle run on 2 cores: 295 s, against 321-329 s with two). `--maxWorkers N` overrides it.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: SlowFilesFirst },
    setupFiles: ['./test/reporters/cpu-time.ts', './test/helpers/after-each-setup.ts', './test/helpers/restore-env-setup.ts'],
    reporters: ['default', './test/reporters/slowest-files.ts'],
    projects: [
      // A worker that runs several of these files loads ts-morph, TypeScript, the SDK and the emulator once, and
      // src/middleware/shared-declarations.ts parses @types/node and the lib files once (test/middleware: 170 s of CPU
      // instead of 234 s; test/emulator: 31 s instead of 45 s; audit, mcp, export, redirects and monitor: 78 s instead
      // of 96 s; import, cli and the small folders: 82 s instead of 120 s). The helpers' clean-ups run from a setup
      // file, so they hold for every file.
      { extends: true, test: { name: 'shared-modules', include: SHARED_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: SHARED_MODULES } },
    ],
  },
});
