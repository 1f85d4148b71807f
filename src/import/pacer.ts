import { systemClock, type Clock } from './clock.js';

export interface PacerOptions {
  /** Requests per second the caller asked for: the long-run pace never exceeds it. */
  rate: number;
  /**
   * Credit the bucket may hold, in requests. Slightly above 1 keeps requests evenly spaced while
   * letting the pace catch up when a timer fires late; larger values allow bursts after idling.
   */
  burst?: number;
  clock?: Clock;
}

/**
 * A token bucket shared by every request of a run: `take()` resolves when one more request may go
 * out. Requests are served in arrival order. It adapts to the server: a rate-limit answer halves
 * the pace (never below 1/s) and pauses everyone for the Retry-After the server gave; each
 * success wins back a little, up to the rate asked for.
 */
export class Pacer {
  readonly targetRate: number;
  private rate: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private tail: Promise<void> = Promise.resolve();
  private granted = 0;

  constructor(options: PacerOptions) {
    if (!(options.rate > 0) || !Number.isFinite(options.rate)) throw new RangeError(`rate must be a positive number, got ${options.rate}`);
    this.targetRate = options.rate;
    this.rate = options.rate;
    this.burst = Math.max(1, options.burst ?? defaultBurst(options.rate));
    this.clock = options.clock ?? systemClock;
    this.tokens = 1;
    this.last = this.clock.now();
  }

  /**
   * Lifts the pace to `rate` (the server announced its limits: each endpoint is then paced from its
   * own X-RateLimit-* answers, and this bucket no longer holds the run back).
   */
  raiseTo(rate: number): void {
    if (rate <= this.targetRate) return;
    (this as { targetRate: number }).targetRate = rate;
    this.rate = rate;
  }

  /** The pace in force now (lower than the target after rate-limit answers). */
  get currentRate(): number {
    return this.rate;
  }

  /** Requests let through so far. */
  get grantedCount(): number {
    return this.granted;
  }

  take(): Promise<void> {
    const turn = this.tail.then(() => this.acquire());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** The server said "too many requests": slow down, and wait `retryAfterMs` when it said how long. */
  rateLimited(retryAfterMs?: number): void {
    this.rate = Math.max(1, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
    const now = this.clock.now();
    const pause = retryAfterMs ?? 1000 / this.rate;
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }

  /** A request went through: creep back towards the rate asked for. */
  succeeded(): void {
    if (this.rate < this.targetRate) this.rate = Math.min(this.targetRate, this.rate + this.targetRate / 50);
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.granted += 1;
        return;
      }
      await this.clock.sleep(((1 - this.tokens) / this.rate) * 1000);
    }
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
  }
}

/**
 * Even spacing at modest rates (in any second at most one request more than the rate, so a server
 * limit of N/s is met even when it counts in fixed windows); some slack at high rates, where
 * timers are coarse compared with the spacing.
 */
export function defaultBurst(rate: number): number {
  return rate <= 200 ? 1.25 : rate / 100;
}
