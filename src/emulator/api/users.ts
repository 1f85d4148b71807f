import type { ServiceImpl } from '@connectrpc/connect';
import { Code } from '@connectrpc/connect';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { UserService, type GetUserRequest, type UpdateUser } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { ApiContext } from './context.js';
import { alreadyExists, apiError, failedPrecondition, invalidArgument, notFound } from './errors.js';
import { membershipRoles, newMembership, sendInvitationIfPending } from './memberships.js';
import { organizationById } from './organizations.js';
import { checkPageSize, pageOf } from './paging.js';
import { effectivePermissions, roleRef, userMessage } from './to-proto.js';
import type { MembershipRecord, UserRecord } from '../store/records.js';

type Identities = GetUserRequest['identities'];

export function findUser(ctx: ApiContext, identities: Identities): UserRecord {
  const { store } = ctx;
  if (identities.case === 'id') {
    const user = store.users.get(identities.value);
    if (!user) throw notFound('user', 'id', identities.value);
    return user;
  }
  if (identities.case === 'externalId') {
    const id = store.userIdByExternalId.get(identities.value);
    if (!id) throw notFound('user', 'external_id', identities.value);
    return store.users.get(id)!;
  }
  throw invalidArgument('id', 'give the user id or external_id', 'required');
}

function findMembership(ctx: ApiContext, user: UserRecord, organizationId: string): MembershipRecord {
  organizationById(ctx, organizationId);
  const membership = user.memberships.get(organizationId);
  if (!membership) {
    throw apiError(Code.NotFound, 'MEMBERSHIP_NOT_FOUND', `user ${user.id} is not a member of organization ${organizationId}`, { resource: 'membership' });
  }
  return membership;
}

function claimUserExternalId(ctx: ApiContext, externalId: string, self?: UserRecord): void {
  const holder = ctx.store.userIdByExternalId.get(externalId);
  if (holder && holder !== self?.id) throw alreadyExists('user', 'external_id', externalId, holder);
}

export function userService(ctx: ApiContext): Partial<ServiceImpl<typeof UserService>> {
  const { store } = ctx;
  const respond = (user: UserRecord) => ({ user: userMessage(store, user) });
  return {
    createUserAndMembership(req) {
      const org = organizationById(ctx, req.organizationId);
      const input = req.user!;
      const email = input.email.trim().toLowerCase();
      const holder = store.userByEmail(email);
      if (holder) throw alreadyExists('user', 'email', email, holder.id);
      if (input.externalId) claimUserExternalId(ctx, input.externalId);
      const roles = membershipRoles(ctx, input.membership?.roles ?? [], 'user.membership.roles');
      const now = ctx.now();
      const p = input.userProfile;
      const givenName = p?.givenName || p?.firstName || '';
      const familyName = p?.familyName || p?.lastName || '';
      const user: UserRecord = {
        id: store.newId('usr_', (id) => store.users.has(id)),
        email,
        externalId: input.externalId || undefined,
        emailVerified: false,
        profile: {
          givenName,
          familyName,
          name: p?.name || [givenName, familyName].filter(Boolean).join(' '),
          locale: p?.locale ?? '',
          phoneNumber: p?.phoneNumber ?? '',
          preferredUsername: p?.preferredUsername ?? '',
          picture: p?.picture ?? '',
          gender: p?.gender ?? '',
          customAttributes: { ...p?.customAttributes },
        },
        metadata: { ...input.metadata },
        createTime: now,
        updateTime: now,
        memberships: new Map(),
      };
      const membership = newMembership(ctx, user, org.id, roles, {
        sendInvitationEmail: req.sendInvitationEmail,
        metadata: input.membership?.metadata ?? {},
        inviterEmail: input.membership?.inviterEmail,
      });
      user.memberships.set(org.id, membership);
      store.insertUser(user);
      sendInvitationIfPending(ctx, user, membership);
      return respond(user);
    },

    getUser(req) {
      return respond(findUser(ctx, req.identities));
    },

    listUsers(req) {
      checkPageSize(req.pageSize, 10, 100);
      const page = pageOf(store.userOrder, req.pageToken, req.pageSize);
      return { users: page.ids.map((id) => userMessage(store, store.users.get(id)!)), nextPageToken: page.nextPageToken, totalSize: store.userOrder.size };
    },

    /**
     * Case-insensitive substring match on email, external_id and names (assumed: the API documents only
     * "a query string"); an exact email is answered from the email index without a scan.
     */
    searchUsers(req) {
      checkPageSize(req.pageSize, 1, 100);
      const query = req.query.trim().toLowerCase();
      if (query.length < 3) throw invalidArgument('query', 'must be at least 3 characters', 'string.min_len');
      const exact = store.userByEmail(query);
      const found = exact
        ? [exact]
        : [...store.userOrder.values()]
            .map((id) => store.users.get(id)!)
            .filter((u) => u.email.includes(query) || (u.externalId ?? '').toLowerCase().includes(query) || u.profile.name.toLowerCase().includes(query));
      const offset = req.pageToken ? Number(Buffer.from(req.pageToken, 'base64url').toString('utf8').replace(/^q:/, '')) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('page_token', `"${req.pageToken}" is not a page token this API issued`, 'page_token');
      const size = req.pageSize || 10;
      const next = offset + size < found.length ? Buffer.from(`q:${offset + size}`).toString('base64url') : '';
      return { users: found.slice(offset, offset + size).map((u) => userMessage(store, u)), nextPageToken: next, prevPageToken: '', totalSize: found.length };
    },

    listOrganizationUsers(req) {
      organizationById(ctx, req.organizationId);
      const members = store.membersByOrg.get(req.organizationId)!;
      const page = pageOf(members, req.pageToken, req.pageSize);
      return { users: page.ids.map((id) => userMessage(store, store.users.get(id)!)), nextPageToken: page.nextPageToken, totalSize: members.size };
    },

    updateUser(req) {
      const user = findUser(ctx, req.identities);
      applyUserUpdate(ctx, user, req.user);
      user.updateTime = ctx.now();
      store.changed();
      return respond(user);
    },

    deleteUser(req) {
      store.deleteUser(findUser(ctx, req.identities));
      return {};
    },

    createMembership(req) {
      const user = findUser(ctx, req.identities);
      const org = organizationById(ctx, req.organizationId);
      if (user.memberships.has(org.id)) {
        throw apiError(Code.AlreadyExists, 'MEMBERSHIP_ALREADY_EXISTS', `user ${user.id} is already a member of organization ${org.id}`, {
          resource: 'membership',
        });
      }
      const roles = membershipRoles(ctx, req.membership?.roles ?? [], 'membership.roles');
      const membership = newMembership(ctx, user, org.id, roles, {
        sendInvitationEmail: req.sendInvitationEmail,
        metadata: req.membership?.metadata ?? {},
        inviterEmail: req.membership?.inviterEmail,
      });
      store.insertMembership(user, membership);
      sendInvitationIfPending(ctx, user, membership);
      return respond(user);
    },

    updateMembership(req) {
      const user = findUser(ctx, req.identities);
      const membership = findMembership(ctx, user, req.organizationId);
      const roles = membershipRoles(ctx, req.membership?.roles ?? [], 'membership.roles');
      // An empty list or map cannot be told from "not sent" in proto3: both leave the value as is.
      if (roles.length) membership.roles = roles;
      if (req.membership && Object.keys(req.membership.metadata).length) membership.metadata = { ...req.membership.metadata };
      store.changed();
      return respond(user);
    },

    deleteMembership(req) {
      const user = findUser(ctx, req.identities);
      findMembership(ctx, user, req.organizationId);
      store.deleteMembership(user, req.organizationId);
      // cascade defaults to true: a user left without memberships is deleted too.
      if ((req.cascade ?? true) && user.memberships.size === 0) store.deleteUser(user);
      return {};
    },

    assignUserRoles(req) {
      const user = findUser(ctx, { case: 'id', value: req.userId });
      const membership = findMembership(ctx, user, req.organizationId);
      const added = membershipRoles(ctx, req.roles, 'roles');
      for (const name of added) if (!membership.roles.includes(name)) membership.roles.push(name);
      store.changed();
      return { roles: membership.roles.map((name) => roleRef(store, name)) };
    },

    listUserRoles(req) {
      const user = findUser(ctx, { case: 'id', value: req.userId });
      return { roles: findMembership(ctx, user, req.organizationId).roles.map((name) => roleRef(store, name)) };
    },

    removeUserRole(req) {
      const user = findUser(ctx, { case: 'id', value: req.userId });
      const membership = findMembership(ctx, user, req.organizationId);
      if (!membership.roles.includes(req.roleName)) {
        throw apiError(Code.NotFound, 'ROLE_NOT_ASSIGNED', `role "${req.roleName}" is not assigned to user ${user.id} in organization ${req.organizationId}`);
      }
      membership.roles = membership.roles.filter((name) => name !== req.roleName);
      store.changed();
      return {};
    },

    listUserPermissions(req) {
      const user = findUser(ctx, { case: 'id', value: req.userId });
      const membership = findMembership(ctx, user, req.organizationId);
      return {
        permissions: effectivePermissions(store, membership.roles).map((name) => {
          const p = store.permissions.get(name);
          return { id: p?.id ?? '', name, description: p?.description ?? '' };
        }),
      };
    },

    resendInvite(req) {
      const user = findUser(ctx, { case: 'id', value: req.id });
      const membership = findMembership(ctx, user, req.organizationId);
      if (membership.status !== 'PENDING_INVITE') {
        throw failedPrecondition('INVITE_NOT_PENDING', `user ${user.id} has no pending invitation to organization ${req.organizationId}`);
      }
      const invitation = [...store.invitations].reverse().find((i) => i.userId === user.id && i.organizationId === req.organizationId);
      const now = ctx.now();
      if (invitation) invitation.resentCount++;
      membership.expiresAt = now + 15 * 24 * 3600 * 1000;
      ctx.counters.invitationsSent++;
      store.changed();
      return {
        invite: {
          organizationId: req.organizationId,
          userId: user.id,
          inviterEmail: membership.inviterEmail,
          status: 'PENDING_INVITE',
          createdAt: timestampFromMs(membership.createdAt),
          expiresAt: timestampFromMs(membership.expiresAt),
          resentAt: timestampFromMs(now),
          resentCount: invitation?.resentCount ?? 1,
        },
      };
    },
  };
}

/** Present fields only: optional profile fields when set, maps when non-empty (they replace). */
function applyUserUpdate(ctx: ApiContext, user: UserRecord, input: UpdateUser | undefined): void {
  if (!input) return;
  if (input.externalId !== undefined && input.externalId !== user.externalId) {
    if (input.externalId) claimUserExternalId(ctx, input.externalId, user);
    ctx.store.setUserExternalId(user, input.externalId);
  }
  const p = input.userProfile;
  if (p) {
    const profile = user.profile;
    const givenName = p.givenName ?? p.firstName;
    const familyName = p.familyName ?? p.lastName;
    const derivedName = [profile.givenName, profile.familyName].filter(Boolean).join(' ');
    const nameWasDerived = profile.name === derivedName;
    if (givenName !== undefined) profile.givenName = givenName;
    if (familyName !== undefined) profile.familyName = familyName;
    if (p.name !== undefined) profile.name = p.name;
    else if (nameWasDerived) profile.name = [profile.givenName, profile.familyName].filter(Boolean).join(' ');
    if (p.locale !== undefined) profile.locale = p.locale;
    if (p.phoneNumber !== undefined) profile.phoneNumber = p.phoneNumber;
    if (p.preferredUsername !== undefined) profile.preferredUsername = p.preferredUsername;
    if (p.picture !== undefined) profile.picture = p.picture;
    if (p.gender !== undefined) profile.gender = p.gender;
    if (Object.keys(p.customAttributes).length) profile.customAttributes = { ...p.customAttributes };
  }
  if (Object.keys(input.metadata).length) user.metadata = { ...input.metadata };
}
