import { z } from 'zod';
import { MANUAL_STATUSES } from '../../checklist/state.js';
import { checklistReportSchema, type ChecklistReport } from '../../checklist/report.js';
import { renderChecklistMarkdown } from '../../checklist/render.js';
import { runChecklist } from '../../checklist/run.js';
import { writeMigrationReport } from '../../report/write-report.js';
import { artefactLines, artefactSchema, writeArtefact, type Artefact } from '../artefact-files.js';
import { nextFromChecklist } from '../next-steps.js';
import { RESULT_BUDGET, fitArrays } from '../result-budget.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const description =
  'The migration phases and go-live reviews with each item\'s status, the current phase and the next action; items a program can ' +
  'check are checked on every call. Call it first and after each phase. ';

const NOTE_SHOWN = 160;

/** The checklist as the tool returns it: every section's counts, the items of the current phase; the whole list in a file. */
const checklistToolOutputSchema = checklistReportSchema.extend({ artefacts: z.array(artefactSchema) });

/** `write` false on a read-only server: no file, the other sections as counts only. */
async function checklistOutcome(workspace: string, serverRoot: string, report: ChecklistReport, write: boolean) {
  const artefact = write ? await writeArtefact(workspace, 'checklist', 'checklist.md', renderChecklistMarkdown(report), serverRoot) : undefined;
  const current = report.currentPhase?.id;
  const structured = {
    ...report,
    // Other sections: the items someone marked or that need attention, without check details, notes cut short;
    // pending ones are in their section's counts. Every item, whole, is in the artefact.
    sections: report.sections.map((section) => ({
      ...section,
      items:
        section.id === current
          ? section.items
          : section.items
              .filter((item) => item.status !== 'pending' || item.attention)
              .map(({ check: _check, ...item }) => (item.note && item.note.length > NOTE_SHOWN ? { ...item, note: `${item.note.slice(0, NOTE_SHOWN)}...` } : item)),
    })),
    artefacts: artefact ? [artefact] : [],
  };
  fitArrays(structured, RESULT_BUDGET.structuredBytes - 256, structured.sections.flatMap((section, index) => (section.id === current ? [] : [`sections.${index}.items`])));
  return { structured, text: renderChecklistSummary(report, artefact), next: nextFromChecklist(report) };
}

/** The current phase item by item, the other sections as counts (the full list is in the artefact). */
function renderChecklistSummary(report: ChecklistReport, artefact: Artefact | undefined): string {
  const full = renderChecklistMarkdown(report).split('\n');
  const head = full.slice(0, full.findIndex((line) => line.startsWith('## ')));
  const lines = [...head];
  for (const section of report.sections) {
    const { done = 0, skipped = 0, blocked = 0, pending = 0 } = section.counts;
    const heading = section.kind === 'phase' ? `Phase ${section.number}: ${section.title}` : `Review: ${section.title}`;
    if (section.id === report.currentPhase?.id) {
      const start = full.indexOf(`## ${heading}`);
      const end = full.findIndex((line, index) => index > start && line.startsWith('## '));
      lines.push(...full.slice(start, end === -1 ? undefined : end).filter((line) => line !== '' && !line.startsWith('Legend:')).map((line) => line.replace(/^## /, '')));
      continue;
    }
    lines.push(`${heading}: ${done} done, ${skipped} skipped, ${blocked} blocked, ${pending} pending`);
    for (const item of section.items.filter((entry) => entry.attention)) lines.push(`- ATTENTION \`${item.id}\`: ${item.attention}`);
  }
  lines.push('');
  if (artefact) lines.push('Every item of every section:', ...artefactLines([artefact]));
  else lines.push('(Items of the other sections are listed when their phase becomes current.)');
  return lines.join('\n');
}

const checklistReadOnlyTool = defineTool({
  name: 'checklist',
  title: 'Migration checklist (read-only)',
  description: description + 'Read-only: cannot mark items.',
  // Strict: an attempt to mark items is an error the assistant sees, not an argument silently dropped.
  inputSchema: z.strictObject({ workspace: workspaceInput }),
  outputSchema: checklistToolOutputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const report = await runChecklist({ workspace, persist: false, signal: context.signal });
    return checklistOutcome(workspace, context.serverRoot, report, false);
  },
});

export const checklistTool = defineTool({
  name: 'checklist',
  title: 'Migration checklist',
  description:
    description +
    '`updates` marks items; `report: true` writes .scalekit-migration/report.html.',
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
      .describe('Items to mark; omit to just read.'),
    report: z.boolean().optional().describe('true to also write report.html.'),
  }),
  outputSchema: checklistToolOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  readOnlyVariant: checklistReadOnlyTool,
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const report = await runChecklist({ workspace, updates: input.updates, signal: context.signal });
    if (input.report) report.report = await writeMigrationReport(workspace, report);
    return checklistOutcome(workspace, context.serverRoot, report, true);
  },
});
