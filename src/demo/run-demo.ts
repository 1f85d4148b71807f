import { randomBytes } from 'node:crypto';
import type { ChecklistReport } from '../checklist/report.js';
import { runChecklist } from '../checklist/run.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { errorMessage } from '../errors.js';
import type { ExportResult } from '../export/result.js';
import { exportUsers } from '../export/run-export.js';
import { loadSqlite } from '../export/sql/native-sqlite.js';
import type { ProgressEvent } from '../import/progress.js';
import { describeImportCounts } from '../import/render.js';
import { runImport } from '../import/run-import.js';
import { runVerify } from '../import/verify.js';
import { runMiddlewareCodemod } from '../middleware/run-codemod.js';
import { runMonitor } from '../monitor/run-monitor.js';
import { runConfigureRedirects } from '../redirects/run-redirects.js';
import { writeMigrationReport } from '../report/write-report.js';
import { SCALEKIT_ENV_VARS, type ScalekitConnection } from '../scalekit/client.js';
import { COUNTERS_FLUSH_MS, ME_ROUTE, callAsExpected, describeCall, plannedCalls, runAppChecks } from './app-checks.js';
import { startApp } from './app-process.js';
import { demoChecklistMarks } from './checklist-marks.js';
import { attemptSignIn, loginThroughCodeFlow } from './code-flow.js';
import { callProtected, legacyLogin } from './http-calls.js';
import { linkAppDependencies } from './node-modules.js';
import type { DemoResult } from './result.js';
import { DemoStepFailed, StepRunner, type DemoListener } from './steps.js';
import { commitSampleApp, commitWorkspace, copySampleApp, prepareWorkspace, seedDatabase, type DemoUsers } from './workspace.js';

export interface DemoOptions {
  /** An empty or new folder for the demo; a fresh temporary folder by default. It is kept afterwards. */
  workspace?: string;
  onEvent?: DemoListener;
}

/** The password the sample app's seed script gives every user (a demo: each hash has its own salt). */
const SEED_PASSWORD = 'legacy-demo-password';
/** Fast enough for a few hundred users on the local emulator; a real environment starts at the default 25/s. */
const DEMO_RATE = 500;
const DEMO_CONCURRENCY = 16;
/** Where the sample app is reached; the emulator redirects to its callback with the code and the demo plays the browser. */
const APP_BASE_URL = 'http://127.0.0.1:3000';
const REDIRECT_URI = `${APP_BASE_URL}/auth/callback`;

/**
 * The whole migration of the bundled sample app, on a local emulator: audit, export, import plan,
 * import, verify, middleware dry run and dual-mode apply, the migrated app signing users in through
 * Scalekit, the checklist and the report. Returns counts and ids only; tokens and secrets stay in memory.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const workspace = await prepareWorkspace(options.workspace);
  const runner = new StepRunner(options.onEvent);
  const result: DemoResult = { ok: false, workspace, report: null, durationMs: 0, steps: runner.steps, protectedCalls: [] };
  const jwtSecret = randomBytes(32).toString('hex');
  let emulator: Emulator | undefined;
  let users: DemoUsers | undefined;
  let legacyToken = '';
  let checklist: ChecklistReport | undefined;

  try {
    await runner.run('workspace', async () => {
      await loadSqlite();
      const copied = await copySampleApp(workspace);
      const seeded = await seedDatabase(workspace);
      result.sample = seeded.summary;
      users = seeded.users;
      const committed = await commitSampleApp(workspace);
      const s = seeded.summary;
      return {
        summary:
          `${copied.files} files in ${workspace}${committed ? ' (committed to a new git repository)' : ''}; ` +
          `data/app.db seeded with ${s.users} users (${s.dirtyUsers} dirty), ${s.organizations} organizations, ${s.roles} roles, ${s.memberships} memberships`,
      };
    });
    const { admin } = users!;

    await runner.run('legacy-app', async () => {
      const app = await startApp(workspace, { JWT_SECRET: jwtSecret });
      try {
        legacyToken = await legacyLogin(app.url, admin.email, SEED_PASSWORD);
        const call = await callProtected(app.url, legacyToken, { route: ME_ROUTE, credential: 'legacy', user: admin.externalId, expected: 200 });
        result.protectedCalls.push(call);
        return { summary: `user ${admin.externalId} logged in with a password; GET ${ME_ROUTE} with the legacy JWT -> ${describeCall(call)}`, problems: !callAsExpected(call) };
      } finally {
        await app.stop();
      }
    });

    await runner.run('emulator', async () => {
      emulator = await startEmulator({ port: 0, log: () => undefined });
      return { summary: `${emulator.url} (the real Scalekit SDK talks to it over gRPC and HTTP)` };
    });
    const connection: ScalekitConnection = { environmentUrl: emulator!.url, clientId: emulator!.clientId, clientSecret: emulator!.clientSecret };

    await runner.run('audit', async () => {
      const [{ runAudit }, { writeAuditReports }] = await Promise.all([import('../audit/engine/run-audit.js'), import('../audit/write-reports.js')]);
      const report = await runAudit({ root: workspace });
      await writeAuditReports(workspace, report);
      result.audit = { total: report.summary.total, filesScanned: report.filesScanned, skipped: report.skipped.length, byCategory: report.summary.byCategory };
      const categories = Object.values(report.summary.byCategory).filter((count) => count > 0).length;
      const tables = report.dataModel.entities.map((entity) => entity.table).join(', ');
      return { summary: `${report.summary.total} findings in ${categories} categories across ${report.filesScanned} files; data model: ${tables}` };
    });

    let packageDir = '';
    await runner.run('export', async () => {
      const exported = await exportUsers({ source: 'sqlite', url: 'data/app.db' }, { workspace });
      packageDir = exported.packageDir!;
      const c = exported.counts;
      result.export = { ...c, rejectReasons: exported.rejectReasons.map(({ reason, count }) => ({ reason, count })) };
      const renamed = exported.warnings.find((warning) => warning.code === 'role-renamed');
      return {
        summary:
          `${c.users} users, ${c.organizations} organizations, ${c.roles} roles, ${c.memberships} memberships; ${accountForDirtyRows(exported, result.sample?.dirtyUsers ?? 0)}` +
          (renamed ? `; roles renamed for Scalekit: ${renamed.samples.join(', ')}` : ''),
        problems: !exported.countsAddUp,
      };
    });

    await runner.run('import-plan', async () => {
      const plan = await runImport({ packageDir, apply: false, connection, rate: DEMO_RATE, concurrency: DEMO_CONCURRENCY });
      result.importPlan = { counts: plan.counts, conflicts: plan.conflicts.total };
      return {
        summary: `${describeImportCounts(plan)}; ${plan.conflicts.total} conflicts`,
        problems: plan.conflicts.total > 0,
      };
    });

    await runner.run('import', async () => {
      const progress = (event: ProgressEvent) => options.onEvent?.({ kind: 'progress', event });
      const applied = await runImport({ packageDir, apply: true, connection, rate: DEMO_RATE, concurrency: DEMO_CONCURRENCY, progress });
      const k = applied.counts;
      const failed = applied.failures.total;
      result.import = {
        counts: k,
        failed,
        rpcs: applied.run?.rpcs ?? 0,
        durationMs: applied.run?.durationMs ?? 0,
        usersPerSecond: applied.run?.usersPerSecond ?? 0,
        invitationsSent: applied.notes.invitationsSent,
      };
      const failures = failed ? `; failed: ${Object.entries(applied.failures.byCode).map(([code, n]) => `${code} ${n}`).join(', ')}` : '';
      return {
        summary:
          `${describeImportCounts(applied)} ` +
          `in ${((applied.run?.durationMs ?? 0) / 1000).toFixed(1)} s (${applied.run?.rpcs ?? 0} calls); ${failed} failed, ${applied.notes.invitationsSent} invitations sent${failures}`,
        problems: failed > 0 || applied.conflicts.total > 0 || applied.notes.invitationsSent > 0,
      };
    });

    await runner.run('verify', async () => {
      const verified = await runVerify({ packageDir, connection, rate: DEMO_RATE });
      result.verify = { ok: verified.ok, mismatches: verified.mismatches.total, checked: verified.checked };
      const c = verified.checked;
      const kinds = Object.entries(verified.mismatches.byKind).map(([kind, n]) => `${kind} ${n}`).join(', ');
      return {
        summary: verified.ok
          ? `zero mismatches across ${c.users} users, ${c.organizations} organizations, ${c.memberships} memberships, ${c.roles} roles`
          : `${verified.mismatches.total} mismatches: ${kinds}`,
        problems: !verified.ok,
      };
    });

    await runner.run('redirects', async () => {
      const options = { workspace, connection, baseUrls: [APP_BASE_URL], environmentType: 'development' as const };
      const plan = await runConfigureRedirects(options);
      const applied = await runConfigureRedirects({ ...options, confirm: true });
      const again = await runConfigureRedirects({ ...options, confirm: true });
      const after = applied.after!;
      result.redirects = { planned: plan.changes, applied: applied.applied, secondApplyChanges: again.changes, callbackUris: after.redirectUris, postLogoutUris: after.postLogoutRedirectUris, initiateLoginUri: after.initiateLoginUri };
      return {
        summary:
          `callback ${plan.routes.callback.path} (${plan.routes.callback.from}); registered ${after.redirectUris.join(', ')}, after logout ${after.postLogoutRedirectUris.join(', ')}, ` +
          `initiate-login ${after.initiateLoginUri}; ${plan.changes} changes planned and applied (journaled), a second apply changes ${again.changes}`,
        problems: !applied.applied || again.changes !== 0 || plan.refused.length > 0 || !after.redirectUris.includes(REDIRECT_URI),
      };
    });

    await runner.run('middleware-dry-run', async () => {
      const dry = await runMiddlewareCodemod({ workspace, mode: 'dual' });
      const files = dry.files.map((file) => `${file.file} (${file.status})`).join(', ');
      return {
        summary: `would change ${dry.summary.filesChanged} files: ${files}; ${dry.summary.rewrites} rewrites, ${dry.summary.followUps} follow-ups for a person`,
        problems: dry.summary.failures > 0,
      };
    });

    await runner.run('middleware-apply', async () => {
      const applied = await runMiddlewareCodemod({ workspace, mode: 'dual', apply: true });
      const again = await runMiddlewareCodemod({ workspace, mode: 'dual' });
      result.middleware = { mode: applied.mode, filesChanged: applied.summary.filesChanged, followUps: applied.summary.followUps, secondRunChanges: again.summary.filesChanged };
      const linked = await linkAppDependencies(workspace);
      const committed = await commitWorkspace(workspace, 'Accept Scalekit tokens beside legacy ones (AUTH_PROVIDER=dual), by scalekit-migrate');
      const roleNames = Object.entries(applied.claims.roleNames).map(([scalekit, legacy]) => `${scalekit} -> "${legacy}"`);
      return {
        summary:
          `${applied.summary.filesChanged} files written (generated ${applied.generatedModule.auth}, ${applied.generatedModule.client})` +
          (roleNames.length ? `, token roles mapped back to legacy names: ${roleNames.join(', ')}` : '') +
          `; a second run changes ${again.summary.filesChanged}; app dependencies ${linked.join(', ')}${committed ? '; committed' : ''}`,
        problems: !applied.applied || applied.summary.failures > 0 || !again.unchanged,
      };
    });

    await runner.run('migrated-app', async () => {
      const { billingAdmin, member } = users!;
      const [adminLogin, billingLogin, memberLogin] = await Promise.all([admin, billingAdmin, member].map((user) => loginThroughCodeFlow(connection, user, REDIRECT_URI)));
      result.login = { userExternalId: admin.externalId, organizationExternalId: admin.organization, tokenClaims: adminLogin!.claims };
      const credentials = { legacy: legacyToken, scalekit: { admin: adminLogin!.accessToken, billingAdmin: billingLogin!.accessToken, member: memberLogin!.accessToken } };
      const appEnv = { JWT_SECRET: jwtSecret, ...connectionEnv(connection), SCALEKIT_MIGRATE_COUNTERS_FLUSH_MS: String(COUNTERS_FLUSH_MS) };
      const calls = await runAppChecks(workspace, appEnv, plannedCalls(users!, credentials));
      result.protectedCalls.push(...calls);
      const wrong = calls.filter((call) => !callAsExpected(call));
      const find = (credential: string, authProvider: string, user?: string) =>
        calls.find((call) => call.credential === credential && call.authProvider === authProvider && (user === undefined || call.user === user))!;
      return {
        summary:
          `user ${admin.externalId} signed in through Scalekit's code flow (token xuid ${adminLogin!.claims.xuid}, xoid ${adminLogin!.claims.xoid}); ` +
          `AUTH_PROVIDER=dual: GET ${ME_ROUTE} with the Scalekit token -> ${describeCall(find('scalekit', 'dual', admin.externalId))}, ` +
          `with the legacy token from before the migration -> ${describeCall(find('legacy', 'dual'))}, forged -> ${find('forged', 'dual').status}; ` +
          `organization stats for a Billing Admin (user ${billingAdmin.externalId}) -> ${find('scalekit', 'dual', billingAdmin.externalId).status}, for a member (user ${member.externalId}) -> ${find('scalekit', 'dual', member.externalId).status}; ` +
          `AUTH_PROVIDER=scalekit: legacy token -> ${find('legacy', 'scalekit').status}; AUTH_PROVIDER=legacy: Scalekit token -> ${find('scalekit', 'legacy').status}` +
          (wrong.length ? `; UNEXPECTED: ${wrong.map((call) => `${call.credential} ${call.route} (AUTH_PROVIDER=${call.authProvider}) -> ${call.status}, expected ${call.expected}`).join('; ')}` : ''),
        problems: wrong.length > 0 || adminLogin!.claims.xuid !== admin.externalId,
      };
    });

    await runner.run('monitor', async () => {
      // A deliberate failure: someone whose legacy account was not migrated tries to sign in.
      const refused = await attemptSignIn(connection, `not-migrated@${admin.email.split('@')[1] ?? 'example.com'}`, REDIRECT_URI);
      const monitored = await runMonitor({ workspace, connection });
      const s = monitored.signIns;
      result.monitor = {
        signIns: s.total,
        succeeded: s.succeeded,
        failures: monitored.failures.map(({ reason, count }) => ({ reason, count })),
        legacyShare: monitored.app?.legacyShare ?? null,
        switchSafe: monitored.switchToScalekit.safe,
        reasons: monitored.switchToScalekit.reasons,
      };
      const share = monitored.app?.legacyShare;
      return {
        summary:
          `${s.total} sign-ins, ${s.succeeded} succeeded; failures: ${monitored.failures.map((f) => `${f.reason} ${f.count}`).join(', ') || 'none'} ` +
          `(the deliberate one came back ${refused ?? 'with a code'}); app saw ${monitored.app?.scalekitAccepted ?? 0} Scalekit tokens accepted, legacy share ` +
          `${share === null || share === undefined ? 'n/a' : `${(share * 100).toFixed(0)}%`}; switch to AUTH_PROVIDER=scalekit: ${monitored.switchToScalekit.safe ? 'safe' : `not yet (${monitored.switchToScalekit.reasons.join('; ')})`}`,
        problems: refused !== 'access_denied' || !monitored.failures.some((f) => f.reason === 'USER_NOT_FOUND') || !monitored.app?.firstScalekitSignIn?.migrated,
      };
    });

    await runner.run('checklist', async () => {
      const marks = demoChecklistMarks(result);
      checklist = await withConnectionEnv(connection, () => runChecklist({ workspace, updates: marks }));
      const total = Object.values(checklist.counts).reduce((sum, n) => sum + n, 0);
      const automatic = checklist.sections.flatMap((section) => section.items).filter((item) => item.source === 'automatic' && item.status === 'done').map((item) => item.id);
      result.checklist = { marked: marks.map((mark) => mark.id), automatic, done: checklist.counts.done, total, currentPhase: checklist.currentPhase?.title ?? null };
      return {
        summary:
          `${automatic.length} items ticked by the checks from the tools' results, ${marks.length} marked for what only the demo saw; ` +
          `${checklist.counts.done} of ${total} done; current phase: ${checklist.currentPhase ? `${checklist.currentPhase.number}. ${checklist.currentPhase.title}` : 'none'}; next: ${checklist.nextAction?.title ?? 'nothing'}`,
      };
    });
  } catch (error) {
    result.error = error instanceof DemoStepFailed ? error.message : errorMessage(error);
    runner.skipRest('not run: an earlier step failed');
  } finally {
    await emulator?.stop();
  }

  try {
    await runner.run('report', async () => {
      result.report = await writeMigrationReport(workspace, checklist);
      return { summary: result.report };
    });
  } catch (error) {
    result.error ??= errorMessage(error);
  }
  result.ok = !result.error && runner.steps.every((step) => step.status === 'ok');
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * What became of each dirty row of the seed: rejected (with the reason), merged into another row's user,
 * cleaned up on the way (normalized), or exported as it was. The parts add up to the dirty rows.
 */
function accountForDirtyRows(exported: ExportResult, dirty: number): string {
  const c = exported.counts;
  const reasons = exported.rejectReasons.map((entry) => `${entry.reason} ${entry.count}`).join(', ');
  const normalized = exported.warnings.filter((warning) => warning.code === 'email-normalized').reduce((sum, warning) => sum + warning.count, 0);
  const merges = exported.warnings.find((warning) => warning.code === 'identities-merged');
  const rest = dirty - c.rejects - c.merged - normalized;
  return (
    `${dirty} dirty rows: ${c.rejects} rejected as expected (${reasons}), ${c.merged} merged into another row's user${merges?.samples.length ? ` (${merges.samples.join(', ')})` : ''}, ` +
    `${normalized} normalized (email trimmed and lowercased), ${rest} exported as they were (the record each merge kept)`
  );
}

function connectionEnv(connection: ScalekitConnection): Record<string, string> {
  return { SCALEKIT_ENVIRONMENT_URL: connection.environmentUrl, SCALEKIT_CLIENT_ID: connection.clientId, SCALEKIT_CLIENT_SECRET: connection.clientSecret };
}

/** The checklist's import.verify check reads the SCALEKIT_* variables: they point at the emulator for that one call. */
async function withConnectionEnv<T>(connection: ScalekitConnection, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(SCALEKIT_ENV_VARS.map((name) => [name, process.env[name]]));
  Object.assign(process.env, connectionEnv(connection));
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
