import type { Command } from 'commander';
import { renderChecklistMarkdown } from '../../checklist/render.js';
import type { ItemUpdate } from '../../checklist/run.js';
import type { ManualStatus } from '../../checklist/state.js';
import { nextFromChecklist } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';

interface ChecklistFlags {
  json?: boolean;
  done: string[];
  skip: string[];
  block: string[];
  reopen: string[];
  note?: string;
  report?: boolean;
}

export function registerChecklistCommand(program: Command): void {
  program
    .command('checklist')
    .description('phase progress, backup and go-live reviews, with automatic checks')
    .argument('[dir]', 'the application workspace', '.')
    .option('--done <ids...>', 'mark items done', [])
    .option('--skip <ids...>', 'mark items skipped', [])
    .option('--block <ids...>', 'mark items blocked', [])
    .option('--reopen <ids...>', 'mark items pending again', [])
    .option('--note <text>', 'note stored with every item marked by this call')
    .option('--report', 'also write the migration report, .scalekit-migration/report.html')
    .option('--json', 'print the checklist as one JSON document')
    .action(async (dir: string, flags: ChecklistFlags) => {
      const updates = [
        ...toUpdates(flags.done, 'done', flags.note),
        ...toUpdates(flags.skip, 'skipped', flags.note),
        ...toUpdates(flags.block, 'blocked', flags.note),
        ...toUpdates(flags.reopen, 'pending', flags.note),
      ];
      const { runChecklist } = await import('../../checklist/run.js');
      const report = await runChecklist({ workspace: dir, updates });
      if (flags.report) report.report = await (await import('../../report/write-report.js')).writeMigrationReport(report.workspace, report);
      emitResult(flags, report, renderChecklistMarkdown(report), false, nextFromChecklist(report));
    });
}

function toUpdates(ids: string[], status: ManualStatus, note: string | undefined): ItemUpdate[] {
  return ids.map((id) => ({ id, status, note }));
}
