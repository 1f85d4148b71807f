import { runAudit } from '../src/audit/engine/run-audit.js';

/** One audit of a real app in a fresh process: prints its file × category pairs, counts, wall and CPU (user+sys) time as one JSON line. */
const [root] = process.argv.slice(2);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await runAudit({ root: root! });
const auditMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const pairs = [...new Set(report.findings.map((finding) => `${finding.file}\t${finding.category}`))];
process.stdout.write(JSON.stringify({ filesScanned: report.filesScanned, findings: report.findings.length, auditMs, cpuMs, pairs }) + '\n');
