import { Code } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/import/clock.js';
import { Pacer } from '../../src/import/pacer.js';
import { backoffDelay, callWithRetry, classifyFailure, DEFAULT_RETRY_POLICY } from '../../src/import/retry.js';
import { Semaphore } from '../../src/import/semaphore.js';
import { ScalekitCallError, parseRetryAfter } from '../../src/scalekit/call-error.js';

/** Virtual time: sleeping moves the clock instead of waiting, so pacing is checked exactly and instantly. */
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
  };
}

const failure = (code: Code, extra: { retryAfterMs?: number; httpStatus?: number } = {}) =>
  new ScalekitCallError('CreateUserAndMembership', code, `CreateUserAndMembership: ${Code[code]}`, 'req-1', extra.retryAfterMs, extra.httpStatus);

describe('token bucket pacer', () => {
  it('never lets more than the rate through in any one-second window', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 50, clock });
    const grants: number[] = [];
    for (let index = 0; index < 300; index += 1) {
      await pacer.take();
      grants.push(clock.now());
    }
    for (const start of grants) {
      expect(grants.filter((time) => time >= start && time < start + 1000).length).toBeLessThanOrEqual(50);
    }
    // 300 requests at 50/s take 299 intervals of 20 ms: the pace is the rate, not slower.
    expect(grants.at(-1)).toBeCloseTo(299 * 20, 6);
  });

  it('halves the pace and pauses everyone for Retry-After on a rate limit, then recovers', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 40, clock });
    await pacer.take();
    pacer.rateLimited(3000);
    expect(pacer.currentRate).toBe(20);
    await pacer.take();
    expect(clock.now()).toBeGreaterThanOrEqual(3000);
    for (let index = 0; index < 100; index += 1) pacer.succeeded();
    expect(pacer.currentRate).toBe(40);
  });

  it('serves concurrent takers in order and refuses a rate that is not positive', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 10, clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((index) => pacer.take().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(pacer.grantedCount).toBe(4);
    expect(() => new Pacer({ rate: 0 })).toThrow('rate must be a positive number, got 0');
  });
});

describe('semaphore', () => {
  it('keeps at most `size` holders', async () => {
    const semaphore = new Semaphore(3);
    let inside = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        semaphore.with(async () => {
          inside += 1;
          peak = Math.max(peak, inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(() => new Semaphore(0)).toThrow('concurrency must be a whole number of at least 1, got 0');
  });
});

describe('retry', () => {
  it('classifies what may be resent', () => {
    expect(classifyFailure(failure(Code.ResourceExhausted))).toBe('rate-limited');
    expect(classifyFailure(failure(Code.Unavailable, { httpStatus: 429 }))).toBe('rate-limited');
    expect(classifyFailure(failure(Code.Unavailable))).toBe('ambiguous');
    expect(classifyFailure(failure(Code.DeadlineExceeded))).toBe('ambiguous');
    expect(classifyFailure(failure(Code.AlreadyExists))).toBe('permanent');
    expect(classifyFailure(failure(Code.InvalidArgument))).toBe('permanent');
    expect(classifyFailure(new Error('bug'))).toBe('permanent');
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(125);
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 1)).toBe(250);
    expect(backoffDelay(4, DEFAULT_RETRY_POLICY, () => 1)).toBe(2000);
    expect(backoffDelay(30, DEFAULT_RETRY_POLICY, () => 1)).toBe(30_000);
  });

  it('waits at least Retry-After and slows the pacer on rate limits, then succeeds', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 100, clock });
    const answers = [failure(Code.ResourceExhausted, { retryAfterMs: 5000 }), failure(Code.Unavailable, { httpStatus: 429 }), 'ok'];
    const retried: number[] = [];
    const result = await callWithRetry(
      {
        send: async () => {
          const next = answers.shift();
          if (next instanceof Error) throw next;
          return next;
        },
      },
      { pacer, clock, random: () => 0, onRetry: (_error, _attempt, delay) => retried.push(delay) },
    );
    expect(result).toEqual({ value: 'ok', attempts: 3, recovered: false });
    expect(retried[0]).toBe(5000);
    expect(pacer.currentRate).toBeLessThan(100);
  });

  it('checks whether an ambiguous attempt took effect before resending', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 100, clock });
    let sends = 0;
    const result = await callWithRetry(
      {
        send: async () => {
          sends += 1;
          throw failure(Code.Unavailable);
        },
        probe: async () => 'usr_created_by_the_first_attempt',
      },
      { pacer, clock },
    );
    expect(sends).toBe(1);
    expect(result).toEqual({ value: 'usr_created_by_the_first_attempt', attempts: 2, recovered: true });
  });

  it('gives up at once on a permanent error and after the budget on transient ones', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ rate: 100, clock });
    let sends = 0;
    const permanent = callWithRetry({ send: async () => ((sends += 1), Promise.reject(failure(Code.AlreadyExists))) }, { pacer, clock });
    await expect(permanent).rejects.toMatchObject({ status: 'ALREADY_EXISTS', requestId: 'req-1' });
    expect(sends).toBe(1);
    sends = 0;
    const exhausted = callWithRetry(
      { send: async () => ((sends += 1), Promise.reject(failure(Code.ResourceExhausted))) },
      { pacer, clock, policy: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 } },
    );
    await expect(exhausted).rejects.toBeInstanceOf(ScalekitCallError);
    expect(sends).toBe(4);
  });
});
