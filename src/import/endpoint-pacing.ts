import type { RateLimitSignal } from '../scalekit/rate-limit-headers.js';
import type { Clock } from './clock.js';

/** Wall-clock time: X-RateLimit-Reset is a Unix time, so the pacing compares it with Date.now(). */
export const wallClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface EndpointPacingOptions {
  /** Requests per second per endpoint never exceeded (`--rate`); undefined: only the server's limits apply. */
  cap?: number;
  clock?: Clock;
  /** Added after a window's reset before spending the next window, for clocks that differ a little from the server's. */
  resetMarginMs?: number;
  /** Told once per endpoint, when its first answer announces a limit. */
  onAnnounced?(endpoint: string, limit: number, allowedPerSecond: number): void;
}

/** The limit one endpoint announced, as a run reports it. */
export interface AnnouncedLimit {
  limit: number;
  /** The window the limit applies to, in seconds, as far as the resets seen so far tell. */
  windowSeconds: number;
  /** limit / window: the pace the endpoint allows. */
  perSecond: number;
  refused: number;
}

interface EndpointState {
  signal?: RateLimitSignal;
  /** Shortest gap seen between two different reset times: the window's length. */
  windowMs?: number;
  lastAnnouncedResetMs?: number;
  announcedOnce?: boolean;
  /** Until the reset times tell the window: the time to the first reset seen, rounded up to whole seconds. */
  firstGapMs?: number;
  answered: boolean;
  inFlight: number;
  lastSendAt: number;
  pausedUntil: number;
  refused: number;
  /** Wakes takers waiting for the first answer of this endpoint. */
  waiters: Array<() => void>;
  tail: Promise<void>;
}

/**
 * Paces each endpoint (gRPC method) from what its answers say: X-RateLimit-Remaining requests are
 * spread evenly over the time left until X-RateLimit-Reset, so a run uses its whole allowance and
 * is never refused in steady state. Until an endpoint has answered once, one call at a time goes to
 * it (the first answer announces the limit); an endpoint that announces nothing is paced only by
 * the cap. A refusal's retry_after pauses the endpoint.
 */
export class EndpointPacing {
  private readonly endpoints = new Map<string, EndpointState>();
  private readonly clock: Clock;
  private readonly marginMs: number;

  constructor(private readonly options: EndpointPacingOptions = {}) {
    this.clock = options.clock ?? wallClock;
    this.marginMs = options.resetMarginMs ?? 5;
  }

  /** Resolves when one more call to `endpoint` may go out; the caller must report its answer with `answered`. */
  acquire(endpoint: string): Promise<void> {
    const state = this.state(endpoint);
    const turn = state.tail.then(() => this.wait(state));
    state.tail = turn.catch(() => undefined);
    return turn;
  }

  /** The call's answer came (success or failure) with these rate-limit headers, if any. */
  answered(endpoint: string, signal: RateLimitSignal | undefined): void {
    const state = this.state(endpoint);
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.answered = true;
    if (signal) this.learn(endpoint, state, signal);
    const waiters = state.waiters.splice(0);
    for (const wake of waiters) wake();
  }

  /** The endpoint refused a call for its rate limit: no call to it before `retryAfterMs` (or its reset). */
  refused(endpoint: string, retryAfterMs: number | undefined): void {
    const state = this.state(endpoint);
    state.refused += 1;
    const now = this.clock.now();
    const until = retryAfterMs !== undefined ? now + retryAfterMs : (state.signal?.resetAtMs ?? now + 1000) + this.marginMs;
    state.pausedUntil = Math.max(state.pausedUntil, until);
  }

  /** Limits announced so far, by endpoint. */
  announced(): Record<string, AnnouncedLimit> {
    const out: Record<string, AnnouncedLimit> = {};
    for (const [endpoint, state] of this.endpoints) {
      if (!state.signal) continue;
      const windowSeconds = (state.windowMs ?? 1000) / 1000;
      out[endpoint] = { limit: state.signal.limit, windowSeconds, perSecond: state.signal.limit / windowSeconds, refused: state.refused };
    }
    return out;
  }

  /** Calls per second `endpoint` allows (capped), when it has announced a limit. */
  allowedRate(endpoint: string): number | undefined {
    const limit = this.announced()[endpoint];
    if (!limit) return undefined;
    return this.options.cap ? Math.min(this.options.cap, limit.perSecond) : limit.perSecond;
  }

  private state(endpoint: string): EndpointState {
    let state = this.endpoints.get(endpoint);
    if (!state) {
      state = { answered: false, inFlight: 0, lastSendAt: -Infinity, pausedUntil: 0, refused: 0, waiters: [], tail: Promise.resolve() };
      this.endpoints.set(endpoint, state);
    }
    return state;
  }

  private learn(endpoint: string, state: EndpointState, signal: RateLimitSignal): void {
    const previous = state.signal;
    if (!previous && !state.announcedOnce) {
      state.announcedOnce = true;
      const windowSeconds = Math.max(1, Math.ceil((signal.resetAtMs - this.clock.now()) / 1000));
      const perSecond = Math.min(this.options.cap ?? Infinity, signal.limit / windowSeconds);
      this.options.onAnnounced?.(endpoint, signal.limit, perSecond);
    }
    if (!previous) state.firstGapMs = Math.max(1000, Math.ceil((signal.resetAtMs - this.clock.now()) / 1000) * 1000);
    // The window's length: the shortest gap between two resets the server announced (not local estimates).
    const announcedBefore = state.lastAnnouncedResetMs;
    if (announcedBefore !== undefined && signal.resetAtMs > announcedBefore) {
      const gap = signal.resetAtMs - announcedBefore;
      state.windowMs = Math.min(state.windowMs ?? gap, gap);
    }
    state.lastAnnouncedResetMs = Math.max(announcedBefore ?? 0, signal.resetAtMs);
    // Answers can arrive out of order: within one window the lowest Remaining is the latest count.
    // A new window: calls still in flight may be counted in it too.
    if (!previous || signal.resetAtMs > previous.resetAtMs) state.signal = { ...signal, remaining: signal.remaining - state.inFlight };
    else if (signal.resetAtMs === previous.resetAtMs) state.signal = { ...signal, remaining: Math.min(signal.remaining, previous.remaining) };
  }

  private async wait(state: EndpointState): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < state.pausedUntil) {
        await this.clock.sleep(state.pausedUntil - now);
        continue;
      }
      const delay = this.delay(state, now);
      if (delay === 'await-answer') {
        await new Promise<void>((resolve) => state.waiters.push(resolve));
        continue;
      }
      if (delay > 0) {
        await this.clock.sleep(delay);
        continue;
      }
      state.inFlight += 1;
      state.lastSendAt = now;
      if (state.signal) state.signal = { ...state.signal, remaining: state.signal.remaining - 1 };
      return;
    }
  }

  /** Milliseconds before the next call may go, 0 when it may go now. */
  private delay(state: EndpointState, now: number): number | 'await-answer' {
    const capGap = this.options.cap ? 1000 / this.options.cap : 0;
    if (!state.signal) {
      // Nothing announced yet: learn the limit from one answer before fanning out.
      if (!state.answered && state.inFlight > 0) return 'await-answer';
      return Math.max(0, state.lastSendAt + capGap - now);
    }
    if (now >= state.signal.resetAtMs + this.marginMs) this.roll(state, now);
    const signal = state.signal;
    if (signal.remaining <= 0) return signal.resetAtMs + this.marginMs - now;
    const spread = Math.max(0, signal.resetAtMs - now) / signal.remaining;
    return Math.max(0, state.lastSendAt + Math.max(spread, capGap) - now);
  }

  /** The window has ended: the next one starts with the whole limit (its first answer corrects the estimate). */
  private roll(state: EndpointState, now: number): void {
    const signal = state.signal!;
    const windowMs = state.windowMs ?? state.firstGapMs ?? 1000;
    const windowsPassed = Math.floor((now - signal.resetAtMs) / windowMs) + 1;
    state.signal = { limit: signal.limit, remaining: signal.limit, resetAtMs: signal.resetAtMs + windowsPassed * windowMs };
  }

}
