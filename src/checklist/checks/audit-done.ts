import { readAuditReport } from '../../audit/read-report.js';
import type { AutomaticCheck } from './types.js';

/** "Audit the codebase": done once a valid audit report exists in the workspace. */
export const auditDoneCheck: AutomaticCheck = async ({ workspace }) => {
  try {
    const report = await readAuditReport(workspace);
    const categories = Object.values(report.summary.byCategory).filter((count) => count > 0).length;
    return {
      ok: true,
      detail:
        `audit of ${report.root} at ${report.generatedAt}: ${report.summary.total} findings in ${categories} categories, ` +
        `${report.filesScanned} files scanned, ${report.skipped.length} skipped`,
    };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
};
