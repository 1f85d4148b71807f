import { join } from 'node:path';
import type { ChecklistReport } from '../checklist/report.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { migrationDir } from '../workspace/paths.js';
import { collectReportData } from './collect.js';
import { renderReportHtml } from './render.js';

export const REPORT_FILE = 'report.html';

export function reportPath(workspace: string): string {
  return join(migrationDir(workspace), REPORT_FILE);
}

/** Draws `.scalekit-migration/report.html` from what the phases wrote, with the checklist as just computed. */
export async function writeMigrationReport(workspace: string, checklist?: ChecklistReport): Promise<string> {
  const path = reportPath(workspace);
  await writeFileAtomic(path, renderReportHtml(await collectReportData(workspace, checklist)));
  return path;
}
