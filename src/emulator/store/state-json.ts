import { z } from 'zod';
import type { Store } from './store.js';
import { clientDomainStateShape, clientDomainStateToJson, loadClientDomainState } from './client-domain-json.js';
import type { MembershipRecord, UserRecord } from './records.js';
import { AUTH_REQUEST_STATUSES } from './sign-in-records.js';

/**
 * The emulator's state as plain JSON (snake_case, like the API's proto field names): what
 * `state()` and `GET /_emulator/state` return and what `--state FILE` holds. Memberships are a
 * flat list so a test can find "user X in org Y" without walking users.
 */
const stringMap = z.record(z.string(), z.string());
const time = z.string();

export const organizationStateSchema = z.object({
  id: z.string(),
  external_id: z.string().optional(),
  display_name: z.string(),
  metadata: stringMap,
  slug: z.string().optional(),
  logo_url: z.string().optional(),
  create_time: time,
  update_time: time,
});

export const userStateSchema = z.object({
  id: z.string(),
  email: z.string(),
  external_id: z.string().optional(),
  email_verified: z.boolean(),
  given_name: z.string(),
  family_name: z.string(),
  name: z.string().optional(),
  locale: z.string().optional(),
  phone_number: z.string().optional(),
  preferred_username: z.string().optional(),
  picture: z.string().optional(),
  gender: z.string().optional(),
  custom_attributes: stringMap.optional(),
  metadata: stringMap,
  create_time: time,
  update_time: time,
  last_login_time: time.optional(),
});

export const membershipStateSchema = z.object({
  user_id: z.string(),
  organization_id: z.string(),
  roles: z.array(z.string()),
  status: z.enum(['ACTIVE', 'INACTIVE', 'PENDING_INVITE', 'INVITE_EXPIRED']),
  metadata: stringMap,
  inviter_email: z.string().optional(),
  created_at: time,
  accepted_at: time.optional(),
  expires_at: time.optional(),
});

export const roleStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  extends: z.string().optional(),
  default_creator: z.boolean(),
  default_member: z.boolean(),
  create_time: time,
});

export const permissionStateSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), create_time: time });

export const invitationStateSchema = z.object({
  organization_id: z.string(),
  user_id: z.string(),
  email: z.string(),
  sent_at: time,
  resent_count: z.number().int(),
});

export const connectionStateSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  provider: z.string(),
  type: z.string(),
  status: z.string(),
  enabled: z.boolean(),
  domains: z.array(z.string()),
  created_at: time,
});

export const directoryStateSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  directory_type: z.string(),
  directory_provider: z.string(),
  enabled: z.boolean(),
  status: z.string(),
  total_users: z.number().int(),
  total_groups: z.number().int(),
  last_synced_at: time.optional(),
});

export const authRequestStateSchema = z.object({
  auth_request_id: z.string(),
  email: z.string(),
  status: z.enum(AUTH_REQUEST_STATUSES),
  organization_id: z.string(),
  connection_id: z.string(),
  connection_type: z.string(),
  connection_provider: z.string(),
  workflow: z.string(),
  resource_id: z.string(),
  client_id: z.string(),
  timestamp: time,
});

export const sessionStateSchema = z.object({
  session_id: z.string(),
  user_id: z.string(),
  organization_id: z.string(),
  client_id: z.string(),
  status: z.enum(['ACTIVE', 'LOGGED_OUT', 'REVOKED', 'EXPIRED']),
  created_at: time,
  updated_at: time,
  absolute_expires_at: time,
  ended_at: time.optional(),
});

export const emulatorStateSchema = z.object({
  environment_id: z.string(),
  organizations: z.array(organizationStateSchema),
  users: z.array(userStateSchema),
  memberships: z.array(membershipStateSchema),
  roles: z.array(roleStateSchema),
  permissions: z.array(permissionStateSchema),
  invitations: z.array(invitationStateSchema),
  connections: z.array(connectionStateSchema),
  directories: z.array(directoryStateSchema),
  ...clientDomainStateShape,
  /** Absent in state files written before sign-ins were recorded. */
  auth_requests: z.array(authRequestStateSchema).optional(),
  sessions: z.array(sessionStateSchema).optional(),
});

export type EmulatorState = z.infer<typeof emulatorStateSchema>;
export type OrganizationState = z.infer<typeof organizationStateSchema>;
export type UserState = z.infer<typeof userStateSchema>;
export type MembershipState = z.infer<typeof membershipStateSchema>;
export type RoleState = z.infer<typeof roleStateSchema>;
export type InvitationState = z.infer<typeof invitationStateSchema>;

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (text: string) => Date.parse(text);
const optionalIso = (value: number | undefined) => (value === undefined ? undefined : iso(value));
const optionalMs = (value: string | undefined) => (value === undefined ? undefined : ms(value));
const nonEmpty = (value: string) => value || undefined;

export function stateToJson(store: Store): EmulatorState {
  const users: UserState[] = [];
  const memberships: MembershipState[] = [];
  for (const id of store.userOrder.values()) {
    const user = store.users.get(id)!;
    users.push(userToJson(user));
    for (const membership of user.memberships.values()) memberships.push(membershipToJson(membership));
  }
  return {
    environment_id: store.environmentId,
    organizations: [...store.orgOrder.values()].map((id) => {
      const org = store.organizations.get(id)!;
      return {
        id: org.id,
        external_id: org.externalId,
        display_name: org.displayName,
        metadata: { ...org.metadata },
        slug: org.slug,
        logo_url: org.logoUrl,
        create_time: iso(org.createTime),
        update_time: iso(org.updateTime),
      };
    }),
    users,
    memberships,
    roles: [...store.roles.values()].map((role) => ({
      id: role.id,
      name: role.name,
      display_name: role.displayName,
      description: role.description,
      permissions: [...role.permissions],
      extends: role.extends,
      default_creator: role.defaultCreator,
      default_member: role.defaultMember,
      create_time: iso(role.createTime),
    })),
    permissions: [...store.permissions.values()].map((p) => ({ id: p.id, name: p.name, description: p.description, create_time: iso(p.createTime) })),
    invitations: store.invitations.map((inv) => ({
      organization_id: inv.organizationId,
      user_id: inv.userId,
      email: inv.email,
      sent_at: iso(inv.sentAt),
      resent_count: inv.resentCount,
    })),
    connections: [...store.connections.values()].map((c) => ({
      id: c.id,
      organization_id: c.organizationId,
      provider: c.provider,
      type: c.type,
      status: c.status,
      enabled: c.enabled,
      domains: [...c.domains],
      created_at: iso(c.createdAt),
    })),
    directories: [...store.directories.values()].map((d) => ({
      id: d.id,
      organization_id: d.organizationId,
      name: d.name,
      directory_type: d.directoryType,
      directory_provider: d.directoryProvider,
      enabled: d.enabled,
      status: d.status,
      total_users: d.totalUsers,
      total_groups: d.totalGroups,
      last_synced_at: optionalIso(d.lastSyncedAt),
    })),
    ...clientDomainStateToJson(store),
    auth_requests: store.authRequests.map((r) => ({
      auth_request_id: r.authRequestId,
      email: r.email,
      status: r.status,
      organization_id: r.organizationId,
      connection_id: r.connectionId,
      connection_type: r.connectionType,
      connection_provider: r.connectionProvider,
      workflow: r.workflow,
      resource_id: r.resourceId,
      client_id: r.clientId,
      timestamp: iso(r.timestamp),
    })),
    sessions: [...store.sessions.values()].map((s) => ({
      session_id: s.sessionId,
      user_id: s.userId,
      organization_id: s.organizationId,
      client_id: s.clientId,
      status: s.status,
      created_at: iso(s.createdAt),
      updated_at: iso(s.updatedAt),
      absolute_expires_at: iso(s.absoluteExpiresAt),
      ended_at: optionalIso(s.endedAt),
    })),
  };
}

function userToJson(user: UserRecord): UserState {
  const p = user.profile;
  return {
    id: user.id,
    email: user.email,
    external_id: user.externalId,
    email_verified: user.emailVerified,
    given_name: p.givenName,
    family_name: p.familyName,
    name: nonEmpty(p.name),
    locale: nonEmpty(p.locale),
    phone_number: nonEmpty(p.phoneNumber),
    preferred_username: nonEmpty(p.preferredUsername),
    picture: nonEmpty(p.picture),
    gender: nonEmpty(p.gender),
    custom_attributes: Object.keys(p.customAttributes).length ? { ...p.customAttributes } : undefined,
    metadata: { ...user.metadata },
    create_time: iso(user.createTime),
    update_time: iso(user.updateTime),
    last_login_time: optionalIso(user.lastLoginTime),
  };
}

function membershipToJson(m: MembershipRecord): MembershipState {
  return {
    user_id: m.userId,
    organization_id: m.organizationId,
    roles: [...m.roles],
    status: m.status,
    metadata: { ...m.metadata },
    inviter_email: m.inviterEmail,
    created_at: iso(m.createdAt),
    accepted_at: optionalIso(m.acceptedAt),
    expires_at: optionalIso(m.expiresAt),
  };
}

/** Fills an empty store from saved state (already validated against emulatorStateSchema). */
export function loadStateJson(store: Store, state: EmulatorState): void {
  store.environmentId = state.environment_id;
  for (const p of state.permissions) store.permissions.set(p.name, { id: p.id, name: p.name, description: p.description, createTime: ms(p.create_time) });
  for (const r of state.roles) {
    store.roles.set(r.name, {
      id: r.id,
      name: r.name,
      displayName: r.display_name,
      description: r.description,
      permissions: r.permissions,
      extends: r.extends,
      defaultCreator: r.default_creator,
      defaultMember: r.default_member,
      createTime: ms(r.create_time),
    });
  }
  for (const o of state.organizations) {
    store.insertOrganization({
      id: o.id,
      externalId: o.external_id,
      displayName: o.display_name,
      metadata: o.metadata,
      slug: o.slug,
      logoUrl: o.logo_url,
      createTime: ms(o.create_time),
      updateTime: ms(o.update_time),
    });
  }
  const byUser = new Map<string, MembershipState[]>();
  for (const m of state.memberships) byUser.set(m.user_id, [...(byUser.get(m.user_id) ?? []), m]);
  for (const u of state.users) {
    const memberships = new Map<string, MembershipRecord>();
    for (const m of byUser.get(u.id) ?? []) {
      if (!store.organizations.has(m.organization_id)) continue;
      memberships.set(m.organization_id, {
        organizationId: m.organization_id,
        userId: u.id,
        roles: m.roles,
        status: m.status,
        metadata: m.metadata,
        inviterEmail: m.inviter_email,
        createdAt: ms(m.created_at),
        acceptedAt: optionalMs(m.accepted_at),
        expiresAt: optionalMs(m.expires_at),
      });
    }
    store.insertUser({
      id: u.id,
      email: u.email,
      externalId: u.external_id,
      emailVerified: u.email_verified,
      profile: {
        givenName: u.given_name,
        familyName: u.family_name,
        name: u.name ?? '',
        locale: u.locale ?? '',
        phoneNumber: u.phone_number ?? '',
        preferredUsername: u.preferred_username ?? '',
        picture: u.picture ?? '',
        gender: u.gender ?? '',
        customAttributes: u.custom_attributes ?? {},
      },
      metadata: u.metadata,
      createTime: ms(u.create_time),
      updateTime: ms(u.update_time),
      lastLoginTime: optionalMs(u.last_login_time),
      memberships,
    });
  }
  for (const i of state.invitations) {
    store.invitations.push({ organizationId: i.organization_id, userId: i.user_id, email: i.email, sentAt: ms(i.sent_at), resentCount: i.resent_count });
  }
  for (const c of state.connections) {
    store.connections.set(c.id, {
      id: c.id,
      organizationId: c.organization_id,
      provider: c.provider,
      type: c.type,
      status: c.status,
      enabled: c.enabled,
      domains: c.domains,
      createdAt: ms(c.created_at),
    });
  }
  for (const d of state.directories) {
    store.directories.set(d.id, {
      id: d.id,
      organizationId: d.organization_id,
      name: d.name,
      directoryType: d.directory_type,
      directoryProvider: d.directory_provider,
      enabled: d.enabled,
      status: d.status,
      totalUsers: d.total_users,
      totalGroups: d.total_groups,
      lastSyncedAt: optionalMs(d.last_synced_at),
    });
  }
  loadClientDomainState(store, state);
  for (const [i, r] of (state.auth_requests ?? []).entries()) {
    store.authRequests.push({
      authRequestId: r.auth_request_id,
      seq: i + 1,
      email: r.email,
      status: r.status,
      organizationId: r.organization_id,
      connectionId: r.connection_id,
      connectionType: r.connection_type,
      connectionProvider: r.connection_provider,
      workflow: r.workflow,
      resourceId: r.resource_id,
      clientId: r.client_id,
      timestamp: ms(r.timestamp),
    });
  }
  for (const s of state.sessions ?? []) {
    store.sessions.set(s.session_id, {
      sessionId: s.session_id,
      userId: s.user_id,
      organizationId: s.organization_id,
      clientId: s.client_id,
      status: s.status,
      createdAt: ms(s.created_at),
      updatedAt: ms(s.updated_at),
      absoluteExpiresAt: ms(s.absolute_expires_at),
      endedAt: optionalMs(s.ended_at),
    });
  }
}
