import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { MembershipStatus, type OrganizationMembershipSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import {
  ConnectionProvider,
  ConnectionStatus,
  ConnectionType,
  type ListConnectionSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
import { DirectoryProvider, DirectoryType, type DirectorySchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js';
import type { OrganizationSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import type { PermissionSchema, RoleSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { UserSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Store } from '../store/store.js';
import type {
  ConnectionRecord,
  DirectoryRecord,
  MembershipRecord,
  OrganizationRecord,
  PermissionRecord,
  RoleRecord,
  UserRecord,
} from '../store/records.js';

/** Records -> the API's messages (init shapes; connect serializes them). */

export function organizationMessage(org: OrganizationRecord): MessageInitShape<typeof OrganizationSchema> {
  return {
    id: org.id,
    displayName: org.displayName,
    externalId: org.externalId,
    metadata: org.metadata,
    slug: org.slug,
    logoUrl: org.logoUrl,
    createTime: timestampFromMs(org.createTime),
    updateTime: timestampFromMs(org.updateTime),
  };
}

export function userMessage(store: Store, user: UserRecord): MessageInitShape<typeof UserSchema> {
  const p = user.profile;
  return {
    id: user.id,
    environmentId: store.environmentId,
    email: user.email,
    externalId: user.externalId,
    createTime: timestampFromMs(user.createTime),
    updateTime: timestampFromMs(user.updateTime),
    lastLoginTime: user.lastLoginTime === undefined ? undefined : timestampFromMs(user.lastLoginTime),
    metadata: user.metadata,
    userProfile: {
      id: user.id,
      givenName: p.givenName,
      familyName: p.familyName,
      // The deprecated first_name/last_name mirror given_name/family_name, as clients read either.
      firstName: p.givenName,
      lastName: p.familyName,
      name: p.name,
      locale: p.locale,
      emailVerified: user.emailVerified,
      phoneNumber: p.phoneNumber,
      preferredUsername: p.preferredUsername,
      picture: p.picture,
      gender: p.gender,
      customAttributes: p.customAttributes,
    },
    memberships: [...user.memberships.values()].map((m) => membershipMessage(store, m)),
  };
}

export function membershipMessage(store: Store, m: MembershipRecord): MessageInitShape<typeof OrganizationMembershipSchema> {
  const org = store.organizations.get(m.organizationId);
  return {
    organizationId: m.organizationId,
    displayName: org?.displayName,
    membershipStatus: MembershipStatus[m.status],
    roles: m.roles.map((name) => roleRef(store, name)),
    metadata: m.metadata,
    inviterEmail: m.inviterEmail,
    joinTime: timestampFromMs(m.acceptedAt ?? m.createdAt),
    createdAt: timestampFromMs(m.createdAt),
    acceptedAt: m.acceptedAt === undefined ? undefined : timestampFromMs(m.acceptedAt),
    expiresAt: m.expiresAt === undefined ? undefined : timestampFromMs(m.expiresAt),
    provisioningMethod: 'api',
    permissions: effectivePermissions(store, m.roles),
  };
}

export function roleRef(store: Store, name: string): { id: string; name: string; displayName: string } {
  const role = store.roles.get(name);
  return { id: role?.id ?? '', name, displayName: role?.displayName ?? name };
}

export function roleMessage(store: Store, role: RoleRecord): MessageInitShape<typeof RoleSchema> {
  let dependents = 0;
  for (const other of store.roles.values()) if (other.extends === role.name) dependents++;
  return {
    id: role.id,
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    defaultCreator: role.defaultCreator,
    defaultMember: role.defaultMember,
    extends: role.extends,
    permissions: role.permissions.map((name) => {
      const p = store.permissions.get(name);
      return { id: p?.id ?? '', name, description: p?.description ?? '', roleName: role.name };
    }),
    dependentRolesCount: dependents,
    isOrgRole: false,
  };
}

export function permissionMessage(p: PermissionRecord): MessageInitShape<typeof PermissionSchema> {
  return { id: p.id, name: p.name, description: p.description, createTime: timestampFromMs(p.createTime) };
}

/** Permissions of the given roles, including those inherited through `extends`, without duplicates. */
export function effectivePermissions(store: Store, roleNames: string[]): string[] {
  const out = new Set<string>();
  for (const name of roleNames) {
    const seen = new Set<string>();
    for (let role = store.roles.get(name); role && !seen.has(role.name); role = role.extends ? store.roles.get(role.extends) : undefined) {
      seen.add(role.name);
      for (const p of role.permissions) out.add(p);
    }
  }
  return [...out];
}

export function connectionMessage(store: Store, c: ConnectionRecord): MessageInitShape<typeof ListConnectionSchema> {
  return {
    id: c.id,
    provider: enumValue(ConnectionProvider, c.provider),
    type: enumValue(ConnectionType, c.type),
    status: enumValue(ConnectionStatus, c.status),
    enabled: c.enabled,
    organizationId: c.organizationId,
    organizationName: store.organizations.get(c.organizationId)?.displayName ?? '',
    domains: c.domains,
    createdAt: timestampFromMs(c.createdAt),
  };
}

export function directoryMessage(d: DirectoryRecord): MessageInitShape<typeof DirectorySchema> {
  return {
    id: d.id,
    name: d.name,
    directoryType: enumValue(DirectoryType, d.directoryType),
    directoryProvider: enumValue(DirectoryProvider, d.directoryProvider),
    organizationId: d.organizationId,
    enabled: d.enabled,
    status: d.status,
    totalUsers: d.totalUsers,
    totalGroups: d.totalGroups,
    lastSyncedAt: d.lastSyncedAt === undefined ? undefined : timestampFromMs(d.lastSyncedAt),
  };
}

function enumValue(enumObject: object, name: string): number {
  const value = (enumObject as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : 0;
}
