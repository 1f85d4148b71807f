import { writeFileAtomic } from '../fs/atomic-write.js';
import { connectionFromEnv, createScalekitClient, type ScalekitConnection } from '../scalekit/client.js';
import { readAppCounters, type AppCounters } from './app-counters.js';
import { fetchSignInAttempts, outcomeOf, type SignInAttempt } from './auth-requests.js';
import { maskEmail, signInFix, tokenFix } from './fixes.js';
import { monitorResultPath, SWITCH_THRESHOLDS, type MonitorResult, type SwitchThresholds } from './monitor-result.js';

export { monitorResultPath };

export interface MonitorOptions {
  workspace: string;
  /** Only sign-ins from this time on (the deploy of dual mode, typically). */
  since?: Date;
  /** At most this many sign-in attempts are read (newest first). */
  maxRequests?: number;
  connection?: ScalekitConnection;
  thresholds?: Partial<SwitchThresholds>;
  /** false: nothing is written (the read-only MCP server). */
  save?: boolean;
}

const SAMPLES = 3;
const REASONS_SHOWN = 8;

/**
 * Phase 5: sign-in outcomes from Scalekit's auth request logs and token counts from the app's
 * generated module, and whether switching AUTH_PROVIDER to scalekit is safe now, with the reasons.
 */
export async function runMonitor(options: MonitorOptions): Promise<MonitorResult> {
  const connection = options.connection ?? connectionFromEnv();
  const sdk = createScalekitClient(connection);
  const { attempts, truncated } = await fetchSignInAttempts(sdk, { since: options.since, max: options.maxRequests ?? 10_000 });
  const counters = await readAppCounters(options.workspace);
  const thresholds = { ...SWITCH_THRESHOLDS, ...options.thresholds };

  const signIns = tallySignIns(attempts, truncated);
  const app = counters ? appSection(counters) : null;
  const result: MonitorResult = {
    environment: connection.environmentUrl,
    since: options.since?.toISOString() ?? null,
    checkedAt: new Date().toISOString(),
    signIns,
    failures: failureReasons(attempts),
    app,
    switchToScalekit: switchVerdict(signIns, app, thresholds),
    savedTo: options.save === false ? null : monitorResultPath(options.workspace),
    next: '',
  };
  result.next = nextStep(result);
  if (result.savedTo) await writeFileAtomic(result.savedTo, JSON.stringify(result, null, 2) + '\n');
  return result;
}

function tallySignIns(attempts: SignInAttempt[], truncated: boolean): MonitorResult['signIns'] {
  const counts = { success: 0, pending: 0, failure: 0 };
  for (const attempt of attempts) counts[outcomeOf(attempt.status)] += 1;
  const decided = counts.success + counts.failure;
  return {
    total: attempts.length,
    succeeded: counts.success,
    failed: counts.failure,
    pending: counts.pending,
    successRate: decided ? counts.success / decided : null,
    truncated,
  };
}

function failureReasons(attempts: SignInAttempt[]): MonitorResult['failures'] {
  const byReason = new Map<string, MonitorResult['failures'][number]>();
  for (const attempt of attempts) {
    if (outcomeOf(attempt.status) !== 'failure') continue;
    const entry = byReason.get(attempt.status) ?? { reason: attempt.status, count: 0, fix: signInFix(attempt.status), samples: [] };
    entry.count += 1;
    if (entry.samples.length < SAMPLES) entry.samples.push({ authRequestId: attempt.authRequestId, email: maskEmail(attempt.email), organizationId: attempt.organizationId });
    byReason.set(attempt.status, entry);
  }
  return [...byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, REASONS_SHOWN);
}

function appSection(counters: AppCounters): NonNullable<MonitorResult['app']> {
  const rejected = Object.entries(counters.scalekitRejected)
    .map(([reason, count]) => ({ reason, count, fix: tokenFix(reason) }))
    .sort((a, b) => b.count - a.count);
  const rejectedTotal = rejected.reduce((sum, r) => sum + r.count, 0);
  const seen = counters.scalekitAccepted + rejectedTotal + counters.legacyRouted + counters.legacyRefused;
  return {
    countersDir: counters.dir,
    processes: counters.processes,
    scalekitAccepted: counters.scalekitAccepted,
    scalekitRejected: rejected,
    legacyRouted: counters.legacyRouted,
    legacyRefused: counters.legacyRefused,
    legacyShare: seen ? (counters.legacyRouted + counters.legacyRefused) / seen : null,
    firstScalekitSignIn: counters.firstSignIn ?? null,
    lastUpdated: counters.lastUpdated ?? null,
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Safe only when every condition holds; the reasons say which held and which did not. */
function switchVerdict(signIns: MonitorResult['signIns'], app: MonitorResult['app'], t: SwitchThresholds): MonitorResult['switchToScalekit'] {
  const blockers: string[] = [];
  const held: string[] = [];
  const decided = signIns.succeeded + signIns.failed;
  if (decided < t.minSignIns) blockers.push(`no sign-in through Scalekit yet (need at least ${t.minSignIns})`);
  else if ((signIns.successRate ?? 0) < t.minSuccessRate) {
    blockers.push(`sign-in success rate ${percent(signIns.successRate ?? 0)} is below ${percent(t.minSuccessRate)}: fix the failure reasons first`);
  } else held.push(`sign-in success rate ${percent(signIns.successRate ?? 0)} over ${decided} attempt(s)`);
  if (!app) blockers.push('the app reported no token counters: deploy the codemod\'s generated module with AUTH_PROVIDER=dual and let traffic arrive');
  else {
    if (!app.firstScalekitSignIn?.migrated) blockers.push('the app has not accepted a migrated user\'s Scalekit token yet');
    if (app.legacyShare !== null && app.legacyShare > t.maxLegacyShare) {
      blockers.push(`${percent(app.legacyShare)} of tokens reaching the app are still legacy (${app.legacyRouted + app.legacyRefused}): switching now signs those sessions out`);
    } else if (app.legacyShare !== null) held.push(`legacy tokens are ${percent(app.legacyShare)} of what the app sees`);
    const rejected = app.scalekitRejected.reduce((sum, r) => sum + r.count, 0);
    const scalekitSeen = rejected + app.scalekitAccepted;
    if (scalekitSeen && rejected / scalekitSeen > t.maxRejectedShare) {
      blockers.push(`the app rejected ${percent(rejected / scalekitSeen)} of Scalekit tokens (${app.scalekitRejected.map((r) => `${r.reason} ${r.count}`).join(', ')})`);
    } else if (scalekitSeen) held.push(`the app accepted ${app.scalekitAccepted} of ${scalekitSeen} Scalekit token(s)`);
  }
  return { safe: blockers.length === 0, reasons: blockers.length ? blockers : held };
}

function nextStep(result: MonitorResult): string {
  if (result.switchToScalekit.safe) return 'Next: set AUTH_PROVIDER=scalekit, keep monitoring, then run the codemod with mode "scalekit" (checklist deploy-monitor.switch).';
  const top = result.failures[0];
  if (top) return `Next: fix ${top.reason} (${top.count}) - call diagnoseLogin for one affected email, then monitorCutover again.`;
  return 'Next: keep AUTH_PROVIDER=dual, let users sign in, then call monitorCutover again.';
}
