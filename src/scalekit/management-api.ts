import { Code } from '@connectrpc/connect';
import type { Client, Transport } from '@connectrpc/connect';
import type { ScalekitClient } from '@scalekit-sdk/node';
import { MembershipStatus, type OrganizationMembership } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { OrganizationService, type Organization } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { RolesService, type Role } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { UserService, type User } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { DomainService, DomainType, VerificationStatus, type Domain } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { ScalekitCallError, toCallError } from './call-error.js';
import type {
  MembershipInput,
  MembershipStatusName,
  OrganizationInput,
  Page,
  RemoteDomain,
  RemoteMembership,
  RemoteOrganization,
  RemoteRole,
  RemoteUser,
  RoleInput,
  UserInput,
} from './remote.js';
import { observedTransport, type CallObserver } from './observed-transport.js';
import { fetchAccessToken, rawClient } from './sdk-internals.js';

/** Largest page the list calls accept (the API documents 10-100). */
export const LIST_PAGE_SIZE = 100;

/**
 * The management calls the importer, verify and rollback make, each exactly one RPC through the
 * SDK's own transport (see sdk-internals.ts), with the SDK gaps closed:
 * - organization metadata is sent on create (the SDK wrapper drops it);
 * - membership roles are sent with CreateUserAndMembership (the SDK wrapper never sends them);
 * - `sendInvitationEmail` is always false;
 * - memberships are deleted with `cascade: false`, so removing one never deletes its user;
 * - names go out as given_name/family_name and the deprecated first_name/last_name alike.
 * No retries here: pacing and retry belong to the caller. The one exception is an expired or
 * missing token: it is fetched again once (single flight) and the call repeated.
 */
export class ScalekitManagementApi {
  /** RPCs sent per method, retries and token refreshes included. */
  readonly calls = new Map<string, number>();
  private readonly users: Client<typeof UserService>;
  private readonly organizations: Client<typeof OrganizationService>;
  private readonly roles: Client<typeof RolesService>;
  private readonly domains: Client<typeof DomainService>;
  private authenticating: Promise<void> | undefined;
  /** Tokens fetched so far; a call refused with an older one than the current is simply repeated. */
  private tokenGeneration = 0;

  /** `observer` sees every call before it goes out and its answer's headers (pacing from X-RateLimit-*). */
  constructor(
    private readonly sdk: ScalekitClient,
    observer?: CallObserver,
  ) {
    const wrap = observer ? (transport: Transport) => observedTransport(transport, observer) : undefined;
    this.users = rawClient(sdk, UserService, wrap);
    this.organizations = rawClient(sdk, OrganizationService, wrap);
    this.roles = rawClient(sdk, RolesService, wrap);
    this.domains = rawClient(sdk, DomainService, wrap);
  }

  get totalCalls(): number {
    let total = 0;
    for (const count of this.calls.values()) total += count;
    return total;
  }

  /** Fetches the access token once; concurrent callers share the same fetch. */
  async authenticate(): Promise<void> {
    if (!this.authenticating) {
      this.authenticating = fetchAccessToken(this.sdk)
        .then(() => {
          this.tokenGeneration += 1;
        })
        .catch((error: unknown) => {
          throw toTokenError(error);
        })
        .finally(() => {
          this.authenticating = undefined;
        });
    }
    return this.authenticating;
  }

  async listRoles(): Promise<RemoteRole[]> {
    const response = await this.invoke('ListRoles', () => this.roles.listRoles({}));
    return response.roles.map(toRemoteRole);
  }

  async getRole(name: string): Promise<RemoteRole | undefined> {
    const response = await this.optional('GetRole', () => this.roles.getRole({ roleName: name }));
    return response?.role ? toRemoteRole(response.role) : undefined;
  }

  async createRole(input: RoleInput): Promise<RemoteRole> {
    const response = await this.invoke('CreateRole', () =>
      this.roles.createRole({
        role: { name: input.name, displayName: input.displayName, description: input.description, permissions: input.permissions ?? [] },
      }),
    );
    return toRemoteRole(required(response.role, 'CreateRole', 'role'));
  }

  async updateRole(name: string, input: Omit<RoleInput, 'name'>): Promise<RemoteRole> {
    const response = await this.invoke('UpdateRole', () =>
      this.roles.updateRole({
        roleName: name,
        role: { displayName: input.displayName, description: input.description, permissions: input.permissions ?? [] },
      }),
    );
    return toRemoteRole(required(response.role, 'UpdateRole', 'role'));
  }

  async deleteRole(name: string): Promise<void> {
    await this.invoke('DeleteRole', () => this.roles.deleteRole({ roleName: name }));
  }

  async listPermissions(pageToken = ''): Promise<Page<string>> {
    const response = await this.invoke('ListPermissions', () => this.roles.listPermissions({ pageSize: LIST_PAGE_SIZE, pageToken }));
    return { items: response.permissions.map((permission) => permission.name), nextPageToken: response.nextPageToken };
  }

  async getPermission(name: string): Promise<string | undefined> {
    const response = await this.optional('GetPermission', () => this.roles.getPermission({ permissionName: name }));
    return response?.permission?.name;
  }

  async createPermission(name: string, description: string): Promise<string> {
    const response = await this.invoke('CreatePermission', () => this.roles.createPermission({ permission: { name, description } }));
    return required(response.permission, 'CreatePermission', 'permission').id;
  }

  async deletePermission(name: string): Promise<void> {
    await this.invoke('DeletePermission', () => this.roles.deletePermission({ permissionName: name }));
  }

  async listOrganizations(pageToken = ''): Promise<Page<RemoteOrganization>> {
    const response = await this.invoke('ListOrganization', () =>
      this.organizations.listOrganization({ pageSize: LIST_PAGE_SIZE, pageToken }),
    );
    return { items: response.organizations.map(toRemoteOrganization), nextPageToken: response.nextPageToken };
  }

  async getOrganizationByExternalId(externalId: string): Promise<RemoteOrganization | undefined> {
    const response = await this.optional('GetOrganization', () =>
      this.organizations.getOrganization({ identities: { case: 'externalId', value: externalId } }),
    );
    return response?.organization ? toRemoteOrganization(response.organization) : undefined;
  }

  async getOrganization(id: string): Promise<RemoteOrganization | undefined> {
    const response = await this.optional('GetOrganization', () =>
      this.organizations.getOrganization({ identities: { case: 'id', value: id } }),
    );
    return response?.organization ? toRemoteOrganization(response.organization) : undefined;
  }

  async createOrganization(input: OrganizationInput): Promise<RemoteOrganization> {
    const response = await this.invoke('CreateOrganization', () =>
      this.organizations.createOrganization({
        organization: { displayName: input.displayName, externalId: input.externalId, metadata: input.metadata ?? {} },
      }),
    );
    return toRemoteOrganization(required(response.organization, 'CreateOrganization', 'organization'));
  }

  /** Sends the display name and the complete metadata map wanted (the API has no partial metadata update). */
  async updateOrganization(id: string, input: { displayName: string; metadata: Record<string, string> }): Promise<RemoteOrganization> {
    const response = await this.invoke('UpdateOrganization', () =>
      this.organizations.updateOrganization({
        identities: { case: 'id', value: id },
        organization: { displayName: input.displayName, metadata: input.metadata },
      }),
    );
    return toRemoteOrganization(required(response.organization, 'UpdateOrganization', 'organization'));
  }

  async deleteOrganization(id: string): Promise<void> {
    await this.invoke('DeleteOrganization', () => this.organizations.deleteOrganization({ identities: { case: 'id', value: id } }));
  }

  async listUsers(pageToken = ''): Promise<Page<RemoteUser>> {
    const response = await this.invoke('ListUsers', () => this.users.listUsers({ pageSize: LIST_PAGE_SIZE, pageToken }));
    return { items: response.users.map(toRemoteUser), nextPageToken: response.nextPageToken };
  }

  async getUser(id: string): Promise<RemoteUser | undefined> {
    const response = await this.optional('GetUser', () => this.users.getUser({ identities: { case: 'id', value: id } }));
    return response?.user ? toRemoteUser(response.user) : undefined;
  }

  async getUserByExternalId(externalId: string): Promise<RemoteUser | undefined> {
    const response = await this.optional('GetUser', () => this.users.getUser({ identities: { case: 'externalId', value: externalId } }));
    return response?.user ? toRemoteUser(response.user) : undefined;
  }

  /**
   * Creates the user inside its first organization, membership roles included. Never invites unless
   * `invite` is set (the `invite` email policy): then Scalekit emails the person and the membership is PENDING_INVITE.
   */
  async createUserAndMembership(organizationId: string, user: UserInput, membership: MembershipInput, invite = false): Promise<RemoteUser> {
    const response = await this.invoke('CreateUserAndMembership', () =>
      this.users.createUserAndMembership({
        organizationId,
        sendInvitationEmail: invite,
        user: {
          email: user.email,
          externalId: user.externalId,
          userProfile: profile(user.givenName, user.familyName),
          metadata: user.metadata ?? {},
          membership: { roles: membership.roles.map((name) => ({ name })), metadata: membership.metadata },
        },
      }),
    );
    return toRemoteUser(required(response.user, 'CreateUserAndMembership', 'user'));
  }

  /** Updates names and metadata; the API cannot change an email. */
  async updateUser(id: string, input: { givenName?: string; familyName?: string; metadata?: Record<string, string> }): Promise<RemoteUser> {
    const hasNames = input.givenName !== undefined || input.familyName !== undefined;
    const response = await this.invoke('UpdateUser', () =>
      this.users.updateUser({
        identities: { case: 'id', value: id },
        user: {
          userProfile: hasNames
            ? { givenName: input.givenName, familyName: input.familyName, firstName: input.givenName, lastName: input.familyName }
            : undefined,
          metadata: input.metadata ?? {},
        },
      }),
    );
    return toRemoteUser(required(response.user, 'UpdateUser', 'user'));
  }

  /** Adds a membership; invites only when `invite` is set (the `invite` email policy). */
  async createMembership(organizationId: string, userId: string, membership: MembershipInput, invite = false): Promise<RemoteUser> {
    const response = await this.invoke('CreateMembership', () =>
      this.users.createMembership({
        organizationId,
        identities: { case: 'id', value: userId },
        membership: { roles: membership.roles.map((name) => ({ name })), metadata: membership.metadata },
        sendInvitationEmail: invite,
      }),
    );
    return toRemoteUser(required(response.user, 'CreateMembership', 'user'));
  }

  /** Sets the membership's complete roles and metadata (both are replaced). */
  async updateMembership(organizationId: string, userId: string, membership: MembershipInput): Promise<RemoteUser> {
    const response = await this.invoke('UpdateMembership', () =>
      this.users.updateMembership({
        organizationId,
        identities: { case: 'id', value: userId },
        membership: { roles: membership.roles.map((name) => ({ name })), metadata: membership.metadata },
      }),
    );
    return toRemoteUser(required(response.user, 'UpdateMembership', 'user'));
  }

  /** Removes one membership and never the user, even when it was the user's last one. */
  async deleteMembership(organizationId: string, userId: string): Promise<void> {
    await this.invoke('DeleteMembership', () =>
      this.users.deleteMembership({ organizationId, identities: { case: 'id', value: userId }, cascade: false }),
    );
  }

  async deleteUser(id: string): Promise<void> {
    await this.invoke('DeleteUser', () => this.users.deleteUser({ identities: { case: 'id', value: id } }));
  }

  /** An organization's domains, every page (the API pages by number). */
  async listDomains(organizationId: string): Promise<RemoteDomain[]> {
    const domains: RemoteDomain[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const response = await this.invoke('ListDomains', () => this.domains.listDomains({ identities: { case: 'organizationId', value: organizationId }, pageSize: LIST_PAGE_SIZE, pageNumber }));
      domains.push(...response.domains.map(toRemoteDomain));
      if (response.domains.length < LIST_PAGE_SIZE) return domains;
    }
  }

  /** An organization domain, created unverified: it routes SSO only once its DNS TXT record is verified. */
  async createDomain(organizationId: string, name: string): Promise<RemoteDomain> {
    const response = await this.invoke('CreateDomain', () =>
      this.domains.createDomain({ identities: { case: 'organizationId', value: organizationId }, domain: { domain: name, domainType: DomainType.ORGANIZATION_DOMAIN } }),
    );
    return toRemoteDomain(required(response.domain, 'CreateDomain', 'domain'));
  }

  async deleteDomain(organizationId: string, id: string): Promise<void> {
    await this.invoke('DeleteDomain', () => this.domains.deleteDomain({ identities: { case: 'organizationId', value: organizationId }, id }));
  }

  /** One RPC; NOT_FOUND becomes undefined. */
  private async optional<T>(method: string, send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.invoke(method, send);
    } catch (error) {
      if (error instanceof ScalekitCallError && error.code === Code.NotFound) return undefined;
      throw error;
    }
  }

  private async invoke<T>(method: string, send: () => Promise<T>): Promise<T> {
    if (this.tokenGeneration === 0) await this.authenticate();
    const generation = this.tokenGeneration;
    try {
      this.count(method);
      return await send();
    } catch (error) {
      const failure = toCallError(method, error);
      if (failure.code !== Code.Unauthenticated) throw failure;
      // The token expired or was revoked: fetch a new one - once for all the calls it failed, not
      // again for a call that went out with the old token after the new one arrived - and repeat once.
      if (this.tokenGeneration === generation) await this.authenticate();
      try {
        this.count(method);
        return await send();
      } catch (retryError) {
        throw toCallError(method, retryError);
      }
    }
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }
}

function toTokenError(error: unknown): ScalekitCallError {
  const status = (error as { response?: { status?: number } })?.response?.status;
  const code = status === 401 || status === 400 || status === 403 ? Code.Unauthenticated : Code.Unavailable;
  const reason = status ? `HTTP ${status}` : ((error as Error)?.message ?? 'no answer');
  return new ScalekitCallError(
    'oauth/token',
    code,
    `could not get an access token from SCALEKIT_ENVIRONMENT_URL with SCALEKIT_CLIENT_ID/SCALEKIT_CLIENT_SECRET: ${reason}`,
    undefined,
    undefined,
    status,
  );
}

function required<T>(value: T | undefined, method: string, field: string): T {
  if (value === undefined) throw new ScalekitCallError(method, Code.Internal, `${method}: the answer has no ${field}`);
  return value;
}

function profile(givenName: string | undefined, familyName: string | undefined) {
  if (givenName === undefined && familyName === undefined) return undefined;
  return { givenName: givenName ?? '', familyName: familyName ?? '', firstName: givenName ?? '', lastName: familyName ?? '' };
}

function toRemoteRole(role: Role): RemoteRole {
  return {
    id: role.id,
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    permissions: role.permissions.map((permission) => permission.name),
  };
}

function toRemoteOrganization(organization: Organization): RemoteOrganization {
  return {
    id: organization.id,
    externalId: organization.externalId || undefined,
    displayName: organization.displayName,
    metadata: { ...organization.metadata },
  };
}

function toRemoteDomain(domain: Domain): RemoteDomain {
  return { id: domain.id, name: domain.domain, organizationId: domain.organizationId, status: VerificationStatus[domain.verificationStatus] ?? 'UNSPECIFIED' };
}

const STATUS_NAMES: Record<number, MembershipStatusName> = {
  [MembershipStatus.ACTIVE]: 'ACTIVE',
  [MembershipStatus.INACTIVE]: 'INACTIVE',
  [MembershipStatus.PENDING_INVITE]: 'PENDING_INVITE',
  [MembershipStatus.INVITE_EXPIRED]: 'INVITE_EXPIRED',
};

function toRemoteMembership(membership: OrganizationMembership): RemoteMembership {
  const status = STATUS_NAMES[membership.membershipStatus] ?? 'UNSPECIFIED';
  return {
    organizationId: membership.organizationId,
    roles: membership.roles.map((role) => role.name),
    status,
    invited: Boolean(membership.inviterEmail) || status === 'PENDING_INVITE' || status === 'INVITE_EXPIRED',
    metadata: { ...membership.metadata },
  };
}

export function toRemoteUser(user: User): RemoteUser {
  const userProfile = user.userProfile;
  return {
    id: user.id,
    externalId: user.externalId || undefined,
    email: user.email,
    givenName: userProfile?.givenName || userProfile?.firstName || '',
    familyName: userProfile?.familyName || userProfile?.lastName || '',
    emailVerified: userProfile?.emailVerified ?? false,
    metadata: { ...user.metadata },
    memberships: user.memberships.map(toRemoteMembership),
  };
}
