import { Code } from '@connectrpc/connect';
import type { ApiContext } from './context.js';
import { apiError } from './errors.js';
import type { MembershipRecord, UserRecord } from '../store/records.js';

const INVITATION_TTL_MS = 15 * 24 * 3600 * 1000;

/**
 * Role names for a membership. Every role must exist in the environment (the API refuses a
 * membership that names an unknown role); an empty list means the default member role(s).
 */
export function membershipRoles(ctx: ApiContext, roles: ReadonlyArray<{ id?: string; name?: string; roleName?: string }>, field: string): string[] {
  const names: string[] = [];
  for (const [i, role] of roles.entries()) {
    const name = role.name || role.roleName || (role.id ? roleNameById(ctx, role.id) : undefined);
    if (!name || !ctx.store.roles.has(name)) {
      const shown = role.name || role.roleName || role.id || '(empty)';
      throw apiError(Code.InvalidArgument, 'ROLE_NOT_FOUND', `role "${shown}" does not exist in this environment; create it before assigning it`, {
        violations: [{ field: `${field}[${i}]`, description: `role "${shown}" does not exist`, constraint: 'role.exists' }],
      });
    }
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export function defaultMemberRoles(ctx: ApiContext): string[] {
  const names: string[] = [];
  for (const role of ctx.store.roles.values()) if (role.defaultMember) names.push(role.name);
  return names;
}

function roleNameById(ctx: ApiContext, id: string): string | undefined {
  for (const role of ctx.store.roles.values()) if (role.id === id) return role.name;
  return undefined;
}

/**
 * A new membership. `sendInvitationEmail` true or absent (the API's default) leaves it
 * PENDING_INVITE and sends (counts) one invitation; false makes it ACTIVE and marks the
 * email verified, as an import of already-verified users needs.
 */
export function newMembership(
  ctx: ApiContext,
  user: UserRecord,
  organizationId: string,
  roles: string[],
  options: { sendInvitationEmail: boolean | undefined; metadata: Record<string, string>; inviterEmail?: string },
): MembershipRecord {
  const now = ctx.now();
  const invite = options.sendInvitationEmail ?? true;
  if (!invite) user.emailVerified = true;
  return {
    organizationId,
    userId: user.id,
    roles: roles.length ? roles : defaultMemberRoles(ctx),
    status: invite ? 'PENDING_INVITE' : 'ACTIVE',
    metadata: { ...options.metadata },
    inviterEmail: options.inviterEmail || undefined,
    createdAt: now,
    acceptedAt: invite ? undefined : now,
    expiresAt: invite ? now + INVITATION_TTL_MS : undefined,
  };
}

export function sendInvitationIfPending(ctx: ApiContext, user: UserRecord, membership: MembershipRecord): void {
  if (membership.status !== 'PENDING_INVITE') return;
  ctx.store.recordInvitation({ organizationId: membership.organizationId, userId: user.id, email: user.email, sentAt: ctx.now(), resentCount: 0 });
  ctx.counters.invitationsSent++;
}
