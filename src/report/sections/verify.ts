import type { ReportData } from '../collect.js';
import { esc, metric, notYet, section, table } from '../html.js';

export function verifySection(verify: ReportData['verify']): string {
  if (!verify) return section('verify', 'Verification', notYet('Not verified yet', 'run verifyImport (`scalekit-migrate verify`)'));
  const r = verify.result;
  const checked = table(
    ['roles', 'organizations', 'users', 'memberships', 'mismatches'],
    [[
      metric('verify.roles', r.checked.roles),
      metric('verify.organizations', r.checked.organizations),
      metric('verify.users', r.checked.users),
      metric('verify.memberships', r.checked.memberships),
      metric('verify.mismatches', r.mismatches.total),
    ]],
  );
  const verdict = r.ok
    ? '<p class="ok">Every record is in Scalekit as the package says: zero mismatches.</p>'
    : `<p class="bad">${esc(r.mismatches.total)} mismatches.</p>` +
      table(['kind', 'records'], Object.entries(r.mismatches.byKind).map(([kind, count]) => [`<code>${esc(kind)}</code>`, esc(count)])) +
      table(['kind', 'record', 'key', 'expected', 'actual'], r.mismatches.samples.map((m) => [esc(m.kind), `<code>${esc(m.ref)}</code>`, esc(m.key), esc(m.expected ?? ''), esc(m.actual ?? '')]));
  const intro = `<p>Compared field by field with <code>${esc(r.environment)}</code>, saved ${esc(verify.savedAt)}. Memberships held outside the package: ${esc(r.notes.extraMemberships)}.</p>`;
  return section('verify', 'Verification', intro + checked + verdict);
}
