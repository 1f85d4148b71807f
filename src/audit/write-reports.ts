import { writeFileAtomic } from '../fs/atomic-write.js';
import { auditReportPaths, type AuditReportPaths } from './read-report.js';
import type { AuditReport } from './report.js';
import { loadChecklistSections } from './reporters/checklist-sections.js';
import { renderJson } from './reporters/json.js';
import { renderMarkdown } from './reporters/markdown.js';
import { renderSarif } from './reporters/sarif.js';

/** Writes audit.json, audit.md and audit.sarif under `<workspace>/.scalekit-migration/` (atomically, each). */
export async function writeAuditReports(workspace: string, report: AuditReport): Promise<AuditReportPaths> {
  const paths = auditReportPaths(workspace);
  const sections = await loadChecklistSections();
  await writeFileAtomic(paths.json, renderJson(report));
  await writeFileAtomic(paths.markdown, renderMarkdown(report, sections));
  await writeFileAtomic(paths.sarif, renderSarif(report));
  return paths;
}
