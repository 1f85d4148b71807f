import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoResult } from '../src/demo/result.js';

/**
 * `scalekit-migrate demo` as a user runs it: the built CLI in a fresh process, 3 runs, wall time,
 * peak RSS of the CLI process (the sample app's own processes not included) and the time of each step.
 * Usage: npm run build && npx tsx bench/demo.ts [runs]
 */
const repo = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 3);
const stepTimes = new Map<string, number[]>();
const rows: Array<{ wallS: number; peakRssMb: number }> = [];

for (let i = 0; i < runs; i += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'skm-bench-demo-'));
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', join(repo, 'bench', 'peak-rss.cjs'), join(repo, 'dist', 'cli.js'), 'demo', '--json', '--workspace', join(dir, 'ws')], { encoding: 'utf8' });
  const wallS = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`demo exited ${run.status}: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as DemoResult;
  const peakKb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1]);
  rows.push({ wallS, peakRssMb: peakKb / 1024 });
  for (const step of result.steps) stepTimes.set(step.id, [...(stepTimes.get(step.id) ?? []), step.durationMs]);
  rmSync(dir, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`demo, ${runs} runs: wall ${rows.map((row) => row.wallS.toFixed(1)).join(' / ')} s, peak RSS ${rows.map((row) => row.peakRssMb.toFixed(0)).join(' / ')} MB`);
console.log('step medians (ms):');
for (const [id, times] of stepTimes) console.log(`  ${id.padEnd(20)} ${String(median(times)).padStart(6)}`);
