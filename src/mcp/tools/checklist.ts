import { z } from 'zod';
import { MANUAL_STATUSES } from '../../checklist/state.js';
import { checklistReportSchema } from '../../checklist/report.js';
import { renderChecklistMarkdown } from '../../checklist/render.js';
import { runChecklist } from '../../checklist/run.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const checklistTool = defineTool({
  name: 'checklist',
  title: 'Migration checklist',
  description:
    'Shows the five migration phases, the backup checklist and the SSO/SCIM go-live reviews with the status of every item, ' +
    'the current phase and the next action. Items a program can check are checked automatically on every call. ' +
    'Pass `updates` to mark items done, skipped, blocked or pending with a note. Call it at the start and after each phase.',
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
  }),
  outputSchema: checklistReportSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const report = await runChecklist({
      workspace: callWorkspace(context.serverRoot, input.workspace),
      updates: input.updates,
      signal: context.signal,
    });
    return { structured: report, text: renderChecklistMarkdown(report) };
  },
});
