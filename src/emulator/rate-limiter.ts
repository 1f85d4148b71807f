/** What the limit says about one call: the X-RateLimit-* values, and whether the call may run. */
export interface RateLimitVerdict {
  /** Requests allowed per window (X-RateLimit-Limit). */
  limit: number;
  /** Requests left in the current window after this one (X-RateLimit-Remaining). */
  remaining: number;
  /** Unix time, in seconds, at which the current window ends (X-RateLimit-Reset). */
  reset: number;
  /** Set when the call is refused: whole seconds until the window resets (`retry_after`). */
  retryAfterSeconds?: number;
}

interface Window {
  start: number;
  used: number;
}

/**
 * Fixed windows of `windowSeconds`, aligned on Unix time, one counter per key (the gate keys them
 * by client_id and endpoint). Scalekit documents a limit per time window with a Unix reset time;
 * it does not document the window's length or alignment, so both are assumptions (docs/emulator.md).
 */
export class RateLimiter {
  readonly limit: number;
  private readonly windows = new Map<string, Window>();

  constructor(
    perSecond: number,
    readonly windowSeconds = 1,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = Math.max(1, Math.round(perSecond * windowSeconds));
  }

  take(key: string): RateLimitVerdict {
    const nowSeconds = this.now() / 1000;
    const start = Math.floor(nowSeconds / this.windowSeconds) * this.windowSeconds;
    const reset = start + this.windowSeconds;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(key, window);
    }
    if (window.used >= this.limit) {
      return { limit: this.limit, remaining: 0, reset, retryAfterSeconds: Math.max(1, Math.ceil(reset - nowSeconds)) };
    }
    window.used += 1;
    return { limit: this.limit, remaining: this.limit - window.used, reset };
  }
}

/** The documented response headers (lower-case, as HTTP/2 requires). */
export function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return {
    'x-ratelimit-limit': String(verdict.limit),
    'x-ratelimit-remaining': String(verdict.remaining),
    'x-ratelimit-reset': String(verdict.reset),
  };
}
