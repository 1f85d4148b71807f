import type { CodeChanges } from '../collect.js';
import { esc, metric, notYet, section, table } from '../html.js';

export function codeSection(changes: CodeChanges | undefined): string {
  if (!changes) return section('code', 'Application code', notYet('No code change yet', 'run updateMiddleware (`scalekit-migrate middleware .`)'));
  const intro =
    `<p>${changes.applied ? 'Applied' : 'Dry run'} in <code>${esc(changes.mode)}</code> mode, saved ${esc(changes.savedAt)}: ` +
    `${metric('middleware.files', changes.files.length)} file(s), ${metric('middleware.followUps', changes.followUps.length)} manual follow-up(s).</p>`;
  const diffs = changes.files
    .map((file) => `<details open><summary><code>${esc(file.path)}</code> ${esc(file.change)}</summary>${diffBlock(file.diff)}</details>`)
    .join('\n');
  const followUps = changes.followUps.length
    ? '<h3>Manual follow-ups</h3>' +
      table(['where', 'what'], changes.followUps.map((f) => [f.file ? `<code>${esc(f.file)}${f.line ? `:${esc(f.line)}` : ''}</code>` : '', esc(f.message)]))
    : '';
  return section('code', 'Application code: middleware changes', intro + diffs + followUps);
}

/** A unified diff with added, removed and hunk lines marked; every line escaped. */
export function diffBlock(diff: string): string {
  const lines = diff.split('\n').map((line) => {
    const kind = line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '';
    return kind ? `<span class="${kind}">${esc(line)}</span>` : esc(line);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}
