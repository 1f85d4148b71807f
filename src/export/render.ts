import type { ExportResult } from './result.js';

/** The export result for people: counts, reasons and what to do next. No emails, no hashes. */
export function renderExportSummary(result: ExportResult): string {
  const lines: string[] = [];
  if (result.packageDir === null) {
    lines.push(`# Proposed mapping for ${result.source.kind} ${result.source.ref}`, '', '```json', JSON.stringify(result.mapping, null, 2), '```');
    lines.push('', 'Save the "mapping" part to a file, adjust it, and export again with that mapping file (or export as proposed).');
    return lines.join('\n');
  }
  const c = result.counts;
  lines.push(`# Export from ${result.source.kind} ${result.source.ref}`, '');
  lines.push(`Package: ${result.packageDir}`);
  lines.push(`Input records: ${c.inputRecords} = ${c.users} users exported + ${c.rejects} rejected + ${c.merged} merged ${result.countsAddUp ? '(adds up)' : '(DOES NOT ADD UP: stop and report)'}`);
  lines.push(`Organizations: ${c.organizations}, roles: ${c.roles}, memberships: ${c.memberships}`);
  const hashes = Object.entries(result.passwordHashes.byAlgorithm)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([algorithm, count]) => `${algorithm} ${count}`)
    .join(', ');
  lines.push(`Users per password hash: ${hashes || 'none'}${result.passwordHashes.included ? ' (hashes written to password_hashes.ndjson)' : ''}`);
  if (result.rejectReasons.length > 0) {
    lines.push('', '## Rejects (rejects.ndjson): resolve or accept each reason', '');
    for (const entry of result.rejectReasons) lines.push(`- ${entry.count} × ${entry.reason} (e.g. ${entry.sampleRefs.join(', ')})`);
  }
  if (result.warnings.length > 0) {
    lines.push('', '## Notes', '');
    for (const warning of result.warnings) lines.push(`- ${warning.count} × ${warning.message} (e.g. ${warning.samples.join(', ')})`);
  }
  if (result.sampleUserIds.length > 0) lines.push('', `Sample exported user ids: ${result.sampleUserIds.join(', ')}`);
  return lines.join('\n');
}
