import { Code } from '@connectrpc/connect';
import { ScalekitCallError } from '../scalekit/call-error.js';
import { systemClock, type Clock } from './clock.js';
import type { Pacer } from './pacer.js';

/**
 * - rate-limited: the server refused before doing anything (RESOURCE_EXHAUSTED, HTTP 429): wait and resend.
 * - ambiguous: the call may or may not have taken effect (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED): a
 *   create is re-checked by external_id before it is resent; anything else is simply resent.
 *   (INTERNAL, UNKNOWN and CANCELED are settled by settle-call.ts: looked up, then resent.)
 * - transient: safe to resend.
 * - permanent: resending cannot help (INVALID_ARGUMENT, ALREADY_EXISTS, PERMISSION_DENIED, ...).
 */
/** Scalekit's ErrorInfo error_code on a rate-limit refusal. */
export const RATE_LIMIT_EXCEEDED = 'RATE_LIMIT_EXCEEDED';

export type FailureKind = 'rate-limited' | 'ambiguous' | 'transient' | 'permanent';

export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof ScalekitCallError)) return 'permanent';
  switch (error.code) {
    case Code.ResourceExhausted:
      return 'rate-limited';
    case Code.Unavailable:
      return error.httpStatus === 429 || error.retryAfterMs !== undefined || error.errorCode === RATE_LIMIT_EXCEEDED ? 'rate-limited' : 'ambiguous';
    case Code.DeadlineExceeded:
    case Code.Aborted:
      // ABORTED is also what a reset connection gives: the call may have been applied before it broke.
      return 'ambiguous';
    default:
      return 'permanent';
  }
}

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 30_000 };

/** Exponential backoff with jitter: half fixed, half random, so retries of many records spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export interface Call<T> {
  send(): Promise<T>;
  /**
   * After an ambiguous failure, before resending: did the earlier attempt take effect? Returns what
   * it produced (for a create: the entity, found by external_id), or undefined to resend.
   */
  probe?(): Promise<T | undefined>;
}

export interface RetryContext {
  pacer: Pacer;
  policy?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  /** Told about every failed attempt that will be retried (for logs and counters). */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

export interface CallResult<T> {
  value: T;
  attempts: number;
  /** True when the value came from a probe: an earlier attempt had taken effect. */
  recovered: boolean;
}

/** Sends one call through the pacer, retrying what can be retried within the policy's budget. */
export async function callWithRetry<T>(call: Call<T>, context: RetryContext): Promise<CallResult<T>> {
  const policy = context.policy ?? DEFAULT_RETRY_POLICY;
  const clock = context.clock ?? systemClock;
  let needsProbe = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (needsProbe && call.probe) {
        await context.pacer.take();
        const found = await call.probe();
        context.pacer.succeeded();
        if (found !== undefined) return { value: found, attempts: attempt, recovered: true };
        needsProbe = false;
      }
      await context.pacer.take();
      const value = await call.send();
      context.pacer.succeeded();
      return { value, attempts: attempt, recovered: false };
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'permanent' || attempt >= policy.maxAttempts) throw error;
      const retryAfterMs = error instanceof ScalekitCallError ? error.retryAfterMs : undefined;
      // A refusal that came with X-RateLimit-* headers: the endpoint's own pacing holds the call until retry_after.
      const pacedByEndpoint = kind === 'rate-limited' && error instanceof ScalekitCallError && error.rateLimit !== undefined;
      if (kind === 'rate-limited' && !pacedByEndpoint) context.pacer.rateLimited(retryAfterMs);
      if (kind === 'ambiguous') needsProbe = true;
      const delay = pacedByEndpoint ? 0 : Math.max(retryAfterMs ?? 0, backoffDelay(attempt, policy, context.random));
      context.onRetry?.(error, attempt, delay);
      await clock.sleep(delay);
    }
  }
}
