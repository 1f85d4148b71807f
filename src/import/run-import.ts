import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { PACKAGE_FILES } from '../package/layout.js';
import type { ScalekitConnection } from '../scalekit/client.js';
import { createMissingDomains, readDomains, summarizeDomains } from './domains.js';
import { executePlan } from './execute.js';
import type { ImportResult } from './import-result.js';
import { inFlightOps } from './journal-read.js';
import { JournalWriter } from './journal-write.js';
import { openImportPackage, type StreamedImportPackage } from './load-package.js';
import { withPackageLock } from './package-lock.js';
import { checkPlanBinding } from './plan-binding.js';
import { addUserNotes, EMAIL_POLICIES, planHead, type EmailPolicy, type ImportPlan, type PlanDecisions, type UserPlan } from './plan.js';
import { listingProgress, type ProgressListener } from './progress.js';
import { readJournalForResume, recheckInFlight, settleFailedCreates } from './recheck.js';
import { ProgressTimeline, saveRunSummary } from './run-summary.js';
import { writeResultFiles } from './result-files.js';
import type { RetryPolicy } from './retry.js';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE, authenticate, checkConcurrency, openSession } from './session.js';
import { takeSnapshot } from './snapshot.js';
import { WorkDb } from './work-db.js';
import { tallyPlan, tallyUsers, type Tally } from './tally.js';

export interface ImportOptions {
  packageDir: string;
  /** false: plan only: nothing is written to Scalekit or the journal (the plan is kept as import-plan.json beside it). */
  apply: boolean;
  rate?: number;
  concurrency?: number;
  /** Import a package that differs from the one the journal was started with. */
  force?: boolean;
  /** The package digest the reviewed plan showed: apply refuses a package that no longer has it. */
  planDigest?: string;
  /** Refuse an apply no plan of this package stands behind (no planDigest, no saved plan, not a resume); the MCP tool and the CLI set it. */
  requirePlan?: boolean;
  /** With requirePlan: the person chose to apply without a reviewed plan. */
  withoutPlan?: boolean;
  connection?: ScalekitConnection;
  retryPolicy?: RetryPolicy;
  /** Aborting stops the apply cleanly: records in flight finish and the journal is flushed. */
  signal?: AbortSignal;
  progress?: ProgressListener;
  /** What to do with new users whose email is not verified; required before an apply when there are any. */
  emailPolicy?: EmailPolicy;
  /** Import users whose source status is not active (flagged in metadata as legacy_status). */
  includeInactive?: boolean;
  /** Users read, planned and imported at once (default 2,000); memory follows it. */
  userChunkSize?: number;
}

/**
 * Plans (default) or applies the import of a migration package. Apply resumes from the package's
 * journal: calls in flight when an earlier run died are re-checked first, then the environment is
 * read again and re-planned, so nothing is created twice and nothing is skipped.
 */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  // One writing run per package at a time: its journal and its calls must not interleave with another's.
  return options.apply ? withPackageLock(options.packageDir, 'import', () => importPackage(options)) : importPackage(options);
}

async function importPackage(options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const concurrency = checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY);
  // Users stay on disk: they are checked in one pass, then read, planned and imported a chunk at a time.
  const pkg = await openImportPackage(options.packageDir, options.userChunkSize);
  const journalPath = join(pkg.dir, PACKAGE_FILES.journal);
  const history = await readJournalForResume(journalPath);
  if (options.apply) {
    await checkPlanBinding(pkg, options.planDigest, {
      requirePlan: options.requirePlan,
      withoutPlan: options.withoutPlan,
      resumesSamePackage: history.runs > 0 && history.packageDigest === pkg.digest,
    });
  }
  const packageChanged = history.packageDigest !== undefined && history.packageDigest !== pkg.digest;
  if (packageChanged && options.apply && !options.force) {
    throw new UserInputError(
      `the package in ${pkg.dir} changed since its journal was started (${history.runs} earlier run(s)): ` +
        'import a new export from a new directory, or pass force to continue this journal with the changed package',
    );
  }
  // A resumed run keeps the choices its journal recorded unless new ones are given.
  const decisions: PlanDecisions = {
    emailPolicy: options.emailPolicy ?? history.decisions?.emailPolicy,
    includeInactive: options.includeInactive ?? history.decisions?.includeInactive ?? false,
  };
  const unverified = pkg.users.unverified.active + (decisions.includeInactive ? pkg.users.unverified.notActive : 0);
  if (options.apply && unverified && !decisions.emailPolicy) {
    // Scalekit verifies every user created without an invitation: that choice is the person's, never a default.
    throw new UserInputError(
      `${unverified} user(s) in the package have email_verified false: choose what the import does with those it creates ` +
        '(emailPolicy / --unverified-emails): invite (Scalekit emails them to prove the address), skip (left out, listed), or verified (imported as verified)',
    );
  }
  const session = openSession({
    connection: options.connection,
    rate: options.rate,
    retryPolicy: options.retryPolicy,
    // The limit seen and, for user creates, how long the package's users take at that pace.
    onLimitAnnounced: (endpoint, limit, perSecond) =>
      options.progress?.({
        kind: 'log',
        level: 'info',
        message:
          `Scalekit allows ${limit} ${endpoint} calls per window: pacing at ${round(perSecond)}/s` +
          (endpoint === 'CreateUserAndMembership' ? `; ${pkg.users.count} users in the package, ETA about ${formatEta(pkg.users.count / perSecond)}` : ''),
      }),
  });
  const { api, read } = session;
  const timeline = new ProgressTimeline();
  const progress = options.apply ? timeline.wrap(options.progress) : options.progress;
  await authenticate(session);

  const journal = options.apply
    ? await JournalWriter.start(journalPath, history, { command: 'import', packageDigest: pkg.digest, forced: packageChanged, decisions })
    : undefined;
  // The environment's users go to a scratch index on disk beside the package, removed when the run ends.
  const work = WorkDb.open(pkg.dir);
  try {
    const inFlight = inFlightOps(history);
    if (inFlight.length) {
      progress?.({ kind: 'log', level: 'info', message: `${inFlight.length} call(s) were in flight when the last run stopped; re-checking them by external id` });
    }
    progress?.({ kind: 'phase', phase: 'recheck', total: inFlight.length });
    const recheck = journal ? await recheckInFlight(inFlight, api, read, journal) : { rechecked: 0, foundApplied: 0 };
    if (journal) recheck.foundApplied += await settleFailedCreates(history, api, read, journal);

    progress?.({ kind: 'phase', phase: 'snapshot' });
    const snapshot = await takeSnapshot(api, read, work, listingProgress(progress));
    const head = planHead(pkg, snapshot, decisions);
    const plan = head.plan;
    const journalSummary = {
      path: journalPath,
      previousRuns: history.runs,
      inFlight: inFlight.length,
      inFlightFoundApplied: recheck.foundApplied,
      packageChanged,
    };
    const base = { packageDir: pkg.dir, packageDigest: pkg.digest, environment: session.environment, journal: journalSummary };

    if (!journal) {
      const tally = tallyPlan(plan);
      for await (const chunk of pkg.users.chunks()) {
        const users = head.planUsers(chunk);
        tallyUsers(tally, users);
        addUserNotes(plan.notes, users, decisions);
      }
      const domains = summarizeDomains(await readDomains(pkg.organizations, (externalId) => snapshot.organizationsByExternalId.get(externalId)?.id, api, read));
      const planned: ImportResult = {
        mode: 'plan',
        ...base,
        ...shape(tally, plan),
        ...(domains.total ? { domains } : {}),
        ...needsDecision(plan),
        files: {},
        next: planNext(tally, packageChanged, plan),
      };
      await saveRunSummary(pkg.dir, 'plan', { result: planned }, progress);
      return planned;
    }

    const executed = await executePlan(plan, {
      api,
      journal,
      pacer: session.pacer,
      concurrency,
      retryPolicy: session.retryPolicy,
      signal: options.signal,
      progress,
      streamedUsers: { total: pkg.users.count, plans: plannedUsers(pkg, head.planUsers, (users) => addUserNotes(plan.notes, users, decisions)) },
    });
    // Organization domains last: their organizations exist now; they are created unverified (DNS verification is the customer's).
    const domainItems = executed.interrupted ? [] : await readDomains(pkg.organizations, (externalId) => snapshot.organizationsByExternalId.get(externalId)?.id, api, read);
    const domains = domainItems.length ? await createMissingDomains(domainItems, api, read, journal) : undefined;
    await journal.end(executed.interrupted);
    await journal.close();
    const files = await writeResultFiles(pkg, executed.tally);
    const durationMs = performance.now() - started;
    const seconds = Math.max(durationMs / 1000, 1e-3);
    const counts = executed.tally.counts;
    const applied: ImportResult = {
      mode: 'apply',
      ...base,
      ...shape(executed.tally, plan),
      ...(domains ? { domains } : {}),
      run: {
        interrupted: executed.interrupted,
        ...(executed.stoppedBecause ? { stoppedBecause: executed.stoppedBecause } : {}),
        durationMs: Math.round(durationMs),
        rpcs: api.totalCalls,
        rpcsByMethod: Object.fromEntries(api.calls),
        retries: executed.tally.retries,
        usersPerSecond: round((counts.users.create + counts.users.update + counts.users.unchanged) / seconds),
        requestsPerSecond: round(api.totalCalls / seconds),
        rate: session.rateCap ?? DEFAULT_RATE,
        rateSource: session.rateCap === undefined ? 'default' : 'cap',
        rateLimits: session.endpointPacing.announced(),
        concurrency,
      },
      files,
      next: applyNext(executed.tally, executed.interrupted, pkg.dir),
    };
    await saveRunSummary(pkg.dir, 'import', { result: applied, timeline: timeline.result() }, progress);
    return applied;
  } finally {
    work.close();
    await journal?.close();
  }
}

/** The package's users planned a chunk at a time, as the run reaches them. */
async function* plannedUsers(
  pkg: StreamedImportPackage,
  planUsers: (entries: Parameters<ReturnType<typeof planHead>['planUsers']>[0]) => UserPlan[],
  noted: (users: UserPlan[]) => void,
): AsyncGenerator<UserPlan> {
  for await (const chunk of pkg.users.chunks()) {
    const users = planUsers(chunk);
    noted(users);
    yield* users;
  }
}

function shape(tally: Tally, plan: ImportPlan) {
  return {
    counts: tally.counts,
    conflicts: tally.conflictsSummary(),
    updates: { samples: tally.updates },
    failures: tally.failuresSummary(),
    decisions: { ...(plan.decisions.emailPolicy ? { emailPolicy: plan.decisions.emailPolicy } : {}), includeInactive: plan.decisions.includeInactive ?? false },
    skipped: { total: Object.values(tally.skippedByReason).reduce((a, b) => a + b, 0), byReason: tally.skippedByReason, samples: tally.skips },
    notes: { ...plan.notes, invitationsSent: tally.invitationsSent },
  };
}

/** The plan stops and asks when new users have unverified emails and no policy was chosen. */
function needsDecision(plan: ImportPlan): Pick<ImportResult, 'needsDecision'> {
  const users = plan.notes.unverifiedEmails;
  if (!users || plan.decisions.emailPolicy) return {};
  return {
    needsDecision: {
      emailPolicy: {
        users,
        choices: [...EMAIL_POLICIES],
        question:
          `${users} new user(s) have email_verified false. Scalekit marks users created without an invitation as verified. ` +
          'invite: create them with invitations (Scalekit emails each of them, one email per organization, to prove the address); ' +
          'skip: leave them out (listed); verified: import them as verified anyway.',
      },
    },
  };
}

function planNext(tally: Tally, packageChanged: boolean, plan: ImportPlan): string {
  if (plan.notes.unverifiedEmails && !plan.decisions.emailPolicy) {
    return `Ask the user how to import ${plan.notes.unverifiedEmails} new user(s) with unverified emails (invite, skip or verified), then plan again with that policy; nothing can be applied before.`;
  }
  if (packageChanged) return 'The package changed since its journal was started: import a new export from a new directory instead (or force, after asking).';
  if (tally.conflicts.length) return 'Resolve or accept every conflict with the user before applying; conflicts are never overwritten.';
  return "Review the plan with the user, then apply it with this plan's package digest.";
}

function applyNext(tally: Tally, interrupted: boolean, dir: string): string {
  if (interrupted) return `The run stopped before the end; run the same import again on ${dir} to resume from its journal.`;
  if (tally.failures.length) return 'Some records failed: read errors.ndjson (grouped by code), fix the cause, and run the same import again; the journal resumes.';
  return 'Run verifyImport on the same package to prove every record arrived.';
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const whole = Math.ceil(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${whole % 60} s` : `${whole} s`;
}
