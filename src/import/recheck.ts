import type { ScalekitManagementApi } from '../scalekit/management-api.js';
import { readJournal, type JournalHistory, type JournalOp } from './journal-read.js';
import type { JournalWriter } from './journal-write.js';
import { MAY_HAVE_TAKEN_EFFECT } from './settle-call.js';
import type { ReadCall } from './snapshot.js';

export interface RecheckOutcome {
  rechecked: number;
  /** In-flight calls that had taken effect (a create that exists, a delete that is gone). */
  foundApplied: number;
}

/**
 * Settles the calls that were in flight when an earlier run died (intent journaled, no outcome):
 * each is looked up - a create by external_id (or role name, or user and organization), a delete by
 * id - before anything is sent again. A create that exists is recorded as done with its id, so a
 * rollback knows it was this package's; one that does not exist is recorded absent and the new
 * plan creates it. Updates in flight need no lookup: the new plan compares the real state again.
 * With a journal the outcomes are written down; without one (plan mode) only `ops` is updated.
 */
export async function recheckInFlight(
  ops: JournalOp[],
  api: ScalekitManagementApi,
  read: ReadCall,
  journal?: JournalWriter,
): Promise<RecheckOutcome> {
  let foundApplied = 0;
  for (const op of ops) {
    const id = await lookUp(op, api, read);
    if (id === 'superseded') {
      op.outcome = 'superseded';
      journal?.superseded(op.op);
      continue;
    }
    if (id !== undefined) {
      foundApplied += 1;
      op.outcome = 'done';
      op.recovered = true;
      if (id) op.id = id;
      journal?.done(op.op, id || undefined, true);
    } else {
      op.outcome = 'absent';
      journal?.absent(op.op);
    }
  }
  await journal?.flush();
  return { rechecked: ops.length, foundApplied };
}

export const unsettledCreate = (op: JournalOp) => op.outcome === 'failed' && createKey(op) !== undefined && MAY_HAVE_TAKEN_EFFECT.has(op.code ?? '');

/**
 * The journal as an import resumes it, never held whole: the calls still without an outcome, the creates whose
 * failure may hide a lost answer (settleFailedCreates), and the done creates with those same keys (read in a second
 * pass only when there are such failures). Everything else a resume re-reads from the environment.
 */
export async function readJournalForResume(path: string): Promise<JournalHistory> {
  const history = await readJournal(path, { keep: unsettledCreate });
  await addCreatesWithUnsettledKeys(path, history);
  return history;
}

/**
 * For a history read with only some calls kept: adds the done creates whose key one of its unsettled failed
 * creates has (a second pass, only when there are such failures), which settleFailedCreates must not claim twice.
 */
export async function addCreatesWithUnsettledKeys(path: string, history: JournalHistory): Promise<void> {
  const keys = new Set(history.ops.filter(unsettledCreate).map(createKey));
  if (!keys.size) return;
  const made = await readJournal(path, { keep: (op) => keys.has(createKey(op)) });
  history.ops.push(...made.ops.filter((op) => op.outcome === 'done'));
}

/**
 * Creates journaled `failed` with an answer that does not prove they failed (a lost answer, an
 * ALREADY_EXISTS after a resend), in journals written before such answers were looked up, or
 * when the look-up itself failed: each is looked up once by its key; found, it is recorded done
 * (recovered), so a rollback deletes it. The planner chose `create` because the entity was not
 * there, so one found now with this key was made by this import. Creates whose key a later create
 * of the journal made are skipped.
 */
export async function settleFailedCreates(history: JournalHistory, api: ScalekitManagementApi, read: ReadCall, journal?: JournalWriter): Promise<number> {
  const made = new Set(history.ops.filter((op) => op.outcome === 'done' && createKey(op)).map(createKey));
  let found = 0;
  for (const op of history.ops) {
    const key = createKey(op);
    if (!key || op.outcome !== 'failed' || !MAY_HAVE_TAKEN_EFFECT.has(op.code ?? '') || made.has(key)) continue;
    const id = await lookUp(op, api, read);
    if (id === undefined || id === 'superseded') continue;
    found += 1;
    made.add(key);
    op.outcome = 'done';
    op.recovered = true;
    if (id) op.id = id;
    journal?.done(op.op, id || undefined, true);
  }
  await journal?.flush();
  return found;
}

function createKey(op: JournalOp): string | undefined {
  const { target } = op;
  switch (op.action) {
    case 'permission.create':
      return `permission|${target.permission}`;
    case 'role.create':
      return `role|${target.role}`;
    case 'org.create':
      return `org|${target.orgExternalId}`;
    case 'user.create':
      return `user|${target.userExternalId}`;
    case 'membership.create':
      return `membership|${target.user}|${target.org}`;
    case 'domain.create':
      return `domain|${target.org}|${target.domain}`;
    default:
      return undefined;
  }
}

/** Whether a journaled call took effect, looked up now (a create by its key, a delete by id). See lookUp. */
export async function tookEffect(op: Pick<JournalOp, 'action' | 'target'>, api: ScalekitManagementApi, read: ReadCall): Promise<boolean> {
  const id = await lookUp(op, api, read);
  return id !== undefined && id !== 'superseded';
}

/** The id the call produced ('' when it has none) if it took effect, undefined if not, 'superseded' for updates. */
async function lookUp(op: Pick<JournalOp, 'action' | 'target'>, api: ScalekitManagementApi, read: ReadCall): Promise<string | undefined | 'superseded'> {
  const { target } = op;
  switch (op.action) {
    case 'permission.create':
      return (await read(() => api.getPermission(target.permission!))) !== undefined ? '' : undefined;
    case 'permission.delete':
      return (await read(() => api.getPermission(target.permission!))) !== undefined ? undefined : '';
    case 'role.create':
      return (await read(() => api.getRole(target.role!)))?.id;
    case 'org.create':
      return (await read(() => api.getOrganizationByExternalId(target.orgExternalId!)))?.id;
    case 'user.create': {
      const user = await read(() => api.getUserByExternalId(target.userExternalId!));
      return user && user.memberships.some((membership) => membership.organizationId === target.org) ? user.id : undefined;
    }
    case 'membership.create': {
      const user = await read(() => api.getUser(target.user!));
      return user?.memberships.some((membership) => membership.organizationId === target.org) ? '' : undefined;
    }
    case 'role.delete':
      return (await read(() => api.getRole(target.role!))) ? undefined : '';
    case 'org.delete':
      return (await read(() => api.getOrganization(target.org!))) ? undefined : '';
    case 'user.delete':
      return (await read(() => api.getUser(target.user!))) ? undefined : '';
    case 'membership.delete': {
      const user = await read(() => api.getUser(target.user!));
      return user?.memberships.some((membership) => membership.organizationId === target.org) ? undefined : '';
    }
    case 'domain.create':
      return (await read(() => api.listDomains(target.org!))).find((domain) => domain.name === target.domain)?.id;
    case 'domain.delete':
      return (await read(() => api.listDomains(target.org!).catch(() => []))).some((domain) => domain.id === target.domainId) ? undefined : '';
    case 'role.update':
    case 'org.update':
    case 'user.update':
    case 'membership.update':
      return 'superseded';
  }
}
