// Runs one import (or verify, or rollback) in its own process and reports the result, this process's peak RSS
// and its peak live heap, so the figures are the importer's alone. argv[2]: JSON { command, options }.
// Started with --expose-gc: every 2 s a full GC runs and the heap still in use is sampled.
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';

const { command, options } = JSON.parse(process.argv[2]!);
const gc = (globalThis as { gc?: () => void }).gc;
let liveHeapPeak = 0;
const sample = setInterval(() => {
  gc?.();
  liveHeapPeak = Math.max(liveHeapPeak, process.memoryUsage().heapUsed);
}, 2000);
const started = performance.now();
const result = command === 'verify' ? await runVerify(options) : command === 'rollback' ? await runRollback(options) : await runImport(options);
const wallMs = performance.now() - started;
clearInterval(sample);
process.send!({ result, wallMs, maxRssKiB: process.resourceUsage().maxRSS, liveHeapPeakMiB: Math.round(liveHeapPeak / 2 ** 20) });
process.disconnect();
