import type { AuditReport, Finding } from '../../audit/report.js';
import { CATEGORIES } from '../../audit/categories.js';
import { barChart } from '../charts.js';
import { esc, metric, notYet, section, table } from '../html.js';

/** Findings listed in full up to this many; the rest stay in audit.md and audit.json. */
const LISTED = 1000;
/** Up to this many findings, every category starts unfolded. */
const UNFOLDED = 200;

export function auditSection(audit: AuditReport | undefined): string {
  if (!audit) return section('audit', 'Audit', notYet('No audit yet', 'run auditCodebase (`scalekit-migrate audit .`)'));
  const chart = barChart(
    'Audit findings per category',
    CATEGORIES.map((category) => ({ label: category, value: audit.summary.byCategory[category] ?? 0 })),
  );
  const intro =
    `<p>${metric('audit.total', audit.summary.total)} findings in ${metric('audit.filesScanned', audit.filesScanned)} files scanned ` +
    `(${metric('audit.skipped', audit.skipped.length)} skipped), audited ${esc(audit.generatedAt)} in <code>${esc(audit.root)}</code>.</p>`;
  let listed = 0;
  const groups = CATEGORIES.filter((category) => (audit.summary.byCategory[category] ?? 0) > 0).map((category) => {
    const findings = audit.findings.filter((finding) => finding.category === category);
    const shown = findings.slice(0, Math.max(0, LISTED - listed));
    listed += shown.length;
    const rows = shown.map((finding) => [location(finding), esc(finding.message), esc(finding.confidence), `<code>${esc(finding.ruleId)}</code>`]);
    const more = findings.length > shown.length ? `<p class="detail">${esc(findings.length - shown.length)} more in audit.md</p>` : '';
    return (
      `<details${audit.summary.total <= UNFOLDED ? ' open' : ''}><summary><strong>${esc(category)}</strong> ${metric(`audit.byCategory.${category}`, findings.length)}</summary>` +
      table(['where', 'finding', 'confidence', 'rule'], rows, 'findings') +
      more +
      '</details>'
    );
  });
  const empty = audit.summary.emptyCategories.length
    ? `<p class="detail">No findings: ${audit.summary.emptyCategories.map((c) => `<code>${esc(c)}</code>`).join(' ')}. Check by hand any the app obviously has.</p>`
    : '';
  return section('audit', 'Audit: auth touchpoints by category', intro + chart + groups.join('\n') + empty);
}

function location(finding: Finding): string {
  return `<code>${esc(finding.file)}:${esc(finding.line)}</code>`;
}
