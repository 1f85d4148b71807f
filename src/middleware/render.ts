import type { MiddlewareResult } from './result.js';

const MAX_DIFF_LINES = 400;

/** The human rendering: what changed (diffs, shortened), the follow-ups, failures and next step. */
export function renderMiddlewareResult(result: MiddlewareResult, withDiffs = true): string {
  const lines: string[] = [];
  const verb = result.applied ? 'Applied' : result.unchanged ? 'Nothing to change' : 'Dry run (nothing written)';
  lines.push(`${verb}: updateMiddleware, mode ${result.mode}, verify ${result.verify}, in ${result.dir}`);
  lines.push(
    `${result.summary.filesChanged} file(s) ${result.applied ? 'changed' : 'would change'}, ${result.summary.rewrites} rewrite(s), ` +
      `${result.summary.followUps} follow-up(s), ${result.summary.failures} failure(s); audit: ${result.audit.considered} of ${result.audit.findings} findings considered`,
  );
  if (result.skipped?.length) lines.push(`Not examined (${result.skipped.length}): ${result.skipped.map((entry) => `${entry.file} (${entry.reason})`).join(', ')}`);
  lines.push(`Generated modules: ${result.generatedModule.auth} and ${result.generatedModule.client} (${result.generatedModule.language}, ${result.generatedModule.format})`);
  const fields = result.claims.fields.map((field) => `${field.name} <- ${field.source}${field.type ? ` (${field.type})` : ''}`).join(', ');
  lines.push(`Claims mapping: ${fields}`);
  const renames = Object.entries(result.claims.roleNames);
  if (renames.length) lines.push(`Role names: ${renames.map(([scalekit, legacy]) => `${scalekit} -> ${legacy}`).join(', ')}${result.claims.roleNamesFrom ? ` (from ${result.claims.roleNamesFrom})` : ''}`);
  if (result.files.length) {
    lines.push('', 'Files:');
    for (const file of result.files) lines.push(`  ${file.status === 'created' ? 'A' : 'M'} ${file.file}  [${file.transforms.join(', ')}]`);
  }
  if (result.rewrites.length) {
    lines.push('', 'Rewrites:');
    for (const rewrite of result.rewrites) lines.push(`  ${rewrite.file}:${rewrite.line} (${rewrite.transform}) ${rewrite.message}`);
  }
  if (result.followUps.length) {
    lines.push('', 'Manual follow-ups:');
    for (const followUp of result.followUps) lines.push(`  ${followUp.file}:${followUp.line} [${followUp.kind}] ${followUp.message}`);
  }
  if (result.failures.length) {
    lines.push('', 'Failures (these files were left unchanged):');
    for (const failure of result.failures) lines.push(`  ${failure.transform} on ${failure.files.join(', ')}: ${failure.error}`);
  }
  if (withDiffs && result.files.length) {
    lines.push('', 'Diffs:');
    let budget = MAX_DIFF_LINES;
    for (const file of result.files) {
      const diff = file.diff.split('\n');
      if (budget <= 0) {
        lines.push(`  (${file.file}: diff left out; --json has every diff)`);
        continue;
      }
      lines.push(...diff.slice(0, budget));
      if (diff.length > budget) lines.push(`... (${diff.length - budget} more lines of ${file.file}; --json has every diff)`);
      budget -= diff.length;
    }
  }
  return lines.join('\n');
}
