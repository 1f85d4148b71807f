import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../src/audit/write-reports.js';
import { exportUsers } from '../src/export/run-export.js';
import { collectReportData } from '../src/report/collect.js';
import { renderReportHtml } from '../src/report/render.js';
import { generateTree } from './generate-tree.js';

/**
 * The migration report at size: a 10,000-file audit (about 1,800 findings) and an export of 100,000
 * users of which 20,000 are rejected (the rejects file is read to count reasons). Prints the time to
 * read the phase files, to render, and the page's size. Usage: npx tsx bench/report.ts
 */
const workspace = mkdtempSync(join(tmpdir(), 'skm-bench-report-'));
try {
  generateTree(join(workspace, 'app'), 10_000);
  const audit = await runAudit({ root: workspace });
  await writeAuditReports(workspace, audit);

  const lines: string[] = [];
  for (let i = 0; i < 100_000; i += 1) {
    const email = i % 5 === 0 ? `not-an-email-${i}` : `user${i}@example.com`;
    lines.push(JSON.stringify({ external_id: `u${i}`, email, org_external_id: `o${i % 500}`, roles: ['member'] }));
  }
  writeFileSync(join(workspace, 'users.json'), `[${lines.join(',\n')}]`);
  const exported = await exportUsers({ source: 'json', file: 'users.json' }, { workspace });

  const times: Array<{ collectMs: number; renderMs: number; bytes: number }> = [];
  for (let i = 0; i < 5; i += 1) {
    let started = performance.now();
    const data = await collectReportData(workspace);
    const collectMs = performance.now() - started;
    started = performance.now();
    const html = renderReportHtml(data);
    times.push({ collectMs, renderMs: performance.now() - started, bytes: Buffer.byteLength(html) });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
  console.log(`audit: ${audit.summary.total} findings in ${audit.filesScanned} files; export: ${exported.counts.users} users, ${exported.counts.rejects} rejects`);
  console.log(`report (median of 5): read ${median(times.map((t) => t.collectMs)).toFixed(0)} ms, render ${median(times.map((t) => t.renderMs)).toFixed(0)} ms, ${(times[0]!.bytes / 1024).toFixed(0)} KiB`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (audit and export included)`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
