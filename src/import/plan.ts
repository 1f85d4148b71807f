import type { OrganizationRecord, RoleRecord, UserRecord } from '../package/records.js';
import type { RemoteMembership, RemoteOrganization, RemoteRole, RemoteUser } from '../scalekit/remote.js';
import { metadataDiffers, optionalDiffers, rolesDiffer, sameEmail, sameSet } from './compare.js';
import type { ImportPackage, PackageEntry } from './load-package.js';
import type { Snapshot } from './snapshot.js';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'conflict';

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
  action: Exclude<PlanAction, 'conflict'>;
  changes: string[];
  remote?: RemoteRole;
}

export interface OrganizationPlan {
  entry: PackageEntry<OrganizationRecord>;
  action: Exclude<PlanAction, 'conflict'>;
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
}

export interface UserPlan {
  entry: PackageEntry<UserRecord>;
  action: PlanAction;
  changes: string[];
  conflict?: Conflict;
  remote?: RemoteUser;
  memberships: MembershipPlan[];
}

export interface ImportPlan {
  permissions: PermissionPlan[];
  roles: RolePlan[];
  organizations: OrganizationPlan[];
  users: UserPlan[];
  notes: {
    /** Users whose package email_verified differs from what Scalekit holds or will set; no API field sets it. */
    emailVerifiedNotSettable: number;
    /** Organizations whose domains the import leaves for the SSO set-up (domains need verification). */
    organizationsWithDomains: number;
  };
}

/**
 * Decides, for every record of the package, what the import does against the environment as the
 * snapshot saw it. Pure: reads nothing, writes nothing. Upsert keyed by external_id; an email owned
 * by another external_id is a conflict, never overwritten; an existing user still gets every
 * missing membership and role.
 */
export function planImport(pkg: ImportPackage, snapshot: Snapshot): ImportPlan {
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
  const users = pkg.users.map((entry) => planUser(entry, context));
  const emailVerifiedNotSettable = users.filter(
    (plan) => plan.action !== 'conflict' && plan.entry.record.email_verified !== (plan.remote ? plan.remote.emailVerified : true),
  ).length;
  const organizationsWithDomains = pkg.organizations.filter((entry) => (entry.record.domains?.length ?? 0) > 0).length;
  return { permissions, roles, organizations, users, notes: { emailVerifiedNotSettable, organizationsWithDomains } };
}

function planPermissions(pkg: ImportPackage, snapshot: Snapshot): PermissionPlan[] {
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
