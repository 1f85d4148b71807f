import { runAudit } from '../src/audit/engine/run-audit.js';

/** One measured audit in a fresh process (so peak RSS is this run's): prints one JSON line. */
const [root, workers] = process.argv.slice(2);
const started = performance.now();
const report = await runAudit({ root: root!, workers: workers === undefined || workers === 'auto' ? undefined : Number(workers) });
const elapsed = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    filesScanned: report.filesScanned,
    filesAnalyzed: report.filesAnalyzed,
    findings: report.findings.length,
    skipped: report.skipped.length,
    auditMs: elapsed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
