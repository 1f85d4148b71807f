/**
 * Clean-ups the helpers need after every test (temp folders, emulators, started apps), run by the setup file
 * test/helpers/after-each-setup.ts. A helper module is evaluated once per worker when files share a worker's module
 * cache, so an `afterEach` at a helper's top level would hold for the first file only; this list holds for all.
 */
const cleanups: Array<() => unknown> = [];
const finalCleanups: Array<() => unknown> = [];

/**
 * `last`: run after every other clean-up, whatever the order the helpers were loaded in (temp folders: an emulator
 * stopped after its folder was removed would write its state file there again).
 */
export function afterEachTest(cleanup: () => unknown, options: { last?: boolean } = {}): void {
  (options.last ? finalCleanups : cleanups).push(cleanup);
}

/** The clean-ups, the last registered first (as vitest runs after-hooks), then those asked to run last. */
export async function runAfterEachTest(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup();
  for (const cleanup of finalCleanups) await cleanup();
}
