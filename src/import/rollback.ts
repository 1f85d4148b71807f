import { Code } from '@connectrpc/connect';
import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_FILES } from '../package/layout.js';
import { readManifest, packageDigest } from '../package/read.js';
import { ScalekitCallError } from '../scalekit/call-error.js';
import type { ScalekitConnection } from '../scalekit/client.js';
import { SAMPLE_LIMIT } from './import-result.js';
import type { JournalAction, JournalTarget } from './journal-format.js';
import { inFlightOps, readJournal } from './journal-read.js';
import { JournalWriter } from './journal-write.js';
import { ownedDomains } from './domains.js';
import { OwnershipReplay, type Owned } from './ownership.js';
import { withPackageLock } from './package-lock.js';
import { runPool } from './pool.js';
import { listingProgress, type ProgressListener } from './progress.js';
import { addCreatesWithUnsettledKeys, recheckInFlight, settleFailedCreates, tookEffect, unsettledCreate } from './recheck.js';
import { applyToSnapshot, planRestorations, type Restoration } from './restore.js';
import { OutcomeUnknownError, sendSettled } from './settle-call.js';
import { DEFAULT_CONCURRENCY, authenticate, checkConcurrency, openSession, type Session } from './session.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';
import { withWorkDb, type WorkDb } from './work-db.js';
import { describeFailure } from './tally.js';

const ROLLBACK_ENTITIES = ['domains', 'memberships', 'users', 'organizations', 'roles', 'permissions'] as const;
type RollbackEntity = (typeof ROLLBACK_ENTITIES)[number];

const rollbackCountsSchema = z.object({
  /** Created by this package's journal and still present: to delete (plan) or deleted (apply). */
  delete: z.number().int(),
  /** Created by the journal but already gone from Scalekit. */
  alreadyGone: z.number().int(),
  /** Left in place for safety (see `blocked`); `force` deletes them anyway. */
  blocked: z.number().int(),
  /** Entities the imports did not create whose overwritten fields are put back (plan) or were (apply). */
  restore: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
});

export const rollbackResultSchema = z.object({
  mode: z.enum(['plan', 'apply']),
  packageDir: z.string(),
  environment: z.string(),
  journal: z.object({ path: z.string(), runs: z.number().int(), inFlight: z.number().int() }),
  counts: z.object({
    domains: rollbackCountsSchema,
    memberships: rollbackCountsSchema,
    users: rollbackCountsSchema,
    organizations: rollbackCountsSchema,
    roles: rollbackCountsSchema,
    permissions: rollbackCountsSchema,
  }),
  blocked: z.object({
    total: z.number().int(),
    samples: z.array(z.object({ entity: z.enum(ROLLBACK_ENTITIES), id: z.string(), key: z.string().optional(), code: z.string(), detail: z.string() })),
  }),
  failures: z.object({
    total: z.number().int(),
    byCode: z.record(z.string(), z.number().int()),
    samples: z.array(z.object({ entity: z.enum(ROLLBACK_ENTITIES), id: z.string(), key: z.string().optional(), code: z.string(), requestId: z.string().optional() })),
  }),
  /** Entities the imports did not create whose overwritten fields stay as the import set them (see `blocked`). */
  updatesNotReverted: z.number().int(),
  /** Apply only: true when everything the imports did is undone (nothing blocked, failed or pending). */
  complete: z.boolean().optional(),
  run: z.object({ interrupted: z.boolean(), durationMs: z.number(), rpcs: z.number().int() }).optional(),
  next: z.string(),
});
export type RollbackResult = z.infer<typeof rollbackResultSchema>;
type RollbackCounts = z.infer<typeof rollbackCountsSchema>;

export interface RollbackOptions {
  packageDir: string;
  apply: boolean;
  /** Also delete organizations with members this journal did not add, and roles still in use by others. */
  force?: boolean;
  rate?: number;
  concurrency?: number;
  connection?: ScalekitConnection;
  signal?: AbortSignal;
  progress?: ProgressListener;
}

interface Deletion {
  entity: RollbackEntity;
  id: string;
  key?: string;
  action: JournalAction;
  target: JournalTarget;
  send(session: Session): Promise<void>;
}

/**
 * Plans (default) or applies the deletion of exactly what this package's journal created and still
 * exists: memberships added to users it did not create, then users, organizations, roles and permissions it
 * created. Never a pre-existing entity. Deletions are journaled like the import's calls.
 */
export async function runRollback(options: RollbackOptions): Promise<RollbackResult> {
  return options.apply ? withPackageLock(options.packageDir, 'rollback', () => rollbackPackage(options)) : rollbackPackage(options);
}

async function rollbackPackage(options: RollbackOptions): Promise<RollbackResult> {
  // What the journal created and the environment's users go to a scratch index on disk beside the package.
  return withWorkDb(options.packageDir, (work) => rollbackWith(options, work));
}

async function rollbackWith(options: RollbackOptions, work: WorkDb): Promise<RollbackResult> {
  const started = performance.now();
  const concurrency = checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY);
  const journalPath = join(options.packageDir, PACKAGE_FILES.journal);
  // Read once, never whole: the creates and deletes that are settled go straight into the ownership replay;
  // kept are the updates (to restore), the domain calls (a few per organization), the calls without an
  // outcome and the failed creates to look up.
  const replay = new OwnershipReplay(work);
  const history = await readJournal(journalPath, {
    keep: (op) => op.action.endsWith('.update') || op.action.startsWith('domain.') || unsettledCreate(op),
    dropped: (op) => replay.add(op),
  });
  // What the replay has not seen yet: settled below (re-checked, looked up), then replayed in journal order.
  const unreplayed = [...history.ops];
  await addCreatesWithUnsettledKeys(journalPath, history);
  const session = openSession({ connection: options.connection, rate: options.rate });
  const progress = options.progress;
  const counts = Object.fromEntries(ROLLBACK_ENTITIES.map((entity) => [entity, zero()])) as Record<RollbackEntity, RollbackCounts>;
  const blocked: RollbackResult['blocked']['samples'] = [];
  const failures: Array<RollbackResult['failures']['samples'][number]> = [];
  const base = { packageDir: options.packageDir, environment: session.environment };
  const inFlight = inFlightOps(history);
  const journalSummary = { path: journalPath, runs: history.runs, inFlight: inFlight.length };

  if (history.runs === 0) {
    return {
      mode: options.apply ? 'apply' : 'plan',
      ...base,
      journal: journalSummary,
      counts,
      blocked: { total: 0, samples: [] },
      failures: { total: 0, byCode: {}, samples: [] },
      updatesNotReverted: 0,
      next: `No journal in ${options.packageDir}: nothing was imported from this package, so there is nothing to roll back.`,
    };
  }

  await authenticate(session);
  const digest = history.packageDigest ?? packageDigest(await readManifest(options.packageDir));
  const journal = options.apply ? await JournalWriter.start(journalPath, history, { command: 'rollback', packageDigest: digest }) : undefined;
  try {
    progress?.({ kind: 'phase', phase: 'recheck', total: inFlight.length });
    await recheckInFlight(inFlight, session.api, session.read, journal);
    // Creates journaled failed whose answer may have been lost: found now, they are this package's.
    await settleFailedCreates(history, session.api, session.read, journal);
    for (const op of unreplayed) replay.add(op);
    const owned = replay.result();
    progress?.({ kind: 'phase', phase: 'snapshot' });
    const snapshot = await takeSnapshot(session.api, session.read, work, listingProgress(progress));
    const restoreBlocked = new Set<string>();
    const restorations = planRestorations(history, owned, snapshot, Boolean(options.force), (entry) => {
      counts[entry.entity].blocked += 1;
      restoreBlocked.add(`${entry.entity}|${entry.id}`);
      blocked.push(entry);
    });
    applyToSnapshot(restorations, snapshot);
    const planned = planDeletions(owned, snapshot, Boolean(options.force), counts, (entry) => blocked.push(entry));
    const deletions = [...(await planDomainDeletions(ownedDomains(history), snapshot, session, counts.domains)), ...planned.listed];
    const deletionCount = deletions.length + planned.users.count;
    const settled = { pacer: session.pacer, policy: session.retryPolicy };

    if (!journal) {
      for (const restoration of restorations) counts[restoration.entity].restore += 1;
      for (const deletion of deletions) counts[deletion.entity].delete += 1;
      counts.users.delete += planned.users.count;
    } else {
      const stop = new AbortController();
      options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
      if (options.signal?.aborted) stop.abort();
      let done = 0;
      progress?.({ kind: 'phase', phase: 'rollback', total: restorations.length });
      await runPool(restorations, {
        concurrency,
        signal: stop.signal,
        skipped: (restoration) => (counts[restoration.entity].pending += 1),
        finished: () => progress?.({ kind: 'advance', phase: 'rollback', done: ++done, total: restorations.length + deletionCount }),
        work: async (restoration: Restoration) => {
          const op = await journal.intent(restoration.action, restoration.target, { previous: restoration.previous, sent: restoration.restored });
          try {
            await sendSettled({ send: () => restoration.send(session) }, settled);
            journal.done(op);
            counts[restoration.entity].restore += 1;
          } catch (error) {
            const { code, requestId } = describeFailure(error);
            journal.failed(op, code, requestId);
            counts[restoration.entity].failed += 1;
            failures.push({ entity: restoration.entity, id: restoration.id, ...(restoration.key ? { key: restoration.key } : {}), code, ...(requestId ? { requestId } : {}) });
          }
        },
      });
      for (const entity of ROLLBACK_ENTITIES) {
        // The users' deletions are read from the index a page at a time, never listed whole.
        const batch = entity === 'users' ? planned.users.each() : deletions.filter((deletion) => deletion.entity === entity);
        progress?.({ kind: 'phase', phase: 'rollback', total: entity === 'users' ? planned.users.count : deletions.filter((deletion) => deletion.entity === entity).length });
        await runPool(batch, {
          concurrency,
          signal: stop.signal,
          skipped: () => (counts[entity].pending += 1),
          finished: () => progress?.({ kind: 'advance', phase: 'rollback', done: ++done, total: restorations.length + deletionCount }),
          work: async (deletion) => {
            const op = await journal.intent(deletion.action, deletion.target);
            try {
              // A delete whose answer is lost is looked up (gone or not) before it is resent or reported.
              const gone = async () => ((await tookEffect(deletion, session.api, session.read)) ? true : undefined);
              await sendSettled<unknown>({ send: () => deletion.send(session), probe: gone }, settled);
              journal.done(op);
              counts[entity].delete += 1;
            } catch (thrown) {
              const unsettled = thrown instanceof OutcomeUnknownError;
              const error = unsettled ? thrown.cause : thrown;
              if (error instanceof ScalekitCallError && error.code === Code.NotFound) {
                journal.done(op);
                counts[entity].alreadyGone += 1;
                return;
              }
              const { code, requestId } = describeFailure(error);
              if (!unsettled) journal.failed(op, code, requestId);
              counts[entity].failed += 1;
              failures.push({ entity, id: deletion.id, ...(deletion.key ? { key: deletion.key } : {}), code, ...(requestId ? { requestId } : {}) });
            }
          },
        });
      }
      await journal.end(stop.signal.aborted);
    }
    const byCode: Record<string, number> = {};
    for (const failure of failures) byCode[failure.code] = (byCode[failure.code] ?? 0) + 1;
    const interrupted = Boolean(journal && options.signal?.aborted);
    return {
      mode: journal ? 'apply' : 'plan',
      ...base,
      journal: journalSummary,
      counts,
      blocked: { total: blocked.length, samples: blocked.slice(0, SAMPLE_LIMIT) },
      failures: { total: failures.length, byCode, samples: failures.slice(0, SAMPLE_LIMIT) },
      updatesNotReverted: restoreBlocked.size,
      ...(journal ? { complete: !interrupted && blocked.length === 0 && failures.length === 0 && pendingTotal(counts) === 0 } : {}),
      ...(journal ? { run: { interrupted, durationMs: Math.round(performance.now() - started), rpcs: session.api.totalCalls } } : {}),
      next: nextStep(Boolean(journal), interrupted, deletionCount + restorations.length, blocked.length, failures.length),
    };
  } finally {
    await journal?.close();
  }
}

/**
 * The organization domains this journal created that still exist (one ListDomains per organization that
 * still exists): deleted first, also on organizations the import did not create.
 */
async function planDomainDeletions(owned: ReturnType<typeof ownedDomains>, snapshot: Snapshot, session: Session, counts: RollbackCounts): Promise<Deletion[]> {
  const byOrg = new Map<string, Array<[string, { org: string; orgExternalId?: string; domain: string }]>>();
  for (const entry of owned) byOrg.set(entry[1].org, [...(byOrg.get(entry[1].org) ?? []), entry]);
  const deletions: Deletion[] = [];
  for (const [org, entries] of byOrg) {
    const present = snapshot.organizationsById.has(org) ? new Set((await session.read(() => session.api.listDomains(org))).map((d) => d.id)) : new Set<string>();
    for (const [id, { orgExternalId, domain }] of entries) {
      if (!present.has(id)) {
        counts.alreadyGone += 1;
        continue;
      }
      deletions.push({
        entity: 'domains',
        id,
        key: `${domain}@${orgExternalId ?? org}`,
        action: 'domain.delete',
        target: { org, orgExternalId, domain, domainId: id },
        send: (s) => s.api.deleteDomain(org, id),
      });
    }
  }
  return deletions;
}

function zero(): RollbackCounts {
  return { delete: 0, alreadyGone: 0, blocked: 0, restore: 0, failed: 0, pending: 0 };
}

function pendingTotal(counts: Record<RollbackEntity, RollbackCounts>): number {
  return Object.values(counts).reduce((sum, entity) => sum + entity.pending, 0);
}

/** The users to delete: counted once, then read from the index a page at a time as the rollback reaches them. */
interface UserDeletions {
  count: number;
  each(): Iterable<Deletion>;
}

function planDeletions(
  owned: Owned,
  snapshot: Snapshot,
  force: boolean,
  counts: Record<RollbackEntity, RollbackCounts>,
  block: (entry: RollbackResult['blocked']['samples'][number]) => void,
): { listed: Deletion[]; users: UserDeletions } {
  const deletions: Deletion[] = [];
  const deletedMemberships = new Set<string>();
  for (const membership of owned.memberships.values()) {
    const user = snapshot.usersById.get(membership.user);
    if (!user?.memberships.some((candidate) => candidate.organizationId === membership.org)) {
      counts.memberships.alreadyGone += 1;
      continue;
    }
    deletedMemberships.add(`${membership.user}|${membership.org}`);
    deletions.push({
      entity: 'memberships',
      id: `${membership.user}@${membership.org}`,
      key: membership.userExternalId && membership.orgExternalId ? `${membership.userExternalId}@${membership.orgExternalId}` : undefined,
      action: 'membership.delete',
      target: { user: membership.user, org: membership.org, userExternalId: membership.userExternalId, orgExternalId: membership.orgExternalId },
      send: (session) => session.api.deleteMembership(membership.org, membership.user),
    });
  }
  let usersToDelete = 0;
  for (const [id] of owned.users) {
    if (snapshot.usersById.has(id)) usersToDelete += 1;
    else counts.users.alreadyGone += 1;
  }
  const users: UserDeletions = {
    count: usersToDelete,
    *each() {
      for (const [id, externalId] of owned.users) {
        if (!snapshot.usersById.has(id)) continue;
        yield { entity: 'users', id, key: externalId, action: 'user.delete', target: { user: id, userExternalId: externalId }, send: (session) => session.api.deleteUser(id) };
      }
    },
  };
  // Memberships that stay after the deletions above, counted per organization and per role (one pass over the index).
  const membersStaying = new Map<string, number>();
  const roleHoldersStaying = new Map<string, number>();
  for (const user of snapshot.users.all()) {
    if (owned.users.has(user.id)) continue;
    for (const membership of user.memberships) {
      if (deletedMemberships.has(`${user.id}|${membership.organizationId}`)) continue;
      membersStaying.set(membership.organizationId, (membersStaying.get(membership.organizationId) ?? 0) + 1);
      for (const role of membership.roles) roleHoldersStaying.set(role, (roleHoldersStaying.get(role) ?? 0) + 1);
    }
  }
  for (const [id, externalId] of owned.organizations) {
    if (!snapshot.organizationsById.has(id)) {
      counts.organizations.alreadyGone += 1;
      continue;
    }
    const others = membersStaying.get(id) ?? 0;
    if (others && !force) {
      counts.organizations.blocked += 1;
      block({
        entity: 'organizations',
        id,
        key: externalId,
        code: 'organization-has-other-members',
        detail: `${others} member(s) of ${id} were not added by this package's imports; deleting the organization would remove them (force to delete anyway)`,
      });
      continue;
    }
    deletions.push({
      entity: 'organizations',
      id,
      key: externalId,
      action: 'org.delete',
      target: { org: id, orgExternalId: externalId },
      send: (session) => session.api.deleteOrganization(id),
    });
  }
  for (const name of owned.roles) {
    if (!snapshot.roles.has(name)) {
      counts.roles.alreadyGone += 1;
      continue;
    }
    const holders = roleHoldersStaying.get(name) ?? 0;
    if (holders && !force) {
      counts.roles.blocked += 1;
      block({
        entity: 'roles',
        id: name,
        key: name,
        code: 'role-in-use',
        detail: `role ${name} is held by ${holders} membership(s) this package's imports did not create (force to delete anyway)`,
      });
      continue;
    }
    deletions.push({ entity: 'roles', id: name, key: name, action: 'role.delete', target: { role: name }, send: (session) => session.api.deleteRole(name) });
  }
  const deletedRoles = new Set(deletions.filter((deletion) => deletion.entity === 'roles').map((deletion) => deletion.id));
  const remainingRoles = [...snapshot.roles.values()].filter((role) => !deletedRoles.has(role.name));
  for (const name of owned.permissions) {
    if (!snapshot.permissions.has(name)) {
      counts.permissions.alreadyGone += 1;
      continue;
    }
    const roles = remainingRoles.filter((role) => role.permissions.includes(name)).map((role) => role.name);
    if (roles.length && !force) {
      counts.permissions.blocked += 1;
      block({
        entity: 'permissions',
        id: name,
        key: name,
        code: 'permission-in-use',
        detail: `permission ${name} is used by role(s) ${roles.slice(0, 5).join(', ')} that stay (force to delete anyway)`,
      });
      continue;
    }
    deletions.push({
      entity: 'permissions',
      id: name,
      key: name,
      action: 'permission.delete',
      target: { permission: name },
      send: (session) => session.api.deletePermission(name),
    });
  }
  return { listed: deletions, users };
}

function nextStep(applied: boolean, interrupted: boolean, planned: number, blocked: number, failed: number): string {
  if (!applied) {
    if (planned === 0 && blocked === 0) return 'Nothing this package created or changed is left in Scalekit.';
    return `Review the ${planned} deletion(s) and restore(s)${blocked ? ` and ${blocked} blocked item(s)` : ''} with the user; apply only after an explicit yes.`;
  }
  if (interrupted) return 'The rollback stopped before the end; run it again to finish (it is journaled).';
  if (failed) return 'Some deletions or restores failed; run the rollback again (it retries only what is left).';
  if (blocked) {
    return `Rollback NOT complete: ${blocked} item(s) are blocked (see blocked.samples: other members, roles in use, fields changed since the import). Decide each with the user; force undoes them anyway.`;
  }
  return 'Rollback done: everything the imports created is deleted and every field they overwrote is back; verifyImport now reports the package missing.';
}
