import type { ScalekitClient } from '@scalekit-sdk/node';
import { UserInputError } from '../errors.js';
import { MAX_CONCURRENCY, MAX_RATE } from './limits.js';
import { connectionFromEnv, createScalekitClient, type ScalekitConnection } from '../scalekit/client.js';
import { ScalekitManagementApi } from '../scalekit/management-api.js';
import { toCallError } from '../scalekit/call-error.js';
import type { CallObserver } from '../scalekit/observed-transport.js';
import { readRateLimitHeaders } from '../scalekit/rate-limit-headers.js';
import { EndpointPacing } from './endpoint-pacing.js';
import { Pacer } from './pacer.js';
import { callWithRetry, classifyFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { readSettled } from './settle-call.js';
import type { ReadCall } from './snapshot.js';

export { MAX_CONCURRENCY, MAX_RATE };

/**
 * Requests per second when none is given and the service announces no limit (no X-RateLimit-*
 * headers): well under any limit a Scalekit environment is likely to have. Once an endpoint
 * announces its limit, that endpoint is paced from its own headers instead.
 */
export const DEFAULT_RATE = 25;
export const DEFAULT_CONCURRENCY = 8;

export interface SessionOptions {
  /** Defaults to the SCALEKIT_* environment variables. */
  connection?: ScalekitConnection;
  rate?: number;
  retryPolicy?: RetryPolicy;
  /** Told once per endpoint when Scalekit first announces its limit (X-RateLimit-*). */
  onLimitAnnounced?(endpoint: string, limit: number, allowedPerSecond: number): void;
}

/** One run's connection to Scalekit: the SDK client, the shared pacer, and paced+retried reads. */
export interface Session {
  api: ScalekitManagementApi;
  pacer: Pacer;
  /** Per-endpoint pacing from X-RateLimit-*; the limits it saw go into the run's result. */
  endpointPacing: EndpointPacing;
  /** The explicit --rate, when one was given (it caps every endpoint). */
  rateCap?: number;
  read: ReadCall;
  retryPolicy: RetryPolicy;
  /** The environment URL's origin, for reports (never credentials). */
  environment: string;
}

export function openSession(options: SessionOptions = {}): Session {
  const connection = options.connection ?? connectionFromEnv();
  const rateCap = options.rate === undefined ? undefined : checkRate(options.rate);
  const client: ScalekitClient = createScalekitClient(connection);
  const pacer = new Pacer({ rate: rateCap ?? DEFAULT_RATE });
  const endpointPacing = new EndpointPacing({ cap: rateCap, onAnnounced: options.onLimitAnnounced });
  const api = new ScalekitManagementApi(client, pacingObserver(endpointPacing, pacer, rateCap));
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  // Reads change nothing: any answer that may be resent is, including a lost one (INTERNAL, CANCELED).
  const read: ReadCall = (send) => readSettled(send, { pacer, policy: retryPolicy });
  return { api, pacer, endpointPacing, rateCap, read, retryPolicy, environment: new URL(connection.environmentUrl).origin };
}

/** Feeds every answer's X-RateLimit-* headers and rate-limit refusals to the endpoint pacing. */
function pacingObserver(pacing: EndpointPacing, pacer: Pacer, rateCap: number | undefined): CallObserver {
  return {
    before: (method) => pacing.acquire(method),
    after: (method, headers, error) => {
      const signal = readRateLimitHeaders(headers);
      pacing.answered(method, signal);
      if (signal && rateCap === undefined) pacer.raiseTo(MAX_RATE);
      if (!error) return;
      const failure = toCallError(method, error);
      if (classifyFailure(failure) === 'rate-limited') pacing.refused(method, failure.retryAfterMs);
    },
  };
}

/** Fetches the access token once, before any fan-out. Credentials or a URL that do not work are bad input (exit 2), named without the secret. */
export async function authenticate(session: Session): Promise<void> {
  try {
    await session.api.authenticate();
  } catch (error) {
    throw new UserInputError(error instanceof Error ? error.message : String(error));
  }
}

export function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) {
    throw new UserInputError(`rate must be a number of requests per second between 1 and ${MAX_RATE}, got ${rate}`);
  }
  return rate;
}

export function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UserInputError(`concurrency must be a whole number between 1 and ${MAX_CONCURRENCY}, got ${concurrency}`);
  }
  return concurrency;
}
