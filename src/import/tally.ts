import { ScalekitCallError } from '../scalekit/call-error.js';
import { SAMPLE_LIMIT, emptyCounts, type Entity, type ImportCounts, type ImportResult } from './import-result.js';
import type { ImportPlan } from './plan.js';

export type Outcome = 'create' | 'update' | 'unchanged' | 'conflict' | 'failed' | 'pending' | 'skipped';

export interface FailureRecord {
  entity: Entity;
  ref: string;
  key: string;
  action: string;
  code: string;
  /** Scalekit's error code when it sent one (USER_EMAIL_ALREADY_EXISTS, ROLE_NOT_FOUND, ...). */
  errorCode?: string;
  requestId?: string;
  message: string;
}

/** Counts and examples of what a plan or a run did, per entity. */
export class Tally {
  readonly counts: ImportCounts = emptyCounts();
  readonly conflicts: Array<{ entity: Entity; ref: string; key: string; code: string; detail: string }> = [];
  readonly updates: Array<{ entity: Entity; ref: string; key: string; changes: string[] }> = [];
  readonly failures: FailureRecord[] = [];
  /** Package refs (file:line) of records with a failure, for the retry file. */
  readonly failedRefs = new Set<string>();
  readonly skips: Array<{ entity: Entity; ref: string; key: string; reason: string }> = [];
  readonly skippedByReason: Record<string, number> = {};
  invitationsSent = 0;
  retries = 0;

  count(entity: Entity, outcome: Outcome): void {
    this.counts[entity].total += 1;
    this.counts[entity][outcome] += 1;
  }

  conflict(entity: Entity, ref: string, key: string, code: string, detail: string): void {
    this.count(entity, 'conflict');
    this.conflicts.push({ entity, ref, key, code, detail });
  }

  /** A user left out on purpose, with its memberships. */
  skip(ref: string, key: string, reason: string, memberships: number): void {
    this.count('users', 'skipped');
    for (let index = 0; index < memberships; index += 1) this.count('memberships', 'skipped');
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + 1;
    if (this.skips.length < SAMPLE_LIMIT) this.skips.push({ entity: 'users', ref, key, reason });
  }

  update(entity: Entity, ref: string, key: string, changes: string[]): void {
    this.count(entity, 'update');
    if (this.updates.length < SAMPLE_LIMIT) this.updates.push({ entity, ref, key, changes });
  }

  failure(entity: Entity, ref: string, key: string, action: string, error: unknown): void {
    this.count(entity, 'failed');
    this.failedRefs.add(ref);
    this.failures.push({ entity, ref, key, action, ...describeFailure(error) });
  }

  conflictsSummary(): ImportResult['conflicts'] {
    return { total: this.conflicts.length, byCode: groupBy(this.conflicts.map((c) => c.code)), samples: this.conflicts.slice(0, SAMPLE_LIMIT) };
  }

  failuresSummary(): ImportResult['failures'] {
    return {
      total: this.failures.length,
      byCode: groupBy(this.failures.map((f) => f.code)),
      samples: this.failures.slice(0, SAMPLE_LIMIT).map(({ entity, ref, key, action, code, requestId }) => ({
        entity,
        ref,
        key,
        action,
        code,
        ...(requestId ? { requestId } : {}),
      })),
    };
  }
}

/** Code, request id and a message with any email address masked: errors.ndjson carries no personal data. */
export function describeFailure(error: unknown): { code: string; errorCode?: string; requestId?: string; message: string } {
  if (error instanceof ScalekitCallError) {
    return {
      code: error.status,
      ...(error.errorCode ? { errorCode: error.errorCode } : {}),
      ...(error.requestId ? { requestId: error.requestId } : {}),
      message: maskEmails(error.message),
    };
  }
  if (error instanceof DependencyFailure) return { code: 'DEPENDENCY_FAILED', message: error.message };
  return { code: 'INTERNAL', message: maskEmails(error instanceof Error ? error.message : String(error)) };
}

/** A record that could not be attempted because something it needs (its organization) failed. */
export class DependencyFailure extends Error {
  override name = 'DependencyFailure';
}

export function maskEmails(text: string): string {
  return text.replace(/[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[A-Za-z]{2,}/g, '<email>');
}

function groupBy(values: string[]): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const value of values) groups[value] = (groups[value] ?? 0) + 1;
  return groups;
}

/** The counts a plan announces: what an apply would do. */
export function tallyPlan(plan: ImportPlan, tally = new Tally()): Tally {
  for (const permission of plan.permissions) tally.count('permissions', permission.action);
  for (const role of plan.roles) {
    if (role.action === 'update') tally.update('roles', role.entry.ref, role.entry.record.name, role.changes);
    else tally.count('roles', role.action);
  }
  for (const organization of plan.organizations) {
    const { ref, record } = organization.entry;
    if (organization.action === 'update') tally.update('organizations', ref, record.external_id, organization.changes);
    else tally.count('organizations', organization.action);
  }
  tallyUsers(tally, plan.users);
  return tally;
}

/** Adds planned users (one chunk of a streamed plan, or all) to the counts. */
export function tallyUsers(tally: Tally, users: ImportPlan['users']): void {
  for (const user of users) {
    const { ref, record } = user.entry;
    if (user.action === 'conflict') tally.conflict('users', ref, record.external_id, user.conflict!.code, user.conflict!.detail);
    else if (user.action === 'skip') tally.skip(ref, record.external_id, user.skipReason!, user.memberships.length);
    else if (user.action === 'update') tally.update('users', ref, record.external_id, user.changes);
    else tally.count('users', user.action);
    for (const membership of user.memberships) {
      const key = `${record.external_id}@${membership.orgExternalId}`;
      if (membership.action === 'skip') continue;
      if (membership.action === 'conflict') {
        tally.conflict('memberships', ref, key, membership.conflict!.code, membership.conflict!.detail);
      } else if (membership.action === 'update') tally.update('memberships', ref, key, membership.changes);
      else tally.count('memberships', membership.action);
    }
  }
}
