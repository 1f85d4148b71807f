import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ScalekitClient } from '@scalekit-sdk/node';
import { AuditLogsService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auditlogs/auditlogs_pb.js';
import { fetchAccessToken, rawClient } from '../scalekit/sdk-internals.js';

export interface SignInAttempt {
  authRequestId: string;
  email: string;
  status: string;
  organizationId: string;
  userId: string;
  at: string;
}

/** The largest page the call accepts. */
const PAGE_SIZE = 100;

/**
 * Sign-in attempts from `AuditLogsService.ListAuthRequests` (the SDK has no wrapper for it: the raw
 * client on its transport), newest first, at most `max`; `truncated` when more were there.
 */
export async function fetchSignInAttempts(
  sdk: ScalekitClient,
  options: { since?: Date; email?: string; max: number },
): Promise<{ attempts: SignInAttempt[]; total: number; truncated: boolean }> {
  await fetchAccessToken(sdk);
  const client = rawClient(sdk, AuditLogsService);
  const attempts: SignInAttempt[] = [];
  let pageToken = '';
  let total = 0;
  do {
    const page = await client.listAuthRequests({
      pageSize: PAGE_SIZE,
      pageToken,
      email: options.email ?? '',
      ...(options.since ? { startTime: timestampFromDate(options.since) } : {}),
    });
    total = page.totalSize;
    for (const r of page.authRequests) {
      if (attempts.length >= options.max) return { attempts, total, truncated: true };
      attempts.push({
        authRequestId: r.authRequestId,
        email: r.email,
        status: r.status.toUpperCase(),
        organizationId: r.organizationId,
        userId: r.resourceId,
        at: r.timestamp ? timestampDate(r.timestamp).toISOString() : '',
      });
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return { attempts, total, truncated: false };
}

const SUCCESS = new Set(['SUCCESS', 'SUCCEEDED', 'SUCCESSFUL', 'COMPLETED']);
const PENDING = new Set(['PENDING', 'INITIATED', 'IN_PROGRESS']);

export function outcomeOf(status: string): 'success' | 'pending' | 'failure' {
  if (SUCCESS.has(status)) return 'success';
  if (PENDING.has(status)) return 'pending';
  return 'failure';
}
