import { runAudit } from '../src/audit/engine/run-audit.js';

/** One audit of a real app in a fresh process: prints its file × category pairs, counts and time as one JSON line. */
const [root] = process.argv.slice(2);
const started = performance.now();
const report = await runAudit({ root: root! });
const auditMs = performance.now() - started;
const pairs = [...new Set(report.findings.map((finding) => `${finding.file}\t${finding.category}`))];
process.stdout.write(JSON.stringify({ filesScanned: report.filesScanned, findings: report.findings.length, auditMs, pairs }) + '\n');
