import { z } from 'zod';
import { auditToolOutputSchema, renderToolText, summarizeForTool } from '../../audit/tool-summary.js';
import { resolveInside } from '../../workspace/confine.js';
import { fitArrays, RESULT_BUDGET } from '../result-budget.js';
import { nextAfterAudit } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const description =
  'Phase 1. Scans the code (JS/TS, Python, Go, Java, PHP, Ruby, SQL, Prisma, .env) for every auth touchpoint and the ' +
  'user/org/role data model; returns counts and top findings; ';
const inputSchema = z.object({
  workspace: workspaceInput,
  dir: z.string().optional().describe('Folder to audit in the workspace (e.g. "apps/web"); default: all of it.'),
});

function auditTool(writeReports: boolean) {
  return defineTool({
    name: 'auditCodebase',
    title: 'Audit the codebase for auth touchpoints',
    description:
      description +
      (writeReports
        ? 'writes the full reports (audit.json, audit.md, audit.sarif) to .scalekit-migration/. '
        : 'this read-only server writes no report file. ') +
      'Never runs code. Review with the user before exporting.',
    inputSchema,
    outputSchema: auditToolOutputSchema,
    // Writing, it (over)writes its own report files under .scalekit-migration/, so it is not read-only; it never
    // changes the application's code, so it is not destructive, and the same tree gives the same reports.
    annotations: { readOnlyHint: !writeReports, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(input, context) {
      // Loaded on first use: the engine brings the TypeScript parser and every rule.
      const [{ runAudit }, { writeAuditReports }] = await Promise.all([import('../../audit/engine/run-audit.js'), import('../../audit/write-reports.js')]);
      const workspace = callWorkspace(context.serverRoot, input.workspace);
      const root = resolveInside(workspace, input.dir ?? '.', 'dir');
      const report = await runAudit({
        root,
        signal: context.signal,
        onProgress: (done, total) => void context.progress(done, total, `audited ${done} of ${total} files`).catch(() => undefined),
      });
      const reports = writeReports ? await writeAuditReports(workspace, report) : undefined;
      await context.log('info', `audit of ${root}: ${report.summary.total} findings in ${report.filesScanned} files, ${report.skipped.length} skipped`);
      const output = summarizeForTool(report, reports);
      // A big app's data model and findings are cut to the budget; the report files hold them all.
      fitArrays(output, RESULT_BUDGET.structuredBytes - 256, ['topFindings', 'dataModel.entities', 'dataModel.authTables', 'roles', 'permissions', 'skipped.sample']);
      output.moreFindings = output.summary.total > output.topFindings.length;
      return { structured: output, text: renderToolText(output, { findings: 10 }), next: nextAfterAudit() };
    },
  });
}

export const auditCodebaseTool = defineTool({ ...auditTool(true), readOnlyVariant: auditTool(false) });
