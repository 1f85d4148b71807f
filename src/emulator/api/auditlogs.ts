import type { ServiceImpl } from '@connectrpc/connect';
import { timestampDate, timestampFromMs } from '@bufbuild/protobuf/wkt';
import { AuditLogsService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auditlogs/auditlogs_pb.js';
import type { AuthRequestRecord } from '../store/sign-in-records.js';
import type { ApiContext } from './context.js';
import { invalidArgument } from './errors.js';
import { checkPageSize, DEFAULT_PAGE_SIZE } from './paging.js';

/**
 * `ListAuthRequests`: the sign-in attempts the OAuth flow recorded, newest first, filtered by
 * email, status (any of), time range, resource (user id) and client id. Page tokens name the
 * last request returned, so requests recorded while a client pages do not shift its pages.
 */
export function auditLogsService(ctx: ApiContext): Partial<ServiceImpl<typeof AuditLogsService>> {
  return {
    listAuthRequests(req) {
      checkPageSize(req.pageSize, 1, 100);
      const size = req.pageSize || DEFAULT_PAGE_SIZE;
      const before = req.pageToken ? decodeToken(req.pageToken) : Number.POSITIVE_INFINITY;
      const email = req.email.trim().toLowerCase();
      const statuses = new Set(req.status.map((s) => s.toUpperCase()));
      const start = req.startTime ? timestampDate(req.startTime).getTime() : undefined;
      const end = req.endTime ? timestampDate(req.endTime).getTime() : undefined;
      const matches = (r: AuthRequestRecord) =>
        (!email || r.email === email) &&
        (!statuses.size || statuses.has(r.status)) &&
        (start === undefined || r.timestamp >= start) &&
        (end === undefined || r.timestamp <= end) &&
        (!req.resourceId || r.resourceId === req.resourceId) &&
        (!req.clientId || r.clientId === req.clientId);
      const all = ctx.store.authRequests;
      let totalSize = 0;
      const page: AuthRequestRecord[] = [];
      let more = false;
      for (let i = all.length - 1; i >= 0; i -= 1) {
        const record = all[i]!;
        if (!matches(record)) continue;
        totalSize += 1;
        if (record.seq >= before) continue;
        if (page.length < size) page.push(record);
        else more = true;
      }
      return {
        authRequests: page.map((r) => authRequestMessage(ctx, r)),
        nextPageToken: more ? encodeToken(page[page.length - 1]!.seq) : '',
        prevPageToken: '',
        totalSize,
      };
    },
  };
}

function authRequestMessage(ctx: ApiContext, r: AuthRequestRecord) {
  return {
    authRequestId: r.authRequestId,
    environmentId: ctx.store.environmentId,
    organizationId: r.organizationId,
    connectionId: r.connectionId,
    connectionType: r.connectionType,
    connectionProvider: r.connectionProvider,
    email: r.email,
    status: r.status,
    timestamp: timestampFromMs(r.timestamp),
    connectionDetails: r.connectionId
      ? [{ connectionId: r.connectionId, organizationId: r.organizationId, connectionType: r.connectionType, connectionProvider: r.connectionProvider }]
      : [],
    workflow: r.workflow,
    resourceId: r.resourceId,
    resourceType: r.resourceId ? 'USER' : '',
    resourceName: '',
    connectedAccountIdentifier: '',
    clientId: r.clientId,
    clientName: 'Default',
    clientType: 'ENV',
  };
}

function encodeToken(seq: number): string {
  return Buffer.from(`ar:${seq}`).toString('base64url');
}

function decodeToken(token: string): number {
  const match = /^ar:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidArgument('page_token', `"${token}" is not a page token this API issued`, 'page_token');
  return Number(match[1]);
}
