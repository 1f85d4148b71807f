import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prefilterFor } from '../src/audit/engine/prefilter.js';
import { RULES } from '../src/audit/rules/registry.js';
import { generateTree } from './generate-tree.js';

/**
 * Audit throughput on generated TypeScript monorepos of 1k, 3k and 10k files: files/s, peak RSS
 * and the ratio to ripgrep scanning the same tree for the prefilter's keywords.
 * Each audit runs in a fresh process, so its peak RSS is its own; each size is audited in the main
 * thread (the default) and with 2 worker threads (opt-in). Usage: npx tsx bench/audit.ts [sizes...]
 */
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
const SIZES = sizes.length ? sizes : [1000, 3000, 10_000];
const RUNS = 3;
const runner = fileURLToPath(new URL('./audit-run.ts', import.meta.url));
const keywords = prefilterFor('javascript', RULES).source;

interface Measure {
  filesScanned: number;
  filesAnalyzed: number;
  findings: number;
  skipped: number;
  auditMs: number;
  peakRssMb: number;
}

function audit(root: string, workers: string): Measure {
  const child = spawnSync(process.execPath, [...process.execArgv, runner, root, workers], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`audit run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measure;
}

function ripgrep(root: string): number | undefined {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const started = performance.now();
  const run = spawnSync('rg', ['--files-with-matches', '-e', keywords, root], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const elapsed = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`rg failed: ${run.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`audit benchmark: ${availableParallelism()} cores, node ${process.version}, ${RUNS} runs per size (median), keywords regex ${keywords.length} chars`);
console.log('files   | MB   | workers | audit ms | files/s | ms/1k files | peak RSS MB | analyzed | findings | rg ms | audit/rg');
console.log('--------|------|---------|----------|---------|-------------|-------------|----------|----------|-------|---------');
for (const size of SIZES) {
  const root = mkdtempSync(join(tmpdir(), `skm-bench-${size}-`));
  // ripgrep: files with at least one prefilter keyword, the same work as the audit's first pass.
  try {
    const { bytes } = generateTree(root, size);
    audit(root, '0');
    const rg = median(Array.from({ length: RUNS }, () => ripgrep(root) ?? Number.NaN));
    for (const workers of ['0', '2']) {
      const runs = Array.from({ length: RUNS }, () => audit(root, workers));
      const ms = median(runs.map((run) => run.auditMs));
      const rss = Math.max(...runs.map((run) => run.peakRssMb));
      const first = runs[0]!;
      const ratio = Number.isNaN(rg) ? 'rg missing' : (ms / rg).toFixed(1) + 'x';
      console.log(
        [
          String(first.filesScanned).padEnd(7),
          (bytes / 1e6).toFixed(1).padEnd(4),
          (workers === '0' ? 'main' : `${workers} thr`).padEnd(7),
          ms.toFixed(0).padStart(8),
          ((first.filesScanned / ms) * 1000).toFixed(0).padStart(7),
          ((ms / first.filesScanned) * 1000).toFixed(0).padStart(11),
          rss.toFixed(0).padStart(11),
          String(first.filesAnalyzed).padStart(8),
          String(first.findings).padStart(8),
          Number.isNaN(rg) ? '   - ' : rg.toFixed(0).padStart(5),
          ratio.padStart(8),
        ].join(' | '),
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
if (spawnSync('rg', ['--version']).status !== 0) console.log('ripgrep is not installed: apt-get install -y ripgrep for the comparison');
