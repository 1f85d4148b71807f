import type { DiagnoseResult } from './diagnose-result.js';
import type { MonitorResult } from './monitor-result.js';

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** The monitor result for people and the assistant: a few lines per section, ending with the next step. */
export function renderMonitor(result: MonitorResult): string {
  const s = result.signIns;
  const lines = [
    `Cut-over monitor for ${result.environment}${result.since ? ` since ${result.since}` : ''}`,
    `Sign-ins: ${s.total} attempt(s), ${s.succeeded} succeeded, ${s.failed} failed${s.pending ? `, ${s.pending} pending` : ''}; success rate ${percent(s.successRate)}${s.truncated ? ' (newest only: more attempts exist)' : ''}`,
  ];
  for (const f of result.failures) {
    lines.push(`  ${f.reason}: ${f.count} (e.g. ${f.samples.map((x) => `${x.authRequestId} ${x.email}`).join(', ')})`);
    lines.push(`    fix: ${f.fix}`);
  }
  const app = result.app;
  if (!app) lines.push('App counters: none in this workspace (the generated auth module writes them once AUTH_PROVIDER=dual is deployed)');
  else {
    lines.push(
      `App (${app.processes} process(es), last update ${app.lastUpdated ?? 'n/a'}): Scalekit tokens accepted ${app.scalekitAccepted}, rejected ${app.scalekitRejected.reduce((n, r) => n + r.count, 0)}; legacy tokens ${app.legacyRouted} routed, ${app.legacyRefused} refused; legacy share ${percent(app.legacyShare)}`,
    );
    for (const r of app.scalekitRejected) lines.push(`  rejected ${r.reason}: ${r.count} - ${r.fix}`);
    lines.push(app.firstScalekitSignIn ? `  first Scalekit sign-in: ${app.firstScalekitSignIn.sub} at ${app.firstScalekitSignIn.at}${app.firstScalekitSignIn.migrated ? ' (migrated user)' : ''}` : '  no Scalekit sign-in seen by the app yet');
  }
  lines.push(`Switch to AUTH_PROVIDER=scalekit: ${result.switchToScalekit.safe ? 'SAFE' : 'NOT YET'}`);
  for (const reason of result.switchToScalekit.reasons) lines.push(`  - ${reason}`);
  if (result.savedTo) lines.push(`Saved to ${result.savedTo}`);
  lines.push(result.next);
  return lines.join('\n');
}

const mark = (ok: boolean | null) => (ok === null ? '?' : ok ? 'ok' : 'FAIL');

export function renderDiagnosis(result: DiagnoseResult): string {
  const lines = [`Sign-in diagnosis for ${result.email} in ${result.environment}: ${result.ok ? 'nothing blocks this user' : 'blocked'}`];
  if (result.package) lines.push(`Package: external_id ${result.package.externalId}, organizations ${result.package.organizations.join(', ') || 'none'}`);
  for (const check of result.checks) lines.push(`  [${mark(check.ok)}] ${check.name}: ${check.detail}`);
  for (const m of result.memberships) {
    lines.push(`  membership ${m.organizationExternalId ?? m.organizationId} (${m.organizationId}): ${m.status}, roles ${m.roles.join(', ') || 'none'}, SSO connections ${m.sso.connections} (${m.sso.enabled.length} enabled)`);
  }
  for (const r of result.recentSignIns) lines.push(`  sign-in ${r.authRequestId} ${r.at}: ${r.status}`);
  lines.push(result.next);
  return lines.join('\n');
}
