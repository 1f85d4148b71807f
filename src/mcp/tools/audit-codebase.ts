import { z } from 'zod';
import { auditToolOutputSchema, renderToolText, summarizeForTool } from '../../audit/tool-summary.js';
import { resolveInside } from '../../workspace/confine.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const description =
  'Phase 1. Statically scans the application (JS/TS by AST; Python, Go, Java/Kotlin, PHP, Ruby, SQL, Prisma, .env by lighter rules) for every ' +
  'auth touchpoint: sign-up, login, session and token validation, token issuance, refresh, RBAC, email verification, password reset, logout, ' +
  'password hashing, OAuth/SSO providers, MFA, API keys, auth config, and the user/organization/role/membership data model. ' +
  'Returns counts per category, the top findings, the data model, token/session facts and role names; ';
const inputSchema = z.object({
  workspace: workspaceInput,
  dir: z.string().optional().describe('Folder to audit, relative to the workspace (e.g. "apps/web" in a monorepo); defaults to the whole workspace.'),
});

function auditTool(writeReports: boolean) {
  return defineTool({
    name: 'auditCodebase',
    title: 'Audit the codebase for auth touchpoints',
    description:
      description +
      (writeReports
        ? 'writes the full reports (audit.json, audit.md grouped by AUDIT-CHECKLIST.md sections, audit.sarif) to <workspace>/.scalekit-migration/. '
        : 'this read-only server writes no report file. ') +
      'Reads code only; never runs it and never calls the network. Review the result with the user before exporting.',
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
      return { structured: output, text: renderToolText(output) };
    },
  });
}

export const auditCodebaseTool = defineTool({ ...auditTool(true), readOnlyVariant: auditTool(false) });
