import type { ChecklistReport } from '../../checklist/report.js';
import { badge, esc, metric, notYet, section } from '../html.js';

export function checklistSection(checklist: ChecklistReport | undefined): string {
  if (!checklist) return section('checklist', 'Checklist', notYet('No checklist state', 'run `scalekit-migrate checklist --report`'));
  const current = checklist.currentPhase ? `Current phase: <strong>${esc(checklist.currentPhase.number)}. ${esc(checklist.currentPhase.title)}</strong>` : 'Every phase is done.';
  const next = checklist.nextAction ? ` Next: ${esc(checklist.nextAction.title)} <code>${esc(checklist.nextAction.itemId)}</code>` : '';
  const sections = checklist.sections.map((entry) => {
    const total = entry.items.length;
    const done = entry.counts.done;
    const percent = total ? Math.round((done / total) * 100) : 0;
    const items = entry.items
      .map(
        (item) =>
          `<li>${badge(item.status)} <span class="item-title">${esc(item.title)}</span> <code>${esc(item.id)}</code>` +
          (item.check ? `<div class="detail">${item.check.ok ? 'check: ' : 'check says: '}${esc(item.check.detail)}</div>` : '') +
          (item.note ? `<div class="detail">note: ${esc(item.note)}</div>` : '') +
          (item.attention ? `<div class="detail bad">${esc(item.attention)}</div>` : '') +
          '</li>',
      )
      .join('\n');
    const title = `${entry.number ? `${entry.number}. ` : ''}${entry.title}`;
    return (
      `<details${entry.kind === 'phase' ? ' open' : ''}><summary><span class="phase-title">${esc(title)}</span> ` +
      `<span class="progress"><span style="width:${percent}%"></span></span> ${metric(`checklist.${entry.id}.done`, done)} / ${esc(total)}</summary>` +
      `<ul class="items">${items}</ul></details>`
    );
  });
  return section('checklist', 'Checklist', `<p>${current}${next}</p>\n${sections.join('\n')}`);
}
