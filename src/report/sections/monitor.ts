import type { ReportData } from '../collect.js';
import { esc, metric, notYet, section, table } from '../html.js';

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** Phase 5: the last monitorCutover run, read from .scalekit-migration/monitor.json. */
export function monitorSection(monitor: ReportData['monitor']): string {
  if (!monitor) return section('monitor', 'Cut-over monitor', notYet('Not monitored yet', 'deploy AUTH_PROVIDER=dual, then run monitorCutover (`scalekit-migrate monitor`)'));
  const s = monitor.signIns;
  const counts = table(
    ['sign-ins', 'succeeded', 'failed', 'success rate'],
    [[metric('monitor.signIns', s.total), metric('monitor.succeeded', s.succeeded), metric('monitor.failed', s.failed), esc(percent(s.successRate))]],
  );
  const failures = monitor.failures.length
    ? table(['reason', 'attempts', 'fix'], monitor.failures.map((f, i) => [`<code>${esc(f.reason)}</code>`, metric(`monitor.failure.${i}`, f.count), esc(f.fix)]))
    : '<p class="ok">No failed sign-in.</p>';
  const app = monitor.app;
  const appPart = app
    ? table(
        ['Scalekit tokens accepted', 'rejected', 'legacy tokens', 'legacy share', 'first migrated sign-in'],
        [[
          metric('monitor.scalekitAccepted', app.scalekitAccepted),
          esc(app.scalekitRejected.map((r) => `${r.reason} ${r.count}`).join(', ') || '0'),
          metric('monitor.legacyTokens', app.legacyRouted + app.legacyRefused),
          esc(percent(app.legacyShare)),
          esc(app.firstScalekitSignIn?.migrated ? app.firstScalekitSignIn.at : 'not yet'),
        ]],
      )
    : '<p class="empty">The app wrote no token counters in this workspace.</p>';
  const verdict = monitor.switchToScalekit.safe
    ? '<p class="ok">Switching to <code>AUTH_PROVIDER=scalekit</code> is safe now:</p>'
    : '<p class="bad">Not yet safe to switch to <code>AUTH_PROVIDER=scalekit</code>:</p>';
  const reasons = `<ul>${monitor.switchToScalekit.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`;
  const intro = `<p>Sign-ins from Scalekit's auth logs of <code>${esc(monitor.environment)}</code>${monitor.since ? ` since ${esc(monitor.since)}` : ''} and the app's own token counters, checked ${esc(monitor.checkedAt)}.</p>`;
  return section('monitor', 'Cut-over monitor', intro + counts + failures + appPart + verdict + reasons);
}
