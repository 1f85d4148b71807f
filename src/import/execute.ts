import { Code } from '@connectrpc/connect';
import { ScalekitCallError } from '../scalekit/call-error.js';
import type { ScalekitManagementApi } from '../scalekit/management-api.js';
import type { RemoteUser } from '../scalekit/remote.js';
import { mergedMetadata, metadataDiffers, optionalDiffers, rolesDiffer, valueToSend } from './compare.js';
import type { JournalAction, JournalTarget, UpdateValues } from './journal-format.js';
import type { JournalWriter } from './journal-write.js';
import type { Pacer } from './pacer.js';
import type { ImportPlan, MembershipPlan, OrganizationPlan, PermissionPlan, RolePlan, UserPlan } from './plan.js';
import type { ProgressListener } from './progress.js';
import { classifyFailure, type Call, type RetryPolicy } from './retry.js';
import { OutcomeUnknownError, sendSettled } from './settle-call.js';
import { runPool } from './pool.js';
import { DependencyFailure, Tally, maskEmails } from './tally.js';

export interface ExecuteOptions {
  api: ScalekitManagementApi;
  journal: JournalWriter;
  pacer: Pacer;
  concurrency: number;
  retryPolicy?: RetryPolicy;
  /** Aborting stops taking new records; records in flight are finished and journaled. */
  signal?: AbortSignal;
  progress?: ProgressListener;
  /**
   * The users planned chunk by chunk as the run reaches them (streaming import: memory bounded by a
   * chunk, not by the package). Without it, `plan.users` is used.
   */
  streamedUsers?: { total: number; plans: AsyncIterable<UserPlan> };
}

export interface ExecuteOutcome {
  tally: Tally;
  interrupted: boolean;
  stoppedBecause?: string;
}

/** Errors that will fail every call the same way: the run stops instead of failing each record. */
const FATAL_CODES = new Set([Code.Unauthenticated, Code.PermissionDenied, Code.Unimplemented]);
/** Calls in a row that failed even after their retries before the run stops: Scalekit is not answering. */
const CONSECUTIVE_FAILURE_LIMIT = 25;

/**
 * Applies a plan: roles, then organizations, then users with their memberships and roles.
 * Every call is journaled (intent durable before it is sent, outcome after), paced, and retried
 * within the policy's budget. A record whose call fails is written down and the run goes on.
 */
export async function executePlan(plan: ImportPlan, options: ExecuteOptions): Promise<ExecuteOutcome> {
  return new Executor(plan, options).run();
}

class Executor {
  private readonly tally = new Tally();
  private readonly organizationIds = new Map<string, string>();
  private readonly failedOrganizations = new Set<string>();
  private readonly failedRoles = new Set<string>();
  private readonly stop = new AbortController();
  private stoppedBecause: string | undefined;
  private consecutiveFailures = 0;

  constructor(
    private readonly plan: ImportPlan,
    private readonly options: ExecuteOptions,
  ) {
    for (const organization of plan.organizations) {
      if (organization.remote) this.organizationIds.set(organization.entry.record.external_id, organization.remote.id);
    }
    options.signal?.addEventListener('abort', () => this.halt('interrupted'), { once: true });
    if (options.signal?.aborted) this.halt('interrupted');
  }

  async run(): Promise<ExecuteOutcome> {
    await this.phase('permissions', this.plan.permissions, (permission) => this.permission(permission));
    await this.phase('roles', this.plan.roles, (role) => this.role(role));
    await this.phase('organizations', this.plan.organizations, (organization) => this.organization(organization));
    const users = this.options.streamedUsers;
    await this.phase('users', users?.plans ?? this.plan.users, (user) => this.user(user), users?.total);
    return { tally: this.tally, interrupted: this.stop.signal.aborted, stoppedBecause: this.stoppedBecause };
  }

  private halt(reason: string): void {
    if (this.stop.signal.aborted) return;
    this.stoppedBecause = reason;
    this.stop.abort();
  }

  /** Runs `work` for each item with `concurrency` in flight; once stopped, the rest are counted pending. */
  private async phase<T>(
    name: 'permissions' | 'roles' | 'organizations' | 'users',
    items: T[] | AsyncIterable<T>,
    work: (item: T) => Promise<void>,
    total = Array.isArray(items) ? items.length : undefined,
  ): Promise<void> {
    this.options.progress?.({ kind: 'phase', phase: name, total });
    await runPool(items, {
      concurrency: this.options.concurrency,
      signal: this.stop.signal,
      work: (item) => work(item).catch((error: unknown) => this.onUnexpected(error)),
      skipped: (item) => this.countPending(name, item),
      finished: (done) => this.options.progress?.({ kind: 'advance', phase: name, done, total }),
    });
  }

  private onUnexpected(error: unknown): void {
    // A journal that cannot be written or a bug: nothing further may be sent.
    this.halt(`stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }

  private countPending(phase: 'permissions' | 'roles' | 'organizations' | 'users', item: unknown): void {
    if (phase === 'permissions') this.tally.count('permissions', 'pending');
    else if (phase === 'roles') this.tally.count('roles', 'pending');
    else if (phase === 'organizations') this.tally.count('organizations', 'pending');
    else {
      this.tally.count('users', 'pending');
      for (let index = 0; index < (item as UserPlan).memberships.length; index += 1) this.tally.count('memberships', 'pending');
    }
  }

  /**
   * One journaled, paced, retried call. Throws the final error after journaling it; a call whose
   * outcome stayed unknown (answer lost, look-up impossible) keeps an open intent for the next run.
   * An update passes the values it overwrites, so a rollback can put them back.
   */
  private async perform<T>(
    action: JournalAction,
    target: JournalTarget,
    call: Call<T>,
    idOf: (value: T) => string | undefined,
    values?: { previous: UpdateValues; sent: UpdateValues },
  ): Promise<T> {
    let op: string;
    try {
      op = await this.options.journal.intent(action, target, values);
    } catch (error) {
      // Without a durable intent nothing may be sent: stop the whole run.
      this.halt(`the journal could not be written (${error instanceof Error ? error.message : String(error)})`);
      throw error;
    }
    try {
      const result = await sendSettled(call, {
        pacer: this.options.pacer,
        policy: this.options.retryPolicy,
        onRetry: (error) => {
          this.tally.retries += 1;
          this.options.progress?.({ kind: 'retry', message: maskEmails(error instanceof Error ? error.message : String(error)) });
        },
      });
      this.options.journal.done(op, idOf(result.value), result.recovered);
      this.consecutiveFailures = 0;
      return result.value;
    } catch (thrown) {
      const unsettled = thrown instanceof OutcomeUnknownError;
      const error = unsettled ? thrown.cause : thrown;
      const failure = error instanceof ScalekitCallError ? error : undefined;
      if (!unsettled) this.options.journal.failed(op, failure?.status ?? 'INTERNAL', failure?.requestId);
      if (failure && FATAL_CODES.has(failure.code)) this.halt(`Scalekit answered ${failure.status} (${failure.message}); check the SCALEKIT_* settings`);
      else if (classifyFailure(error) !== 'permanent') {
        this.consecutiveFailures += 1;
        if (this.consecutiveFailures >= CONSECUTIVE_FAILURE_LIMIT) {
          this.halt(`${CONSECUTIVE_FAILURE_LIMIT} calls in a row failed after retries (last: ${failure?.status ?? 'INTERNAL'}); Scalekit is not answering`);
        }
      }
      throw error;
    }
  }

  private async permission(plan: PermissionPlan): Promise<void> {
    if (plan.action === 'unchanged') return this.tally.count('permissions', 'unchanged');
    try {
      await this.perform(
        'permission.create',
        { permission: plan.name },
        { send: () => this.options.api.createPermission(plan.name, ''), probe: () => this.options.api.getPermission(plan.name) },
        (id) => id,
      );
      this.tally.count('permissions', 'create');
    } catch (error) {
      this.tally.failure('permissions', plan.ref, plan.name, 'permission.create', error);
    }
  }

  private async role(plan: RolePlan): Promise<void> {
    const { ref, record } = plan.entry;
    if (plan.action === 'unchanged') return this.tally.count('roles', 'unchanged');
    try {
      if (plan.action === 'create') {
        const input = { name: record.name, displayName: record.display_name ?? record.name, description: record.description, permissions: record.permissions };
        await this.perform(
          'role.create',
          { role: record.name },
          { send: () => this.options.api.createRole(input), probe: () => this.options.api.getRole(record.name) },
          (role) => role.id,
        );
        this.tally.count('roles', 'create');
      } else {
        // Fields the package leaves out keep their current value: the update sends the complete role.
        const remote = plan.remote!;
        const input = {
          displayName: record.display_name ?? remote.displayName,
          description: valueToSend(record.description) ?? remote.description,
          permissions: record.permissions ?? remote.permissions,
        };
        await this.perform('role.update', { role: record.name }, { send: () => this.options.api.updateRole(record.name, input) }, (role) => role.id, {
          previous: { displayName: remote.displayName, description: remote.description, permissions: remote.permissions },
          sent: { displayName: input.displayName, description: input.description ?? '', permissions: input.permissions },
        });
        this.tally.update('roles', ref, record.name, plan.changes);
      }
    } catch (error) {
      if (plan.action === 'create') this.failedRoles.add(record.name);
      this.tally.failure('roles', ref, record.name, `role.${plan.action}`, error);
    }
  }

  private async organization(plan: OrganizationPlan): Promise<void> {
    const { ref, record } = plan.entry;
    const api = this.options.api;
    if (plan.action === 'unchanged') return this.tally.count('organizations', 'unchanged');
    try {
      if (plan.action === 'create') {
        const created = await this.perform(
          'org.create',
          { orgExternalId: record.external_id },
          {
            send: () => api.createOrganization({ displayName: record.display_name, externalId: record.external_id, metadata: record.metadata }),
            probe: () => api.getOrganizationByExternalId(record.external_id),
          },
          (organization) => organization.id,
        );
        this.organizationIds.set(record.external_id, created.id);
        // A server that drops metadata on create (as the SDK wrapper does) gets it in a second call.
        if (metadataDiffers(record.metadata, created.metadata) || created.displayName !== record.display_name) {
          await this.perform(
            'org.update',
            { org: created.id, orgExternalId: record.external_id },
            { send: () => api.updateOrganization(created.id, { displayName: record.display_name, metadata: mergedMetadata(record.metadata, created.metadata) }) },
            (organization) => organization.id,
          );
        }
        this.tally.count('organizations', 'create');
      } else {
        const remote = plan.remote!;
        const sent = { displayName: record.display_name, metadata: mergedMetadata(record.metadata, remote.metadata) };
        await this.perform(
          'org.update',
          { org: remote.id, orgExternalId: record.external_id },
          { send: () => api.updateOrganization(remote.id, sent) },
          (organization) => organization.id,
          { previous: { displayName: remote.displayName, metadata: remote.metadata }, sent },
        );
        this.tally.update('organizations', ref, record.external_id, plan.changes);
      }
    } catch (error) {
      if (plan.action === 'create' && !this.organizationIds.has(record.external_id)) this.failedOrganizations.add(record.external_id);
      this.tally.failure('organizations', ref, record.external_id, `org.${plan.action}`, error);
    }
  }

  private async user(plan: UserPlan): Promise<void> {
    const { ref, record } = plan.entry;
    if (plan.action === 'skip') return this.tally.skip(ref, record.external_id, plan.skipReason!, plan.memberships.length);
    if (plan.action === 'conflict') {
      this.tally.conflict('users', ref, record.external_id, plan.conflict!.code, plan.conflict!.detail);
      for (const membership of plan.memberships) this.membershipConflict(plan, membership);
      return;
    }
    let user: RemoteUser;
    const pendingMemberships = [...plan.memberships];
    try {
      if (plan.action === 'create') {
        const first = this.firstUsableMembership(plan);
        if (!first) throw new DependencyFailure(`no membership of ${ref} can be created: ${plan.memberships.map((m) => this.missingDependency(m) ?? m.conflict?.code).join('; ')}`);
        pendingMemberships.splice(pendingMemberships.indexOf(first), 1);
        user = await this.createUser(plan, first);
        this.tally.count('users', 'create');
        await this.settleFirstMembership(plan, user, first);
      } else {
        user = plan.remote!;
        if (plan.action === 'update') {
          user = await this.updateUser(user, plan);
          this.tally.update('users', ref, record.external_id, plan.changes);
        } else this.tally.count('users', 'unchanged');
      }
    } catch (error) {
      this.tally.failure('users', ref, record.external_id, `user.${plan.action}`, error);
      for (const membership of plan.memberships) {
        if (membership.action === 'conflict') this.membershipConflict(plan, membership);
        else this.tally.failure('memberships', ref, membershipKey(plan, membership), `membership.${membership.action}`, new DependencyFailure(`user ${record.external_id} was not imported`));
      }
      return;
    }
    for (const membership of pendingMemberships) await this.membership(plan, user, membership);
  }

  private firstUsableMembership(plan: UserPlan): MembershipPlan | undefined {
    const usable = plan.memberships.filter((membership) => membership.action !== 'conflict' && !this.missingDependency(membership));
    return usable.find((membership) => membership.withUserCreate) ?? usable[0];
  }

  /** The Scalekit id of a membership's organization: created by this run, or there before. */
  private organizationId(membership: MembershipPlan): string | undefined {
    return this.organizationIds.get(membership.orgExternalId) ?? membership.organizationId;
  }

  /** Why a membership cannot be sent: its organization or one of its roles was not imported. */
  private missingDependency(membership: MembershipPlan): string | undefined {
    if (!this.organizationId(membership)) {
      return `organization ${membership.orgExternalId} ${this.failedOrganizations.has(membership.orgExternalId) ? 'failed' : 'was not reached'}`;
    }
    const failedRole = membership.roles.find((role) => this.failedRoles.has(role));
    return failedRole ? `role ${failedRole} failed` : undefined;
  }

  private async createUser(plan: UserPlan, first: MembershipPlan): Promise<RemoteUser> {
    const record = plan.entry.record;
    const api = this.options.api;
    const organizationId = this.organizationId(first)!;
    return this.perform(
      'user.create',
      { userExternalId: record.external_id, org: organizationId, orgExternalId: first.orgExternalId },
      {
        send: () =>
          api.createUserAndMembership(
            organizationId,
            { email: record.email, externalId: record.external_id, givenName: record.first_name, familyName: record.last_name, metadata: plan.metadata ?? record.metadata },
            { roles: first.roles, metadata: {} },
            first.invite === true,
          ),
        probe: async () => {
          const found = await api.getUserByExternalId(record.external_id);
          return found?.memberships.some((membership) => membership.organizationId === organizationId) ? found : undefined;
        },
      },
      (user) => user.id,
    );
  }

  /** Roles, names and metadata the create answer does not show are set with follow-up calls. */
  private async settleFirstMembership(plan: UserPlan, user: RemoteUser, first: MembershipPlan): Promise<void> {
    const record = plan.entry.record;
    const organizationId = this.organizationId(first)!;
    const key = membershipKey(plan, first);
    try {
      const remote = user.memberships.find((membership) => membership.organizationId === organizationId);
      if (remote?.invited) this.tally.invitationsSent += 1;
      if (rolesDiffer(first.roles, remote?.roles ?? [])) {
        await this.perform(
          'membership.update',
          { user: user.id, userExternalId: record.external_id, org: organizationId, orgExternalId: first.orgExternalId },
          { send: () => this.options.api.updateMembership(organizationId, user.id, { roles: first.roles, metadata: remote?.metadata ?? {} }) },
          () => undefined,
        );
      }
      this.tally.count('memberships', 'create');
    } catch (error) {
      this.tally.failure('memberships', plan.entry.ref, key, 'membership.update', error);
    }
    const profileDropped = optionalDiffers(record.first_name, user.givenName) || optionalDiffers(record.last_name, user.familyName);
    if (profileDropped || metadataDiffers(plan.metadata ?? record.metadata, user.metadata)) {
      try {
        await this.updateUser(user, plan);
      } catch (error) {
        this.tally.failure('users', plan.entry.ref, record.external_id, 'user.update', error);
      }
    }
  }

  private async updateUser(user: RemoteUser, plan: UserPlan): Promise<RemoteUser> {
    const record = plan.entry.record;
    const first = valueToSend(record.first_name);
    const last = valueToSend(record.last_name);
    const input = {
      givenName: first ?? (last !== undefined ? user.givenName : undefined),
      familyName: last ?? (first !== undefined ? user.familyName : undefined),
      metadata: mergedMetadata(plan.metadata ?? record.metadata, user.metadata),
    };
    return this.perform(
      'user.update',
      { user: user.id, userExternalId: record.external_id },
      { send: () => this.options.api.updateUser(user.id, input) },
      (updated) => updated.id,
      {
        previous: { givenName: user.givenName, familyName: user.familyName, metadata: user.metadata },
        sent: { ...(input.givenName !== undefined ? { givenName: input.givenName } : {}), ...(input.familyName !== undefined ? { familyName: input.familyName } : {}), metadata: input.metadata },
      },
    );
  }

  private async membership(plan: UserPlan, user: RemoteUser, membership: MembershipPlan): Promise<void> {
    const { ref, record } = plan.entry;
    const key = membershipKey(plan, membership);
    if (membership.action === 'conflict') return this.membershipConflict(plan, membership);
    if (membership.action === 'unchanged') return this.tally.count('memberships', 'unchanged');
    const missing = this.missingDependency(membership);
    if (missing) return this.tally.failure('memberships', ref, key, `membership.${membership.action}`, new DependencyFailure(missing));
    const organizationId = this.organizationId(membership)!;
    const target = { user: user.id, userExternalId: record.external_id, org: organizationId, orgExternalId: membership.orgExternalId };
    const api = this.options.api;
    try {
      if (membership.action === 'create') {
        const updated = await this.perform(
          'membership.create',
          target,
          {
            send: () => api.createMembership(organizationId, user.id, { roles: membership.roles, metadata: {} }, membership.invite === true),
            probe: async () => {
              const found = await api.getUser(user.id);
              return found?.memberships.some((candidate) => candidate.organizationId === organizationId) ? found : undefined;
            },
          },
          () => undefined,
        );
        const remote = updated.memberships.find((candidate) => candidate.organizationId === organizationId);
        if (remote?.invited) this.tally.invitationsSent += 1;
        if (rolesDiffer(membership.roles, remote?.roles ?? [])) {
          await this.perform(
            'membership.update',
            target,
            { send: () => api.updateMembership(organizationId, user.id, { roles: membership.roles, metadata: remote?.metadata ?? {} }) },
            () => undefined,
          );
        }
        this.tally.count('memberships', 'create');
      } else {
        await this.perform(
          'membership.update',
          target,
          { send: () => api.updateMembership(organizationId, user.id, { roles: membership.roles, metadata: membership.remote?.metadata ?? {} }) },
          () => undefined,
          { previous: { roles: membership.remote?.roles ?? [] }, sent: { roles: membership.roles } },
        );
        this.tally.update('memberships', ref, key, membership.changes);
      }
    } catch (error) {
      this.tally.failure('memberships', ref, key, `membership.${membership.action}`, error);
    }
  }

  private membershipConflict(plan: UserPlan, membership: MembershipPlan): void {
    this.tally.conflict('memberships', plan.entry.ref, membershipKey(plan, membership), membership.conflict!.code, membership.conflict!.detail);
  }
}

function membershipKey(plan: UserPlan, membership: MembershipPlan): string {
  return `${plan.entry.record.external_id}@${membership.orgExternalId}`;
}
