import type { ChecklistReport, ItemReport } from './report.js';

const BOXES: Record<ItemReport['status'], string> = { done: '[x]', pending: '[ ]', skipped: '[-]', blocked: '[!]' };

export function renderChecklistMarkdown(report: ChecklistReport): string {
  const lines: string[] = ['# Scalekit migration checklist', ''];
  lines.push(`Workspace: ${report.workspace}`);
  lines.push(
    report.currentPhase
      ? `Current phase: ${report.currentPhase.number}. ${report.currentPhase.title}`
      : 'All five phases are complete.',
  );
  if (report.nextAction) {
    const via = report.nextAction.tool ? ` (tool: \`${report.nextAction.tool}\`)` : '';
    const blocked = report.nextAction.blocked ? ' [blocked: unblock it first]' : '';
    lines.push(`Next action: ${report.nextAction.title}${via}${blocked}`);
  }
  if (report.openBehind?.length) {
    lines.push(`Still open in earlier phases (for a person): ${report.openBehind.map((item) => `\`${item.itemId}\``).join(', ')}`);
  }
  const { done, skipped, blocked, pending } = report.counts;
  lines.push(`Progress: ${done} done, ${skipped} skipped, ${blocked} blocked, ${pending} pending`);
  if (report.updated.length) lines.push(`Updated now: ${report.updated.join(', ')}`);
  if (report.report) lines.push(`Migration report written: ${report.report}`);
  for (const section of report.sections) {
    const heading = section.kind === 'phase' ? `Phase ${section.number}: ${section.title}` : `Review: ${section.title}`;
    lines.push('', `## ${heading}`, '');
    for (const item of section.items) lines.push(renderItem(item));
  }
  lines.push('', 'Legend: [x] done, [ ] pending, [-] skipped, [!] blocked; (auto) items are checked by the program on every read.');
  return lines.join('\n') + '\n';
}

function renderItem(item: ItemReport): string {
  const parts = [`- ${BOXES[item.status]} ${item.title} \`${item.id}\``];
  if (item.tool) parts.push(`tool: \`${item.tool}\``);
  if (item.check) parts.push(`(auto) ${item.check.detail}`);
  if (item.note) parts.push(`note: ${item.note}`);
  if (item.attention) parts.push(`ATTENTION: ${item.attention}`);
  return parts.join(' — ');
}
