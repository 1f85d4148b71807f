import { randomBytes } from 'node:crypto';
import type { ChecklistReport } from '../checklist/report.js';
import { runChecklist, type ItemUpdate } from '../checklist/run.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { errorMessage } from '../errors.js';
import { exportUsers } from '../export/run-export.js';
import { loadSqlite } from '../export/sql/native-sqlite.js';
import { runImport } from '../import/run-import.js';
import { runVerify } from '../import/verify.js';
import { runMiddlewareCodemod } from '../middleware/run-codemod.js';
import { writeMigrationReport } from '../report/write-report.js';
import type { ScalekitConnection } from '../scalekit/client.js';
import { SCALEKIT_ENV_VARS } from '../scalekit/client.js';
import { startApp, type RunningApp } from './app-process.js';
import { loginThroughCodeFlow } from './code-flow.js';
import { callProtected, forgedToken, legacyLogin } from './http-calls.js';
import type { DemoResult, ProtectedCall } from './result.js';
import { DemoStepFailed, StepRunner, type DemoListener } from './steps.js';
import { linkAppDependencies } from './node-modules.js';
import { commitSampleApp, commitWorkspace, copySampleApp, prepareWorkspace, seedDatabase, type DemoUser } from './workspace.js';

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
      return {
        summary:
          `${applied.summary.filesChanged} files written (generated ${applied.generatedModule.auth}, ${applied.generatedModule.client}); ` +
          `a second run changes ${again.summary.filesChanged}; dependencies ${linked.join(', ')}${committed ? '; committed' : ''}`,
        problems: !applied.applied || applied.summary.failures > 0 || !again.unchanged,
      };
    });

    await runner.run('migrated-app', async () => {
      const scalekit = await loginThroughCodeFlow(connection, user!.email, 'http://127.0.0.1:3000/auth/callback');
      result.login = { userExternalId: user!.externalId, organizationExternalId: user!.organization, tokenClaims: scalekit.claims };
      const forged = forgedToken({ sub: user!.externalId, org: user!.organization, role: 'admin', xuid: user!.externalId });
      const appEnv = { JWT_SECRET: jwtSecret, ...connectionEnv(connection) };
      const calls: ProtectedCall[] = [];
      for (const [authProvider, credentials] of DUAL_MODE_CHECKS) {
        app = await startApp(workspace, { ...appEnv, AUTH_PROVIDER: authProvider });
        for (const credential of credentials) {
          const token = credential === 'scalekit' ? scalekit.accessToken : credential === 'legacy' ? legacyToken : forged;
          calls.push(await callProtected(app.url, PROTECTED_ROUTE, token, credential, authProvider));
        }
        await app.stop();
        app = undefined;
      }
      result.protectedCalls.push(...calls);
      const wrong = calls.filter((call) => call.status !== expectedStatus(call, user!.externalId));
      const scalekitDual = calls.find((call) => call.credential === 'scalekit' && call.authProvider === 'dual')!;
      const legacyDual = calls.find((call) => call.credential === 'legacy' && call.authProvider === 'dual')!;
      const rest = calls.filter((call) => call !== scalekitDual && call !== legacyDual).map((call) => `${call.credential} (AUTH_PROVIDER=${call.authProvider}) -> ${call.status}`);
      return {
        summary:
          `user ${user!.externalId} signed in through Scalekit (token xuid ${scalekit.claims.xuid}, roles ${scalekit.claims.roles.join(', ') || 'none'}); ` +
          `AUTH_PROVIDER=dual: GET ${PROTECTED_ROUTE} with the Scalekit token -> ${describeCall(scalekitDual)}, with the legacy token from before the migration -> ${describeCall(legacyDual)}; ` +
          rest.join(', ') +
          (wrong.length ? `; UNEXPECTED: ${wrong.map((call) => `${call.credential}/${call.authProvider} -> ${call.status}`).join(', ')}` : ''),
        problems: wrong.length > 0 || scalekit.claims.xuid !== user!.externalId,
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

/** Which credentials the migrated app is called with under each AUTH_PROVIDER value. */
const DUAL_MODE_CHECKS: ReadonlyArray<[NonNullable<ProtectedCall['authProvider']>, ProtectedCall['credential'][]]> = [
  ['dual', ['scalekit', 'legacy', 'forged']],
  ['scalekit', ['scalekit', 'legacy']],
  ['legacy', ['legacy', 'scalekit']],
];

/** 200 with the user's legacy id where the flag accepts the credential, 401 elsewhere; a forged token never passes. */
function expectedStatus(call: ProtectedCall, externalId: string): number {
  if (call.credential === 'forged') return 401;
  const accepted = call.authProvider === 'dual' || call.authProvider === call.credential;
  if (!accepted) return 401;
  return call.body?.id === externalId ? 200 : -1;
}

function connectionEnv(connection: ScalekitConnection): Record<string, string> {
  return { SCALEKIT_ENVIRONMENT_URL: connection.environmentUrl, SCALEKIT_CLIENT_ID: connection.clientId, SCALEKIT_CLIENT_SECRET: connection.clientSecret };
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
  if (result.middleware) {
    marks.push({ id: 'app-code.dry-run', status: 'done', note: note('dry-run diff shown, then applied') });
    marks.push({ id: 'app-code.apply-dual', status: 'done', note: note(`applied in dual mode; a second run changes ${result.middleware.secondRunChanges} files`) });
  }
  const dual = result.protectedCalls.filter((call) => call.authProvider === 'dual');
  const dualOk =
    dual.some((call) => call.credential === 'scalekit' && call.status === 200) &&
    dual.some((call) => call.credential === 'legacy' && call.status === 200) &&
    dual.some((call) => call.credential === 'forged' && call.status === 401);
  if (dualOk) marks.push({ id: 'app-code.tests', status: 'done', note: note('protected route: 200 to a Scalekit token and to the legacy token in dual mode, 401 to a forged one') });
  const flagOk =
    result.protectedCalls.some((call) => call.authProvider === 'scalekit' && call.credential === 'legacy' && call.status === 401) &&
    result.protectedCalls.some((call) => call.authProvider === 'legacy' && call.credential === 'scalekit' && call.status === 401);
  if (dualOk && flagOk) marks.push({ id: 'backup.rollback-flag', status: 'done', note: note('AUTH_PROVIDER=legacy refuses Scalekit tokens, =scalekit refuses legacy ones, read at start-up') });
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
