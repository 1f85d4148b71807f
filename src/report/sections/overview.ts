import type { ReportData } from '../collect.js';
import { esc, metric } from '../html.js';

/** The cards at the top: one number per phase, each linking to its section. */
export function overviewCards(data: ReportData): string {
  const cards: string[] = [];
  const card = (href: string, label: string, value: string, note = '') =>
    cards.push(`<a class="card" href="#${esc(href)}"><span class="card-label">${esc(label)}</span><span class="card-value">${value}</span>${note ? `<span class="card-note">${note}</span>` : ''}</a>`);
  if (data.checklist) {
    const c = data.checklist.counts;
    const total = Object.values(c).reduce((sum, n) => sum + n, 0);
    card('checklist', 'Checklist items done', metric('checklist.done', c.done), `of ${metric('checklist.total', total)}`);
  }
  if (data.audit) card('audit', 'Auth touchpoints found', metric('audit.total', data.audit.summary.total), `in ${metric('audit.filesScanned', data.audit.filesScanned)} files`);
  if (data.export) {
    card('export', 'Users exported', metric('export.users', data.export.manifest.counts.users), `${metric('export.rejects', data.export.manifest.counts.rejects)} rejected`);
  }
  if (data.importApply) {
    const users = data.importApply.result.counts.users;
    card('import', 'Users imported', metric('import.users.done', users.create + users.update + users.unchanged), `${metric('import.failed', totalFailed(data))} failed`);
  }
  if (data.verify) {
    card('verify', 'Verification', data.verify.result.ok ? '<span class="ok">zero mismatches</span>' : `<span class="bad">${metric('verify.mismatches', data.verify.result.mismatches.total)} mismatches</span>`);
  }
  return cards.length ? `<nav class="cards">${cards.join('\n')}</nav>` : '';
}

function totalFailed(data: ReportData): number {
  const counts = data.importApply!.result.counts;
  return counts.permissions.failed + counts.roles.failed + counts.organizations.failed + counts.users.failed + counts.memberships.failed;
}
