import type { Reporter, TestModule } from 'vitest/node';

/** How many files to list; `SLOWEST_FILES=all` (or a number) to compare two runs file by file. */
const SHOWN = process.env.SLOWEST_FILES === 'all' ? Infinity : Number(process.env.SLOWEST_FILES ?? 12);

/**
 * After the run, the test files that took longest (import + tests), so CI logs show where the suite's time goes.
 * Beside the wall time, the CPU time (user + system, child processes included, from cpu-time.ts): wall times
 * grow with the machine's load, CPU times much less, so compare runs by CPU.
 */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules.map((module) => {
      const diagnostic = module.diagnostic();
      return { file: module.relativeModuleId, ms: diagnostic.collectDuration + diagnostic.duration, cpu: module.meta().cpuSeconds };
    });
    timed.sort((a, b) => b.ms - a.ms);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const wall = sum(timed.map((entry) => entry.ms)) / 1000;
    const cpu = sum(timed.map((entry) => entry.cpu ?? 0));
    const lines = timed.slice(0, SHOWN).map(({ file, ms, cpu }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${cpu === undefined ? '     ?' : cpu.toFixed(1).padStart(6)} s  ${file}`);
    process.stdout.write(
      `\nSlowest test files (of ${timed.length}; ${wall.toFixed(0)} s wall summed over files run in parallel, ${cpu.toFixed(0)} s CPU):\n` +
        `    wall      CPU\n${lines.join('\n')}\n`,
    );
  }
}
