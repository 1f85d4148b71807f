import type { ServiceImpl } from '@connectrpc/connect';
import { timestampDate, timestampFromMs } from '@bufbuild/protobuf/wkt';
import { SessionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import type { SessionRecord } from '../store/sign-in-records.js';
import type { ApiContext } from './context.js';
import { invalidArgument, notFound } from './errors.js';
import { checkPageSize, DEFAULT_PAGE_SIZE } from './paging.js';

/**
 * User sessions the OAuth flow opened: get one, list a user's (newest first, filtered by status and
 * creation time), revoke one or all. `onRevoke` ends the session's refresh tokens.
 */
export function sessionService(ctx: ApiContext, onRevoke: (sessionId: string) => void): Partial<ServiceImpl<typeof SessionService>> {
  const find = (sessionId: string): SessionRecord => {
    const session = ctx.store.sessions.get(sessionId);
    if (!session) throw notFound('session', 'id', sessionId);
    return session;
  };
  const revoke = (session: SessionRecord) => {
    if (session.status === 'ACTIVE') {
      session.status = 'REVOKED';
      session.endedAt = session.updatedAt = ctx.now();
      onRevoke(session.sessionId);
    }
    return revokedMessage(session);
  };
  return {
    getSession: (req) => sessionMessage(find(req.sessionId)),
    getUserSessions(req) {
      checkPageSize(req.pageSize, 1, 100);
      if (!ctx.store.users.has(req.userId)) throw notFound('user', 'id', req.userId);
      const statuses = new Set((req.filter?.status ?? []).map((s) => s.toUpperCase()));
      const start = req.filter?.startTime ? timestampDate(req.filter.startTime).getTime() : undefined;
      const end = req.filter?.endTime ? timestampDate(req.filter.endTime).getTime() : undefined;
      const sessions = [...ctx.store.sessions.values()]
        .filter((s) => s.userId === req.userId && (!statuses.size || statuses.has(s.status)) && (start === undefined || s.createdAt >= start) && (end === undefined || s.createdAt <= end))
        .reverse();
      const offset = req.pageToken ? decodeToken(req.pageToken) : 0;
      const size = req.pageSize || DEFAULT_PAGE_SIZE;
      const page = sessions.slice(offset, offset + size);
      return {
        sessions: page.map(sessionMessage),
        nextPageToken: offset + size < sessions.length ? encodeToken(offset + size) : '',
        prevPageToken: offset > 0 ? encodeToken(Math.max(0, offset - size)) : '',
        totalSize: sessions.length,
      };
    },
    revokeSession: (req) => ({ revokedSession: revoke(find(req.sessionId)) }),
    revokeAllUserSessions(req) {
      if (!ctx.store.users.has(req.userId)) throw notFound('user', 'id', req.userId);
      const active = [...ctx.store.sessions.values()].filter((s) => s.userId === req.userId && s.status === 'ACTIVE');
      const revokedSessions = active.map(revoke);
      ctx.store.changed();
      return { revokedSessions, totalRevoked: revokedSessions.length };
    },
  };
}

const time = (ms: number | undefined) => (ms === undefined ? undefined : timestampFromMs(ms));

function sessionMessage(s: SessionRecord) {
  return {
    sessionId: s.sessionId,
    userId: s.userId,
    organizationId: s.organizationId,
    authenticatedOrganizations: [s.organizationId],
    createdAt: time(s.createdAt),
    updatedAt: time(s.updatedAt),
    absoluteExpiresAt: time(s.absoluteExpiresAt),
    logoutAt: s.status === 'LOGGED_OUT' ? time(s.endedAt) : undefined,
    expiredAt: s.status === 'REVOKED' ? time(s.endedAt) : undefined,
    status: s.status,
    lastActiveAt: time(s.updatedAt),
    authenticatedClients: [{ clientId: s.clientId, organizationId: s.organizationId }],
  };
}

function revokedMessage(s: SessionRecord) {
  return {
    sessionId: s.sessionId,
    userId: s.userId,
    createdAt: time(s.createdAt),
    updatedAt: time(s.updatedAt),
    absoluteExpiresAt: time(s.absoluteExpiresAt),
    expiredAt: time(s.endedAt),
    status: s.status,
    lastActiveAt: time(s.updatedAt),
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(`s:${offset}`).toString('base64url');
}

function decodeToken(token: string): number {
  const match = /^s:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidArgument('page_token', `"${token}" is not a page token this API issued`, 'page_token');
  return Number(match[1]);
}
