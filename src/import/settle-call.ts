import { Code } from '@connectrpc/connect';
import { ScalekitCallError } from '../scalekit/call-error.js';
import { systemClock } from './clock.js';
import { backoffDelay, callWithRetry, DEFAULT_RETRY_POLICY, type Call, type CallResult, type RetryContext } from './retry.js';

/**
 * Answers after which nobody knows whether the server applied the call: the answer was lost on
 * the way back (a reset stream or a dropped connection: INTERNAL, CANCELED, UNKNOWN; a gateway
 * that failed after forwarding: INTERNAL), the server gave up waiting (UNAVAILABLE,
 * DEADLINE_EXCEEDED), or a resend collided with the first attempt (ABORTED, then ALREADY_EXISTS).
 */
const OUTCOME_UNKNOWN = new Set([Code.Internal, Code.Unknown, Code.Canceled, Code.Aborted, Code.Unavailable, Code.DeadlineExceeded]);

/**
 * Of those, the ones callWithRetry already resends (with a look-up first) within the policy's
 * budget: once it gives up, the budget is spent. The others (a lost answer: INTERNAL, UNKNOWN,
 * CANCELED) it does not retry, so they get rounds here.
 */
const RETRIED_BY_CALL = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.Aborted]);

/** A failed create journaled with one of these codes may still have taken effect: it is looked up before anyone relies on it. */
export const MAY_HAVE_TAKEN_EFFECT: ReadonlySet<string> = new Set(['INTERNAL', 'UNKNOWN', 'CANCELED', 'ABORTED', 'UNAVAILABLE', 'DEADLINE_EXCEEDED', 'ALREADY_EXISTS']);

/** Rounds of (send with its retries, then a look-up) before a call is given up: the retry policy's attempts. */
function rounds(context: RetryContext): number {
  return (context.policy ?? DEFAULT_RETRY_POLICY).maxAttempts;
}

/** Waits before the next round, with the policy's jittered backoff. */
async function pause(context: RetryContext, round: number, error: unknown): Promise<void> {
  const delay = backoffDelay(round, context.policy ?? DEFAULT_RETRY_POLICY, context.random);
  context.onRetry?.(error, round, delay);
  await (context.clock ?? systemClock).sleep(delay);
}

/**
 * The call may have taken effect and the look-up that would tell could not be made either:
 * its journal intent is left without an outcome, so the next run (import or rollback) looks it up.
 */
export class OutcomeUnknownError extends Error {
  override name = 'OutcomeUnknownError';

  constructor(override readonly cause: unknown) {
    super(`the outcome of the call is unknown (${cause instanceof Error ? cause.message : String(cause)}); it is looked up on the next run`);
  }
}

/**
 * Sends a write so that an answer lost after the server applied it is never taken for a failure:
 * - a call with a `probe` (creates, deletes) is looked up after any answer that leaves its outcome
 *   unknown, before it is resent and before it is reported failed; ALREADY_EXISTS is looked up too
 *   (an earlier attempt of this very call may be what exists);
 * - a call without a probe must be safe to send twice (updates set whole values): it is resent.
 */
export async function sendSettled<T>(call: Call<T>, context: RetryContext): Promise<CallResult<T>> {
  let attempts = 0;
  for (let round = 1; ; round += 1) {
    let failure: unknown;
    try {
      const result = await callWithRetry(call, context);
      return { ...result, attempts: attempts + result.attempts };
    } catch (error) {
      failure = error;
      attempts += 1;
    }
    const code = failure instanceof ScalekitCallError ? failure.code : undefined;
    const unknown = code !== undefined && OUTCOME_UNKNOWN.has(code);
    const anotherRound = unknown && !RETRIED_BY_CALL.has(code!) && round < rounds(context);
    if (!call.probe) {
      if (!anotherRound) throw failure;
      await pause(context, round, failure);
      continue;
    }
    if (!unknown && code !== Code.AlreadyExists) throw failure;
    let found: T | undefined;
    try {
      found = await readSettled(() => call.probe!(), context);
    } catch {
      throw new OutcomeUnknownError(failure);
    }
    if (found !== undefined) return { value: found, attempts, recovered: true };
    // Looked up and not there: it did not take effect. ALREADY_EXISTS is then someone else's entity.
    if (!anotherRound) throw failure;
    await pause(context, round, failure);
  }
}

/** A read, retried after any answer that may be resent (reads change nothing), within the retry policy. */
export async function readSettled<T>(send: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return (await callWithRetry({ send }, context)).value;
    } catch (error) {
      const code = error instanceof ScalekitCallError ? error.code : undefined;
      if (code === undefined || !OUTCOME_UNKNOWN.has(code) || RETRIED_BY_CALL.has(code) || round >= rounds(context)) throw error;
      await pause(context, round, error);
    }
  }
}
