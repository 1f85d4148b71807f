import type { CodeChanges, SavedMiddlewareResult } from '../collect.js';
import { esc, metric, notYet, section, table } from '../html.js';

export function codeSection(changes: CodeChanges | undefined): string {
  if (!changes) return section('code', 'Application code', notYet('No code change yet', 'run updateMiddleware (`scalekit-migrate middleware .`)'));
  const parts: string[] = [];
  if (changes.apply) parts.push(run(changes.apply, 'middleware'));
  const laterDryRun = changes.dryRun && (!changes.apply || (changes.dryRun.savedAt > changes.apply.savedAt && !changes.dryRun.result.unchanged));
  if (changes.dryRun && laterDryRun) parts.push(`<h3>${changes.apply ? 'Pending dry run' : 'Dry run'}</h3>` + run(changes.dryRun, changes.apply ? 'middleware.dryRun' : 'middleware'));
  if (changes.apply && changes.dryRun && !laterDryRun && changes.dryRun.result.unchanged && changes.dryRun.savedAt > changes.apply.savedAt) {
    parts.push(`<p class="ok">A dry run after the apply (${esc(changes.dryRun.savedAt)}) changes nothing: the codemod is done for this mode.</p>`);
  }
  return section('code', 'Application code: middleware changes', parts.join('\n'));
}

function run(saved: SavedMiddlewareResult, prefix: string): string {
  const r = saved.result;
  const intro =
    `<p>${r.applied ? 'Applied' : 'Dry run'} in <code>${esc(r.mode)}</code> mode (token check: ${esc(r.verify)}), ${esc(saved.savedAt)}: ` +
    `${metric(`${prefix}.files`, r.files.length)} file(s), ${metric(`${prefix}.rewrites`, r.rewrites.length)} rewrite(s), ` +
    `${metric(`${prefix}.followUps`, r.followUps.length)} follow-up(s) for a person, ${metric(`${prefix}.failures`, r.failures.length)} failure(s).</p>`;
  const diffs = r.files
    // Edits to the app's own files start unfolded; generated modules (whole new files) folded.
    .map((file) => `<details${r.files.length <= 8 && file.status === 'modified' ? ' open' : ''}><summary><code>${esc(file.file)}</code> ${esc(file.status)} by ${esc(file.transforms.join(', '))}</summary>${diffBlock(file.diff)}</details>`)
    .join('\n');
  const followUps = r.followUps.length
    ? '<h4>Follow-ups</h4>' + table(['where', 'kind', 'what'], r.followUps.map((f) => [`<code>${esc(f.file)}:${esc(f.line)}</code>`, esc(f.kind), esc(f.message)]))
    : '';
  const failures = r.failures.length
    ? '<h4 class="bad">Transforms that failed (their files were left as they were)</h4>' + table(['transform', 'files', 'error'], r.failures.map((f) => [esc(f.transform), esc(f.files.join(', ')), esc(f.error)]))
    : '';
  return intro + diffs + followUps + failures;
}

/** A unified diff with added, removed and hunk lines marked; every line escaped. */
export function diffBlock(diff: string): string {
  const lines = diff.split('\n').map((line) => {
    const kind = line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '';
    return kind ? `<span class="${kind}">${esc(line)}</span>` : esc(line);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}
