import { randomBytes } from 'node:crypto';
import type { ChecklistReport } from '../checklist/report.js';
import { runChecklist, type ItemUpdate } from '../checklist/run.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { errorMessage } from '../errors.js';
import { exportUsers } from '../export/run-export.js';
import { loadSqlite } from '../export/sql/native-sqlite.js';
import { runImport } from '../import/run-import.js';
import { runVerify } from '../import/verify.js';
import { writeMigrationReport } from '../report/write-report.js';
import type { ScalekitConnection } from '../scalekit/client.js';
import { SCALEKIT_ENV_VARS } from '../scalekit/client.js';
import { startApp, type RunningApp } from './app-process.js';
import { loginThroughCodeFlow } from './code-flow.js';
import { callProtected, forgedToken, legacyLogin } from './http-calls.js';
import type { DemoResult, ProtectedCall } from './result.js';
import { DemoStepFailed, StepRunner, type DemoListener } from './steps.js';
import { commitSampleApp, copySampleApp, prepareWorkspace, seedDatabase, type DemoUser } from './workspace.js';

export interface DemoOptions {
  /** An empty or new folder for the demo; a fresh temporary folder by default. It is kept afterwards. */
  workspace?: string;
  onEvent?: DemoListener;
}

/** The password the sample app's seed script gives every user (a demo: each hash has its own salt). */
const SEED_PASSWORD = 'legacy-demo-password';
const PROTECTED_ROUTE = '/api/me';
/** Fast enough for a few hundred users on the local emulator; a real environment starts at the default 25/s. */
const DEMO_RATE = 500;
const DEMO_CONCURRENCY = 16;

/**
 * The whole migration of the bundled sample app, on a local emulator: audit, export, import plan,
 * import, verify, middleware dry run and dual-mode apply, the migrated app signing a user in through
 * Scalekit, the checklist and the report. Returns counts and ids only; tokens and secrets stay in memory.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const workspace = await prepareWorkspace(options.workspace);
  const runner = new StepRunner(options.onEvent);
  const note = (message: string) => options.onEvent?.({ kind: 'note', message });
  const result: DemoResult = { ok: false, workspace, report: null, durationMs: 0, steps: runner.steps, protectedCalls: [] };
  const jwtSecret = randomBytes(32).toString('hex');
  let emulator: Emulator | undefined;
  let app: RunningApp | undefined;
  let legacyToken = '';
  let user: DemoUser | undefined;
  let checklist: ChecklistReport | undefined;

  try {
    await runner.run('workspace', async () => {
      await loadSqlite();
      const copied = await copySampleApp(workspace);
      const seeded = await seedDatabase(workspace);
      result.sample = seeded.summary;
      user = seeded.user;
      const committed = await commitSampleApp(workspace);
      const s = result.sample;
      return {
        summary:
          `${copied.files} files in ${workspace}${committed ? ' (committed to a new git repository)' : ''}; ` +
          `data/app.db seeded with ${s.users} users (${s.dirtyUsers} dirty), ${s.organizations} organizations, ${s.roles} roles, ${s.memberships} memberships`,
      };
    });

    await runner.run('legacy-app', async () => {
      app = await startApp(workspace, { JWT_SECRET: jwtSecret });
      legacyToken = await legacyLogin(app.url, user!.email, SEED_PASSWORD);
      const call = await callProtected(app.url, PROTECTED_ROUTE, legacyToken, 'legacy');
      result.protectedCalls.push(call);
      await app.stop();
      app = undefined;
      return { summary: `user ${user!.externalId} logged in with a password; GET ${PROTECTED_ROUTE} with the legacy JWT -> ${describeCall(call)}`, problems: call.status !== 200 };
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
      const reasons = exported.rejectReasons.map((entry) => `${entry.reason} (${entry.count})`).join('; ');
      return {
        summary: `${c.users} users, ${c.organizations} organizations, ${c.roles} roles, ${c.memberships} memberships; ${c.rejects} rejected as expected: ${reasons}`,
        problems: !exported.countsAddUp,
      };
    });

    await runner.run('import-plan', async () => {
      const plan = await runImport({ packageDir, apply: false, connection, rate: DEMO_RATE, concurrency: DEMO_CONCURRENCY });
      result.importPlan = { counts: plan.counts, conflicts: plan.conflicts.total };
      const k = plan.counts;
      return {
        summary: `would create ${k.roles.create} roles, ${k.organizations.create} organizations, ${k.users.create} users, ${k.memberships.create} memberships; ${plan.conflicts.total} conflicts`,
        problems: plan.conflicts.total > 0,
      };
    });

    await runner.run('import', async () => {
      const applied = await runImport({
        packageDir,
        apply: true,
        connection,
        rate: DEMO_RATE,
        concurrency: DEMO_CONCURRENCY,
        progress: (event) => options.onEvent?.({ kind: 'progress', event }),
      });
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
          `created ${k.roles.create} roles, ${k.organizations.create} organizations, ${k.users.create} users, ${k.memberships.create} memberships ` +
          `in ${((applied.run?.durationMs ?? 0) / 1000).toFixed(1)} s (${applied.run?.rpcs ?? 0} calls); ${failed} failed, ${applied.notes.invitationsSent} invitations${failures}`,
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

    runner.skip('middleware-dry-run', 'updateMiddleware is not part of this build yet');
    runner.skip('middleware-apply', 'updateMiddleware is not part of this build yet');

    await runner.run('migrated-app', async () => {
      const scalekit = await loginThroughCodeFlow(connection, user!.email, 'http://127.0.0.1:3000/auth/callback');
      result.login = { userExternalId: user!.externalId, organizationExternalId: user!.organization, tokenClaims: scalekit.claims };
      const claimsMatch = scalekit.claims.xuid === user!.externalId;
      return {
        summary: `user ${user!.externalId} signed in through Scalekit's code flow: the access token carries xuid ${scalekit.claims.xuid}, xoid ${scalekit.claims.xoid}, roles ${scalekit.claims.roles.join(', ') || 'none'} (the app is not migrated yet: updateMiddleware is not part of this build)`,
        problems: !claimsMatch,
      };
    });

    await runner.run('checklist', async () => {
      const marks = demoMarks(result);
      checklist = await withConnectionEnv(connection, () => runChecklist({ workspace, updates: marks }));
      const total = Object.values(checklist.counts).reduce((sum, n) => sum + n, 0);
      result.checklist = { marked: marks.map((mark) => mark.id), done: checklist.counts.done, total, currentPhase: checklist.currentPhase?.title ?? null };
      return { summary: `marked ${marks.length} items the demo did; ${checklist.counts.done} of ${total} done, current phase: ${checklist.currentPhase?.title ?? 'none'}` };
    });
  } catch (error) {
    result.error = error instanceof DemoStepFailed ? error.message : errorMessage(error);
  } finally {
    await app?.stop();
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
  result.ok = !result.error && runner.steps.every((step) => step.status === 'ok' || step.status === 'skipped');
  result.durationMs = Math.round(performance.now() - started);
  note(`workspace kept at ${workspace}`);
  return result;
}

function describeCall(call: ProtectedCall): string {
  const body = call.body ? ` ${JSON.stringify(call.body)}` : '';
  return `${call.status}${body}`;
}

/** The checklist items the demo did, each with a note saying so. */
function demoMarks(result: DemoResult): ItemUpdate[] {
  const note = (text: string) => `scalekit-migrate demo: ${text}`;
  const marks: ItemUpdate[] = [];
  if (result.export) marks.push({ id: 'audit-export.rejects', status: 'done', note: note(`${result.export.rejects} rejects are the sample's deliberately dirty rows, accepted`) });
  if (result.importPlan) marks.push({ id: 'import.plan', status: 'done', note: note(`plan reviewed: ${result.importPlan.conflicts} conflicts`) });
  if (result.import) marks.push({ id: 'import.apply', status: 'done', note: note(`${result.import.failed} failed records`) });
  if (result.login?.tokenClaims?.xuid === result.login?.userExternalId) {
    marks.push({ id: 'redirects-roles.test-login', status: 'done', note: note(`user ${result.login!.userExternalId} signed in; xuid matches the legacy id`) });
  }
  if (result.protectedCalls.some((call) => call.credential === 'legacy' && call.status === 200)) {
    marks.push({ id: 'backup.sample-token', status: 'done', note: note('a legacy token was taken before the migration (kept in memory only)') });
  }
  return marks;
}

/** The checklist's import.verify check reads the SCALEKIT_* variables: set them to the emulator for that one call. */
async function withConnectionEnv<T>(connection: ScalekitConnection, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(SCALEKIT_ENV_VARS.map((name) => [name, process.env[name]]));
  process.env.SCALEKIT_ENVIRONMENT_URL = connection.environmentUrl;
  process.env.SCALEKIT_CLIENT_ID = connection.clientId;
  process.env.SCALEKIT_CLIENT_SECRET = connection.clientSecret;
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
