import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 12;

/** After the run, the test files that took longest (import + tests), so CI logs show where the suite's time goes. */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules.map((module) => {
      const diagnostic = module.diagnostic();
      return { file: module.relativeModuleId, ms: diagnostic.collectDuration + diagnostic.duration };
    });
    timed.sort((a, b) => b.ms - a.ms);
    const total = timed.reduce((sum, entry) => sum + entry.ms, 0);
    const lines = timed.slice(0, SHOWN).map(({ file, ms }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}`);
    process.stdout.write(`\nSlowest test files (of ${timed.length}; ${(total / 1000).toFixed(0)} s summed over files run in parallel):\n${lines.join('\n')}\n`);
  }
}
