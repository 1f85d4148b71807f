/**
 * What the emulator's OAuth flow leaves behind: one auth request per sign-in attempt (served by
 * AuditLogsService.ListAuthRequests) and one session per successful sign-in (SessionService).
 * Times are epoch milliseconds.
 */

/**
 * `SUCCESS`, or the failure's reason. The API's `status` is a free string and Scalekit does not
 * publish its values: the emulator puts the reason in it (assumed; see docs/emulator.md).
 */
export const AUTH_REQUEST_STATUSES = [
  'SUCCESS',
  'USER_NOT_FOUND',
  'NO_ACTIVE_MEMBERSHIP',
  'REDIRECT_URI_NOT_REGISTERED',
  'SSO_NOT_ENABLED',
  'LOGIN_REQUIRED',
] as const;
export type AuthRequestStatus = (typeof AUTH_REQUEST_STATUSES)[number];

export interface AuthRequestRecord {
  authRequestId: string;
  /** Sequence number: list order and page tokens. */
  seq: number;
  email: string;
  status: AuthRequestStatus;
  organizationId: string;
  connectionId: string;
  connectionType: string;
  connectionProvider: string;
  /** Which flow the request was: `LOGIN` (login_hint) or `SSO` (an organization's connection). */
  workflow: string;
  /** The user it resolved to, if any (the API's `resource_id`). */
  resourceId: string;
  clientId: string;
  timestamp: number;
}

export type SessionStatusName = 'ACTIVE' | 'LOGGED_OUT' | 'REVOKED' | 'EXPIRED';

export interface SessionRecord {
  sessionId: string;
  userId: string;
  organizationId: string;
  clientId: string;
  status: SessionStatusName;
  createdAt: number;
  updatedAt: number;
  absoluteExpiresAt: number;
  endedAt?: number;
}
