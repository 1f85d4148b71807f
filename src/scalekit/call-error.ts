import { Code, ConnectError } from '@connectrpc/connect';
import { readRateLimitHeaders, type RateLimitSignal } from './rate-limit-headers.js';
import { ErrorInfoSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';

/**
 * One failed call to Scalekit, with what a person needs to act on it and nothing else:
 * the gRPC status name, the request id when the server sent one, Retry-After when given.
 * Never carries the request itself (it may hold personal data) or credentials.
 */
export class ScalekitCallError extends Error {
  override name = 'ScalekitCallError';

  constructor(
    readonly method: string,
    readonly code: Code,
    message: string,
    readonly requestId?: string,
    readonly retryAfterMs?: number,
    /** The HTTP status when the failure came as a plain HTTP answer (e.g. 429) rather than a gRPC status. */
    readonly httpStatus?: number,
    /** Scalekit's own error code from the ErrorInfo detail, e.g. USER_EMAIL_ALREADY_EXISTS. */
    readonly errorCode?: string,
    /** The X-RateLimit-* headers the failed answer carried. */
    readonly rateLimit?: RateLimitSignal,
  ) {
    super(message);
  }

  get status(): string {
    return statusName(this.code);
  }
}

/** gRPC status names as the API documents them: RESOURCE_EXHAUSTED, NOT_FOUND, ... */
export function statusName(code: Code): string {
  const name = Code[code];
  if (!name) return 'UNKNOWN';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Turns whatever a connect client threw into a ScalekitCallError. */
export function toCallError(method: string, error: unknown): ScalekitCallError {
  if (error instanceof ScalekitCallError) return error;
  const connectError = ConnectError.from(error);
  const metadata = connectError.metadata;
  const httpStatus = parseHttpStatus(connectError.rawMessage);
  const info = errorInfo(connectError);
  return new ScalekitCallError(
    method,
    connectError.code,
    `${method}: ${statusName(connectError.code)}: ${connectError.rawMessage}`,
    requestIdOf(connectError, info),
    parseRetryAfter(metadata.get('retry-after')),
    httpStatus,
    info?.errorCode || undefined,
    readRateLimitHeaders(metadata),
  );
}

function errorInfo(error: ConnectError) {
  try {
    return error.findDetails(ErrorInfoSchema)[0];
  } catch {
    return undefined; // details that do not decode
  }
}

function requestIdOf(error: ConnectError, info: ReturnType<typeof errorInfo>): string | undefined {
  for (const name of ['x-request-id', 'request-id', 'x-scalekit-request-id']) {
    const value = error.metadata.get(name);
    if (value) return value;
  }
  return info?.requestInfo?.requestId || undefined;
}

/** connect reports a non-gRPC HTTP answer as "HTTP 429 Too Many Requests" and the mapped code. */
function parseHttpStatus(message: string): number | undefined {
  const match = /\bHTTP (\d{3})\b/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Retry-After in seconds or as an HTTP date; milliseconds from now, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
