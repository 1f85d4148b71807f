import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/import/clock.js';
import { EndpointPacing } from '../../src/import/endpoint-pacing.js';
import { RateLimiter } from '../../src/emulator/rate-limiter.js';

/** Virtual wall-clock time starting mid-second, so windows are entered part-way as in a real run. */
function virtualClock(start = 1_700_000_000_400): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += Math.max(0, ms)) };
}

/** Drives `calls` calls to one endpoint through the pacing against the emulator's own limiter, on virtual time. */
async function drive(pacing: EndpointPacing, clock: Clock, limiter: RateLimiter, calls: number, latencyMs = 2) {
  let refused = 0;
  const sent: number[] = [];
  for (let index = 0; index < calls; index += 1) {
    await pacing.acquire('CreateUserAndMembership');
    sent.push(clock.now());
    const verdict = limiter.take('client|CreateUserAndMembership');
    await clock.sleep(latencyMs);
    pacing.answered('CreateUserAndMembership', { limit: verdict.limit, remaining: verdict.remaining, resetAtMs: verdict.reset * 1000 });
    if (verdict.retryAfterSeconds !== undefined) {
      refused += 1;
      pacing.refused('CreateUserAndMembership', verdict.retryAfterSeconds * 1000);
    }
  }
  return { refused, sent };
}

describe('endpoint pacing from X-RateLimit-Remaining/Reset', () => {
  it('uses at least 95% of a per-second limit and is never refused', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter(50, 1, clock.now);
    const pacing = new EndpointPacing({ clock });
    const { refused, sent } = await drive(pacing, clock, limiter, 1000);
    expect(refused).toBe(0);
    const perSecond = (sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000);
    expect(perSecond).toBeGreaterThanOrEqual(0.95 * 50);
    expect(perSecond).toBeLessThanOrEqual(50 * 1.02);
    expect(pacing.announced().CreateUserAndMembership).toEqual({ limit: 50, windowSeconds: 1, perSecond: 50, refused: 0 });
  });

  it('learns a longer window from the reset times (60 s, as in the documented example) and spreads the calls over it', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter(10, 60, clock.now);
    const pacing = new EndpointPacing({ clock });
    const { refused, sent } = await drive(pacing, clock, limiter, 1500);
    expect(refused).toBeLessThanOrEqual(1);
    const perSecond = (sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000);
    expect(perSecond).toBeGreaterThanOrEqual(0.9 * 10);
    expect(pacing.announced().CreateUserAndMembership!.windowSeconds).toBe(60);
  });

  it('an explicit cap below the limit wins; retry_after pauses the endpoint', async () => {
    const clock = virtualClock();
    const pacing = new EndpointPacing({ clock, cap: 10 });
    const limiter = new RateLimiter(50, 1, clock.now);
    const { sent } = await drive(pacing, clock, limiter, 101);
    expect((sent.at(-1)! - sent[0]!) / 1000).toBeGreaterThanOrEqual(10);
    pacing.refused('CreateUserAndMembership', 60_000);
    const before = clock.now();
    await pacing.acquire('CreateUserAndMembership');
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
  });

  it('an endpoint that announces nothing is paced by the cap alone after its first answer', async () => {
    const clock = virtualClock();
    const pacing = new EndpointPacing({ clock, cap: 100 });
    await pacing.acquire('ListUsers');
    pacing.answered('ListUsers', undefined);
    const before = clock.now();
    for (let i = 0; i < 10; i += 1) {
      await pacing.acquire('ListUsers');
      pacing.answered('ListUsers', undefined);
    }
    expect(clock.now() - before).toBeCloseTo(100, 0);
    expect(pacing.announced()).toEqual({});
  });
});
