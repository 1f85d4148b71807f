import type { OrganizationRecord, RoleRecord, UserRecord } from '../package/records.js';
import type { RemoteMembership, RemoteOrganization, RemoteRole, RemoteUser } from '../scalekit/remote.js';
import { keptValue, metadataDiffers, optionalDiffers, rolesDiffer, sameEmail, sameSet } from './compare.js';
import type { ImportPackage, PackageEntry } from './load-package.js';
import type { Snapshot } from './snapshot.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'conflict' | 'skip';

/**
 * What to do with users the package marks `email_verified: false` that the import creates.
 * Scalekit marks a user created without an invitation as verified, so the choice is the user's:
 * - `invite`: create each membership with an invitation: the person proves the address (the only policy that sends email);
 * - `skip`: leave them out (listed in the plan and the result);
 * - `verified`: import them as verified, knowingly.
 */
export const EMAIL_POLICIES = ['invite', 'skip', 'verified'] as const;
export type EmailPolicy = (typeof EMAIL_POLICIES)[number];

/** Choices the person makes before an apply. */
export interface PlanDecisions {
  /** Undefined: not chosen yet; the plan counts the users it concerns and an apply refuses to start. */
  emailPolicy?: EmailPolicy;
  /** Import users whose source status is not active (inactive, blocked, deleted, unconfirmed), flagged in metadata. */
  includeInactive?: boolean;
}

/** The metadata key an imported non-active user carries its source status under. */
export const LEGACY_STATUS_KEY = 'legacy_status';

/** Why a user is left out on purpose. */
export type SkipReason = 'email-unverified' | 'status-not-active';

/** Why a record or membership is left alone: a code to group by and a detail with ids only (no email, no name). */
export interface Conflict {
  code:
    | 'email-owned-by-other-user'
    | 'external-id-has-other-email'
    | 'no-organization'
    | 'unknown-organization'
    | 'unknown-role'
    | 'invitation-pending'
    | 'membership-inactive'
    | 'user-in-conflict';
  detail: string;
}

/** A permission a package role names; created before the roles that need it. */
export interface PermissionPlan {
  name: string;
  /** The first role record that names it. */
  ref: string;
  action: 'create' | 'unchanged';
}

export interface RolePlan {
  entry: PackageEntry<RoleRecord>;
  action: Exclude<PlanAction, 'conflict' | 'skip'>;
  changes: string[];
  remote?: RemoteRole;
}

export interface OrganizationPlan {
  entry: PackageEntry<OrganizationRecord>;
  action: Exclude<PlanAction, 'conflict' | 'skip'>;
  changes: string[];
  remote?: RemoteOrganization;
}

export interface MembershipPlan {
  orgExternalId: string;
  /** The organization's Scalekit id when it exists already (for one the package creates, known only after the create). */
  organizationId?: string;
  roles: string[];
  action: PlanAction;
  changes: string[];
  conflict?: Conflict;
  remote?: RemoteMembership;
  /** The membership a new user is created in (CreateUserAndMembership). */
  withUserCreate?: boolean;
  /** Created with an invitation (the `invite` policy): Scalekit emails the person. */
  invite?: boolean;
}

export interface UserPlan {
  entry: PackageEntry<UserRecord>;
  action: PlanAction;
  changes: string[];
  conflict?: Conflict;
  skipReason?: SkipReason;
  /** Created through invitations (the `invite` policy). */
  invite?: boolean;
  /** Metadata to send: the package's, plus the legacy status of an included non-active user. */
  metadata?: Record<string, string>;
  remote?: RemoteUser;
  memberships: MembershipPlan[];
}

export interface ImportPlan {
  permissions: PermissionPlan[];
  roles: RolePlan[];
  organizations: OrganizationPlan[];
  users: UserPlan[];
  decisions: PlanDecisions;
  notes: {
    /** Users whose package email_verified differs from what Scalekit holds or will set; no API field sets it. */
    emailVerifiedNotSettable: number;
    /** New users with email_verified false: the email policy applies to them. */
    unverifiedEmails: number;
    /** Invitation emails an apply sends (the `invite` policy): one per membership of those users. */
    invitationsPlanned: number;
    /** Users whose source status is not active, by status (skipped unless includeInactive). */
    inactiveUsers: Record<string, number>;
    /** Organizations whose domains the import leaves for the SSO set-up (domains need verification). */
    organizationsWithDomains: number;
    /**
     * Fields the package leaves empty that Scalekit already holds a value for (a user's first or last name, a role's
     * description): kept as Scalekit has them, since the import never erases a value. Fields, not entities.
     */
    emptyFieldsKept: number;
  };
}

/**
 * Decides, for every record of the package, what the import does against the environment as the
 * snapshot saw it. Pure: reads nothing, writes nothing. Upsert keyed by external_id; an email owned
 * by another external_id is a conflict, never overwritten; an existing user still gets every
 * missing membership and role.
 */
export function planImport(pkg: ImportPackage, snapshot: Snapshot, decisions: PlanDecisions = {}): ImportPlan {
  const head = planHead(pkg, snapshot, decisions);
  const users = head.planUsers(pkg.users);
  return { ...head.plan, users, notes: { ...head.plan.notes, ...addUserNotes(emptyUserNotes(), users, decisions) } };
}

/** Notes about users, summed chunk by chunk when the users are planned in chunks. */
export type UserNotes = Pick<ImportPlan['notes'], 'emailVerifiedNotSettable' | 'unverifiedEmails' | 'invitationsPlanned' | 'inactiveUsers' | 'emptyFieldsKept'>;

export function emptyUserNotes(): UserNotes {
  return { emailVerifiedNotSettable: 0, unverifiedEmails: 0, invitationsPlanned: 0, inactiveUsers: {}, emptyFieldsKept: 0 };
}

/**
 * Permissions, roles and organizations planned, and a planner for users that can be called chunk by
 * chunk (the streaming import): users are planned independently of each other.
 */
export function planHead(
  pkg: Omit<ImportPackage, 'users'>,
  snapshot: Snapshot,
  decisions: PlanDecisions = {},
): { plan: ImportPlan; planUsers(entries: Array<PackageEntry<UserRecord>>): UserPlan[] } {
  const permissions = planPermissions(pkg, snapshot);
  const roles = pkg.roles.map((entry) => planRole(entry, snapshot.roles.get(entry.record.name)));
  const organizations = pkg.organizations.map((entry) =>
    planOrganization(entry, snapshot.organizationsByExternalId.get(entry.record.external_id)),
  );
  const knownRoles = new Set([...snapshot.roles.keys(), ...pkg.roles.map((entry) => entry.record.name)]);
  const knownOrganizations = new Set([
    ...snapshot.organizationsByExternalId.keys(),
    ...pkg.organizations.map((entry) => entry.record.external_id),
  ]);
  const context: UserContext = { snapshot, knownRoles, knownOrganizations };
  const organizationsWithDomains = pkg.organizations.filter((entry) => (entry.record.domains?.length ?? 0) > 0).length;
  const emptyFieldsKept = roles.filter((plan) => plan.remote && keptValue(plan.entry.record.description, plan.remote.description)).length;
  return {
    plan: { permissions, roles, organizations, users: [], decisions, notes: { ...emptyUserNotes(), organizationsWithDomains, emptyFieldsKept } },
    planUsers: (entries) => entries.map((entry) => applyDecisions(planUser(entry, context), decisions)),
  };
}

/** Adds one chunk's users to the notes. */
export function addUserNotes(notes: UserNotes, users: UserPlan[], decisions: PlanDecisions): UserNotes {
  for (const plan of users) {
    const record = plan.entry.record;
    const imported = plan.action === 'create' || plan.action === 'update' || plan.action === 'unchanged';
    if (imported && record.email_verified !== (plan.remote ? plan.remote.emailVerified : !plan.invite) && !(plan.action === 'create' && decisions.emailPolicy === 'verified')) {
      notes.emailVerifiedNotSettable += 1;
    }
    if (isNewUnverified(plan) || plan.skipReason === 'email-unverified') notes.unverifiedEmails += 1;
    if (plan.invite) notes.invitationsPlanned += plan.memberships.filter((m) => m.invite).length;
    if (!isActive(record)) notes.inactiveUsers[record.status!] = (notes.inactiveUsers[record.status!] ?? 0) + 1;
    if (plan.remote && imported) {
      notes.emptyFieldsKept += Number(keptValue(record.first_name, plan.remote.givenName)) + Number(keptValue(record.last_name, plan.remote.familyName));
    }
  }
  return notes;
}

export function isActive(record: UserRecord): boolean {
  return record.status === undefined || record.status === 'active';
}

function isNewUnverified(plan: UserPlan): boolean {
  return plan.action === 'create' && !plan.entry.record.email_verified;
}

/** The person's choices: non-active users and new unverified ones skipped, invited, or imported as they say. */
function applyDecisions(plan: UserPlan, decisions: PlanDecisions): UserPlan {
  const record = plan.entry.record;
  if (!isActive(record)) {
    if (!decisions.includeInactive) return skipped(plan, 'status-not-active');
    if (plan.action !== 'conflict') plan.metadata = { ...record.metadata, [LEGACY_STATUS_KEY]: record.status! };
    if (plan.remote && (plan.action === 'unchanged' || plan.action === 'update') && metadataDiffers(plan.metadata, plan.remote.metadata)) {
      plan.action = 'update';
      if (!plan.changes.includes('metadata')) plan.changes.push('metadata');
    }
  }
  if (!isNewUnverified(plan)) return plan;
  if (decisions.emailPolicy === 'skip') return skipped(plan, 'email-unverified');
  if (decisions.emailPolicy === 'invite') {
    plan.invite = true;
    for (const membership of plan.memberships) if (membership.action === 'create') membership.invite = true;
  }
  return plan;
}

function skipped(plan: UserPlan, reason: SkipReason): UserPlan {
  return {
    ...plan,
    action: 'skip',
    skipReason: reason,
    changes: [],
    conflict: undefined,
    memberships: plan.memberships.map((membership) => ({ ...membership, action: 'skip', changes: [], conflict: undefined, withUserCreate: false })),
  };
}

function planPermissions(pkg: Omit<ImportPackage, 'users'>, snapshot: Snapshot): PermissionPlan[] {
  const plans = new Map<string, PermissionPlan>();
  for (const { ref, record } of pkg.roles) {
    for (const name of record.permissions ?? []) {
      if (!plans.has(name)) plans.set(name, { name, ref, action: snapshot.permissions.has(name) ? 'unchanged' : 'create' });
    }
  }
  return [...plans.values()];
}

function planRole(entry: PackageEntry<RoleRecord>, remote: RemoteRole | undefined): RolePlan {
  if (!remote) return { entry, action: 'create', changes: [] };
  const record = entry.record;
  const changes: string[] = [];
  if (optionalDiffers(record.display_name, remote.displayName)) changes.push('display_name');
  if (optionalDiffers(record.description, remote.description)) changes.push('description');
  if (record.permissions && !sameSet(record.permissions, remote.permissions)) changes.push('permissions');
  return { entry, action: changes.length ? 'update' : 'unchanged', changes, remote };
}

function planOrganization(entry: PackageEntry<OrganizationRecord>, remote: RemoteOrganization | undefined): OrganizationPlan {
  if (!remote) return { entry, action: 'create', changes: [] };
  const changes: string[] = [];
  if (entry.record.display_name !== remote.displayName) changes.push('display_name');
  if (metadataDiffers(entry.record.metadata, remote.metadata)) changes.push('metadata');
  return { entry, action: changes.length ? 'update' : 'unchanged', changes, remote };
}

interface UserContext {
  snapshot: Snapshot;
  knownRoles: Set<string>;
  knownOrganizations: Set<string>;
}

function planUser(entry: PackageEntry<UserRecord>, context: UserContext): UserPlan {
  const record = entry.record;
  const byExternalId = context.snapshot.usersByExternalId.get(record.external_id);
  if (byExternalId && !sameEmail(byExternalId.email, record.email)) {
    return conflicted(entry, byExternalId, {
      code: 'external-id-has-other-email',
      detail: `external_id ${record.external_id} belongs to ${byExternalId.id}, whose email differs from the package's; the API cannot change an email`,
    });
  }
  if (!byExternalId) {
    const byEmail = context.snapshot.usersByEmail.get(record.email.toLowerCase());
    if (byEmail) {
      return conflicted(entry, byEmail, {
        code: 'email-owned-by-other-user',
        detail: `the email of ${entry.ref} belongs to ${byEmail.id} (external_id ${byEmail.externalId ?? 'none'}), not to external_id ${record.external_id}`,
      });
    }
  }
  const memberships = record.memberships.map((membership) => planMembership(membership, byExternalId, context));
  if (!byExternalId) {
    const first = memberships.find((membership) => membership.action !== 'conflict');
    if (!first) {
      return {
        entry,
        action: 'conflict',
        changes: [],
        conflict: {
          code: 'no-organization',
          detail: record.memberships.length
            ? `none of the organizations of ${entry.ref} can be used; Scalekit creates a user inside an organization`
            : `${entry.ref} has no membership; Scalekit creates a user inside an organization`,
        },
        memberships,
      };
    }
    first.withUserCreate = true;
    return { entry, action: 'create', changes: [], memberships };
  }
  const changes: string[] = [];
  if (optionalDiffers(record.first_name, byExternalId.givenName)) changes.push('first_name');
  if (optionalDiffers(record.last_name, byExternalId.familyName)) changes.push('last_name');
  if (metadataDiffers(record.metadata, byExternalId.metadata)) changes.push('metadata');
  return { entry, action: changes.length ? 'update' : 'unchanged', changes, remote: byExternalId, memberships };
}

function conflicted(entry: PackageEntry<UserRecord>, remote: RemoteUser, conflict: Conflict): UserPlan {
  return {
    entry,
    action: 'conflict',
    changes: [],
    conflict,
    remote,
    memberships: entry.record.memberships.map((membership) => ({
      orgExternalId: membership.org_external_id,
      roles: membership.roles,
      action: 'conflict',
      changes: [],
      conflict: { code: 'user-in-conflict', detail: `the user of this membership is in conflict (${conflict.code})` },
    })),
  };
}

function planMembership(
  membership: UserRecord['memberships'][number],
  user: RemoteUser | undefined,
  context: UserContext,
): MembershipPlan {
  const base = { orgExternalId: membership.org_external_id, roles: membership.roles, changes: [] as string[] };
  if (!context.knownOrganizations.has(membership.org_external_id)) {
    return {
      ...base,
      action: 'conflict',
      conflict: { code: 'unknown-organization', detail: `organization ${membership.org_external_id} is neither in the package nor in Scalekit` },
    };
  }
  const unknownRoles = membership.roles.filter((role) => !context.knownRoles.has(role));
  if (unknownRoles.length) {
    return {
      ...base,
      action: 'conflict',
      conflict: { code: 'unknown-role', detail: `role ${unknownRoles.join(', ')} is neither in the package nor in Scalekit` },
    };
  }
  const organization = context.snapshot.organizationsByExternalId.get(membership.org_external_id);
  const remote = organization && user?.memberships.find((candidate) => candidate.organizationId === organization.id);
  if (!remote) return { ...base, organizationId: organization?.id, action: 'create' };
  if (remote.status === 'PENDING_INVITE' || remote.status === 'INVITE_EXPIRED') {
    return {
      ...base,
      action: 'conflict',
      remote,
      conflict: { code: 'invitation-pending', detail: `${user!.id} was invited to ${organization!.id} (${remote.status}); re-creating the membership is a decision for a person` },
    };
  }
  if (remote.status === 'INACTIVE') {
    return {
      ...base,
      action: 'conflict',
      remote,
      conflict: { code: 'membership-inactive', detail: `the membership of ${user!.id} in ${organization!.id} is INACTIVE` },
    };
  }
  const changes = rolesDiffer(membership.roles, remote.roles) ? ['roles'] : [];
  return { ...base, organizationId: organization!.id, action: changes.length ? 'update' : 'unchanged', changes, remote };
}
