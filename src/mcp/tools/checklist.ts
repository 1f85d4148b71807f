import { z } from 'zod';
import { MANUAL_STATUSES } from '../../checklist/state.js';
import { checklistReportSchema } from '../../checklist/report.js';
import { renderChecklistMarkdown } from '../../checklist/render.js';
import { runChecklist } from '../../checklist/run.js';
import { writeMigrationReport } from '../../report/write-report.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const description =
  'Shows the five migration phases, the backup checklist and the SSO/SCIM go-live reviews with the status of every item, ' +
  'the current phase and the next action. Items a program can check are checked automatically on every call. ';

const checklistReadOnlyTool = defineTool({
  name: 'checklist',
  title: 'Migration checklist (read-only)',
  description: description + 'This read-only server cannot mark items or write the report; call it at the start and after each phase.',
  // Strict: an attempt to mark items is an error the assistant sees, not an argument silently dropped.
  inputSchema: z.strictObject({ workspace: workspaceInput }),
  outputSchema: checklistReportSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const report = await runChecklist({ workspace: callWorkspace(context.serverRoot, input.workspace), persist: false, signal: context.signal });
    return { structured: report, text: renderChecklistMarkdown(report) };
  },
});

export const checklistTool = defineTool({
  name: 'checklist',
  title: 'Migration checklist',
  description:
    description +
    'Pass `updates` to mark items done, skipped, blocked or pending with a note, and `report: true` to (re)write the migration report ' +
    '(.scalekit-migration/report.html: audit findings, export counts and rejects, import and verification results, code changes, this checklist). ' +
    'Call it at the start and after each phase.',
  inputSchema: z.object({
    workspace: workspaceInput,
    updates: z
      .array(
        z.object({
          id: z.string().describe('Item id, e.g. "import.plan"'),
          status: z.enum(MANUAL_STATUSES),
          note: z.string().max(2000).optional(),
        }),
      )
      .optional()
      .describe('Items to mark; omit to just read the checklist.'),
    report: z.boolean().optional().describe('true to also write .scalekit-migration/report.html from the results the phases saved; its path comes back as `report`.'),
  }),
  outputSchema: checklistReportSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  readOnlyVariant: checklistReadOnlyTool,
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const report = await runChecklist({ workspace, updates: input.updates, signal: context.signal });
    if (input.report) report.report = await writeMigrationReport(workspace, report);
    return { structured: report, text: renderChecklistMarkdown(report) };
  },
});
