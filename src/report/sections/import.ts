import { ENTITIES, type ImportResult } from '../../import/import-result.js';
import type { TimelinePoint } from '../../import/run-summary.js';
import type { ReportData } from '../collect.js';
import { lineChart, stackedBars, type Point } from '../charts.js';
import { esc, metric, notYet, section, table } from '../html.js';

const OUTCOMES = ['create', 'update', 'unchanged', 'conflict', 'failed', 'pending'] as const;
/** An apply reports what it did: "create" means created. */
const APPLIED_HEADINGS = ['created', 'updated', 'unchanged', 'conflict', 'failed', 'pending'];

export function importSection(data: ReportData): string {
  const { importPlan, importApply } = data;
  if (!importPlan && !importApply) {
    return section('import', 'Import', notYet('No import plan or run yet', 'run importOrgs (`scalekit-migrate import`, then `--apply`)'));
  }
  const parts: string[] = [];
  if (importApply) {
    const result = importApply.result;
    parts.push(
      `<h3>Import run</h3><p>Applied to <code>${esc(result.environment)}</code>, saved ${esc(importApply.savedAt)}.` +
        (result.run ? ` ${metric('import.rpcs', result.run.rpcs)} calls in ${esc((result.run.durationMs / 1000).toFixed(1))} s (${esc(result.run.usersPerSecond)} users/s, ${esc(result.run.retries)} retries)${result.run.interrupted ? ', <span class="bad">interrupted</span>' : ''}.` : '') +
        '</p>',
    );
    parts.push(countsTable(result, 'import', APPLIED_HEADINGS));
    parts.push(
      stackedBars(
        'Import progress per entity',
        ENTITIES.map((entity) => ({ label: entity, segments: OUTCOMES.map((key) => ({ key, value: result.counts[entity][key] })) })),
        [...OUTCOMES],
      ),
    );
    const points = cumulative(importApply.timeline);
    if (points.length > 1) parts.push(lineChart('Records written over time', points, { x: 'seconds since the run started', y: 'records done' }));
    parts.push(problemsOf(result));
    parts.push(`<p class="detail">Invitations sent: ${metric('import.invitationsSent', result.notes.invitationsSent)} (must stay 0).</p>`);
  }
  if (importPlan) {
    parts.push(`<h3>Last plan</h3><p>Planned against <code>${esc(importPlan.result.environment)}</code>, saved ${esc(importPlan.savedAt)}.</p>`);
    parts.push(countsTable(importPlan.result, 'plan', [...OUTCOMES]));
    if (!importApply) parts.push(problemsOf(importPlan.result));
  }
  return section('import', 'Import: organizations, users, memberships, roles', parts.join('\n'));
}

function countsTable(result: ImportResult, prefix: string, headings: string[]): string {
  const rows = ENTITIES.map((entity) => [
    esc(entity),
    metric(`${prefix}.${entity}.total`, result.counts[entity].total),
    ...OUTCOMES.map((key) => metric(`${prefix}.${entity}.${key}`, result.counts[entity][key])),
  ]);
  return table(['entity', 'total', ...headings], rows, 'counts');
}

function problemsOf(result: ImportResult): string {
  const parts: string[] = [];
  if (result.conflicts.total) {
    parts.push(
      `<h4>Conflicts: ${metric('import.conflicts', result.conflicts.total)}</h4>` +
        table(['code', 'records'], Object.entries(result.conflicts.byCode).map(([code, count]) => [`<code>${esc(code)}</code>`, esc(count)])) +
        table(['entity', 'record', 'key', 'code', 'detail'], result.conflicts.samples.map((s) => [esc(s.entity), `<code>${esc(s.ref)}</code>`, esc(s.key), esc(s.code), esc(s.detail)])),
    );
  }
  if (result.failures.total) {
    parts.push(
      `<h4>Failures: ${metric('import.failures', result.failures.total)}</h4>` +
        table(['code', 'records'], Object.entries(result.failures.byCode).map(([code, count]) => [`<code>${esc(code)}</code>`, esc(count)])) +
        table(['entity', 'record', 'key', 'action', 'code', 'request id'], result.failures.samples.map((s) => [esc(s.entity), `<code>${esc(s.ref)}</code>`, esc(s.key), esc(s.action), esc(s.code), esc(s.requestId ?? '')])),
    );
  }
  parts.push(`<p class="detail">Next: ${esc(result.next)}</p>`);
  return parts.join('\n');
}

/** Turns per-phase counts into one running total of records written, over seconds. */
function cumulative(timeline: TimelinePoint[]): Point[] {
  const finishedBefore = new Map<string, number>();
  let base = 0;
  let phase = '';
  let lastDone = 0;
  return timeline.map((point) => {
    if (point.phase !== phase) {
      if (phase) finishedBefore.set(phase, lastDone);
      base = [...finishedBefore.values()].reduce((sum, n) => sum + n, 0);
      phase = point.phase;
    }
    lastDone = point.done;
    return { x: point.ms / 1000, y: base + point.done };
  });
}
