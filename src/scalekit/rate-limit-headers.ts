/** What one answer said about its endpoint's limit (Scalekit's X-RateLimit-* response headers). */
export interface RateLimitSignal {
  /** Requests allowed in the current window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** When the window resets, in milliseconds since the epoch (the header is Unix seconds). */
  resetAtMs: number;
}

interface HeaderSource {
  get(name: string): string | null;
}

/** Reads the three headers; undefined unless all three are there and make sense. */
export function readRateLimitHeaders(headers: HeaderSource | undefined): RateLimitSignal | undefined {
  if (!headers) return undefined;
  const limit = wholeNumber(headers.get('x-ratelimit-limit'));
  const remaining = wholeNumber(headers.get('x-ratelimit-remaining'));
  const reset = wholeNumber(headers.get('x-ratelimit-reset'));
  if (limit === undefined || remaining === undefined || reset === undefined || limit < 1) return undefined;
  return { limit, remaining: Math.min(remaining, limit), resetAtMs: reset * 1000 };
}

function wholeNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
