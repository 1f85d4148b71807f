import { IdGenerator } from '../ids.js';
import { OrderedIndex } from './ordered-index.js';
import { UserTable } from './user-table.js';
import { encodedUsersOnDisk } from './users-on-disk.js';
import type {
  ClientRecord,
  ConnectionRecord,
  DirectoryRecord,
  DomainRecord,
  InvitationRecord,
  MembershipRecord,
  OrganizationRecord,
  PermissionRecord,
  RoleRecord,
  UserRecord,
} from './records.js';
import type { AuthRequestRecord, SessionRecord } from './sign-in-records.js';

/**
 * The environment's data with the indexes every call needs in O(1): organizations by id and
 * external_id, users by id, email (case-insensitive) and external_id, members per organization.
 * Mutations keep the indexes in step and mark the store changed; uniqueness checks and the
 * writes that follow them run in one synchronous turn, so concurrent calls cannot both win.
 */
export class Store {
  readonly ids = new IdGenerator();
  environmentId: string;

  readonly organizations = new Map<string, OrganizationRecord>();
  readonly orgIdByExternalId = new Map<string, string>();
  readonly orgOrder = new OrderedIndex();

  readonly users: UserTable;
  readonly userIdByEmail = new Map<string, string>();
  readonly userIdByExternalId = new Map<string, string>();
  readonly userOrder = new OrderedIndex();
  readonly membersByOrg = new Map<string, OrderedIndex>();

  readonly roles = new Map<string, RoleRecord>();
  readonly permissions = new Map<string, PermissionRecord>();
  readonly invitations: InvitationRecord[] = [];
  readonly connections = new Map<string, ConnectionRecord>();
  readonly directories = new Map<string, DirectoryRecord>();
  readonly clients = new Map<string, ClientRecord>();
  readonly domains = new Map<string, DomainRecord>();
  /** Development environments accept http, localhost and wildcard callback URLs; production ones do not. */
  environmentType: 'development' | 'production' = 'development';
  /** Domains whose verification TXT record is published (what a DNS lookup would find). */
  readonly publishedTxtRecords = new Set<string>();
  /** Sign-in attempts, oldest first. */
  readonly authRequests: AuthRequestRecord[] = [];
  readonly sessions = new Map<string, SessionRecord>();

  private listeners: Array<() => void> = [];

  /** `usersOnDisk`: users' records in a temporary SQLite file instead of the heap (million-user benches). */
  constructor(environmentId?: string, options: { usersOnDisk?: boolean } = {}) {
    this.environmentId = environmentId ?? this.ids.id('env_');
    this.users = new UserTable(options.usersOnDisk ? encodedUsersOnDisk() : undefined);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  newId(prefix: string, taken: (id: string) => boolean): string {
    let id = this.ids.id(prefix);
    while (taken(id)) id = this.ids.id(prefix);
    return id;
  }

  // Organizations

  insertOrganization(org: OrganizationRecord): void {
    this.organizations.set(org.id, org);
    if (org.externalId) this.orgIdByExternalId.set(org.externalId, org.id);
    this.orgOrder.add(org.id);
    this.membersByOrg.set(org.id, new OrderedIndex());
    this.changed();
  }

  setOrganizationExternalId(org: OrganizationRecord, externalId: string | undefined): void {
    if (org.externalId) this.orgIdByExternalId.delete(org.externalId);
    org.externalId = externalId || undefined;
    if (org.externalId) this.orgIdByExternalId.set(org.externalId, org.id);
  }

  deleteOrganization(org: OrganizationRecord): void {
    for (const userId of [...(this.membersByOrg.get(org.id)?.values() ?? [])]) {
      this.users.get(userId)?.memberships.delete(org.id);
    }
    for (const [id, connection] of this.connections) if (connection.organizationId === org.id) this.connections.delete(id);
    for (const [id, directory] of this.directories) if (directory.organizationId === org.id) this.directories.delete(id);
    for (const [id, domain] of this.domains) if (domain.organizationId === org.id) this.domains.delete(id);
    this.membersByOrg.delete(org.id);
    this.organizations.delete(org.id);
    if (org.externalId) this.orgIdByExternalId.delete(org.externalId);
    this.orgOrder.remove(org.id);
    this.changed();
  }

  // Users

  insertUser(user: UserRecord): void {
    this.users.set(user.id, user);
    this.userIdByEmail.set(user.email.toLowerCase(), user.id);
    if (user.externalId) this.userIdByExternalId.set(user.externalId, user.id);
    this.userOrder.add(user.id);
    for (const membership of user.memberships.values()) this.membersByOrg.get(membership.organizationId)?.add(user.id);
    this.changed();
  }

  setUserExternalId(user: UserRecord, externalId: string | undefined): void {
    if (user.externalId) this.userIdByExternalId.delete(user.externalId);
    user.externalId = externalId || undefined;
    if (user.externalId) this.userIdByExternalId.set(user.externalId, user.id);
  }

  deleteUser(user: UserRecord): void {
    for (const orgId of user.memberships.keys()) this.membersByOrg.get(orgId)?.remove(user.id);
    this.users.delete(user.id);
    this.userIdByEmail.delete(user.email.toLowerCase());
    if (user.externalId) this.userIdByExternalId.delete(user.externalId);
    this.userOrder.remove(user.id);
    this.changed();
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.userIdByEmail.get(email.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  // Memberships

  insertMembership(user: UserRecord, membership: MembershipRecord): void {
    user.memberships.set(membership.organizationId, membership);
    this.membersByOrg.get(membership.organizationId)?.add(user.id);
    this.changed();
  }

  deleteMembership(user: UserRecord, organizationId: string): void {
    user.memberships.delete(organizationId);
    this.membersByOrg.get(organizationId)?.remove(user.id);
    this.changed();
  }

  recordAuthRequest(request: Omit<AuthRequestRecord, 'seq' | 'authRequestId'>): AuthRequestRecord {
    const seq = this.authRequests.length + 1;
    const record = { ...request, seq, authRequestId: this.ids.id('authreq_') };
    this.authRequests.push(record);
    this.changed();
    return record;
  }

  recordInvitation(invitation: InvitationRecord): void {
    this.invitations.push(invitation);
    this.changed();
  }
}
