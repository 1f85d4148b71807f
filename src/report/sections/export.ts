import type { ExportSection } from '../collect.js';
import { esc, metric, notYet, section, table } from '../html.js';

export function exportSection(data: ExportSection | undefined): string {
  if (!data) return section('export', 'Export', notYet('No migration package yet', 'run exportUsers (`scalekit-migrate export --source ...`)'));
  const { manifest, rejectReasons } = data;
  const c = manifest.counts;
  const addsUp = c.inputRecords === c.users + c.rejects + c.merged;
  const counts = table(
    ['input records', 'users', 'rejected', 'merged', 'organizations', 'roles', 'memberships'],
    [[
      metric('export.inputRecords', c.inputRecords),
      metric('export.users', c.users),
      metric('export.rejects', c.rejects),
      metric('export.merged', c.merged),
      metric('export.organizations', c.organizations),
      metric('export.roles', c.roles),
      metric('export.memberships', c.memberships),
    ]],
  );
  const sum = `<p class="${addsUp ? 'ok' : 'bad'}">${addsUp ? 'Counts add up' : 'Counts do not add up'}: ${esc(c.inputRecords)} input = ${esc(c.users)} users + ${esc(c.rejects)} rejected + ${esc(c.merged)} merged.</p>`;
  const rejects = rejectReasons.length
    ? '<h3>Reject reasons</h3>' +
      table(
        ['reason', 'records', 'examples (source reference)'],
        rejectReasons.map((entry, i) => [esc(entry.reason), metric(`export.rejectReason.${i}`, entry.count), entry.sampleRefs.map((ref) => `<code>${esc(ref)}</code>`).join(', ')]),
      )
    : '<p class="ok">No record was rejected.</p>';
  const warnings = manifest.warnings?.length
    ? '<h3>Changed or noticed without rejecting</h3>' +
      table(['code', 'records', 'what'], manifest.warnings.map((w) => [`<code>${esc(w.code)}</code>`, esc(w.count), esc(w.message)]))
    : '';
  const hashes = Object.entries(manifest.passwordHashes.byAlgorithm);
  const hashTable = hashes.length
    ? `<h3>Password hashes by algorithm</h3><p class="detail">Scalekit's API imports none: these users sign in by passwordless, SSO, social login or a reset (${manifest.passwordHashes.included ? 'hashes were written to the package' : 'hashes stayed out of the package'}).</p>` +
      table(['algorithm', 'users'], hashes.map(([algorithm, count]) => [esc(algorithm), esc(count)]))
    : '';
  const source = `<p>Source <code>${esc(manifest.source.kind)}</code> ${esc(manifest.source.ref)}, exported ${esc(manifest.createdAt)} into <code>${esc(data.packageDir)}</code>.</p>`;
  return section('export', 'Export: the migration package', source + counts + sum + rejects + warnings + hashTable);
}
