import { setTimeout as sleep } from 'node:timers/promises';
import { Code } from '@connectrpc/connect';
import type { Counters } from './counters.js';
import { RateLimiter, rateLimitHeaders } from './rate-limiter.js';
import type { TokenService } from './oauth/tokens.js';

export type RateLimitMode = 'grpc' | 'http';

/** The knobs tests and benchmarks turn; they can change while the emulator runs. */
export interface FaultSettings {
  /**
   * Management calls per second per endpoint (method) and client_id; beyond it calls are refused.
   * 0 or undefined: no limit (and no X-RateLimit-* headers).
   */
  rateLimit?: number;
  /** false: answers carry no X-RateLimit-* headers (a service or proxy that announces nothing). Default true. */
  rateLimitHeaders?: boolean;
  /** Length of the fixed rate-limit window in seconds (default 1); X-RateLimit-Limit is rateLimit × this. */
  rateLimitWindowSeconds?: number;
  /**
   * `grpc` (Scalekit's documented answer): RESOURCE_EXHAUSTED over gRPC, HTTP 429 over REST, with the ErrorInfo
   * `RATE_LIMIT_EXCEEDED` and `retry_after`. `http`: a plain HTTP 429 with Retry-After, as a proxy in front might
   * answer; the SDK sees it as UNAVAILABLE.
   */
  rateLimitMode?: RateLimitMode;
  /** Probability (0-1) that a management call fails with UNAVAILABLE before it runs. */
  faultRate?: number;
  /** Delay added to every management call, in milliseconds. */
  latencyMs?: number;
  /** Management methods (e.g. `CreatePermission`) always refused with FAILED_PRECONDITION: a server refusal no retry cures. */
  refuseMethods?: string[];
}

export interface Rejection {
  code: Code;
  message: string;
  httpStatus: number;
  retryAfterSeconds?: number;
  /** Scalekit's ErrorInfo error_code (RATE_LIMIT_EXCEEDED). */
  errorCode?: string;
  /** Answer with the HTTP status itself, not a gRPC status (rate limit in `http` mode). */
  plainHttp?: boolean;
}

/** The gate's answer: a refusal or nothing, and the X-RateLimit-* headers every answer carries while a limit is set. */
export interface Admission {
  rejection?: Rejection;
  headers: Record<string, string>;
}

/**
 * What every management call passes before its method runs, in this order: latency, bearer
 * token, rate limit, injected fault. Refused tokens do not use up the rate limit. The token
 * endpoint, JWKS, the OAuth endpoints and `/_emulator/*` are not gated. An admitted call is
 * counted under its method name.
 */
export class Gate {
  private settings: Required<FaultSettings> = { rateLimit: 0, rateLimitHeaders: true, rateLimitWindowSeconds: 1, rateLimitMode: 'grpc', faultRate: 0, latencyMs: 0, refuseMethods: [] };
  private limiter: RateLimiter | undefined;

  constructor(
    settings: FaultSettings,
    private readonly tokens: TokenService,
    private readonly counters: Counters,
    private readonly random: () => number = Math.random,
    /** Buckets are per environment (this emulator), client_id and endpoint. */
    private readonly clientId = 'skc_emulator',
  ) {
    this.configure(settings);
  }

  configure(settings: FaultSettings): Required<FaultSettings> {
    const next = { ...this.settings, ...stripUndefined(settings) };
    if (!Number.isFinite(next.rateLimit) || next.rateLimit < 0) throw new RangeError(`rateLimit must be a number >= 0 (got ${next.rateLimit})`);
    if (!(next.faultRate >= 0 && next.faultRate <= 1)) throw new RangeError(`faultRate must be between 0 and 1 (got ${next.faultRate})`);
    if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0) throw new RangeError(`latencyMs must be a number >= 0 (got ${next.latencyMs})`);
    if (!Number.isInteger(next.rateLimitWindowSeconds) || next.rateLimitWindowSeconds < 1) {
      throw new RangeError(`rateLimitWindowSeconds must be a whole number >= 1 (got ${next.rateLimitWindowSeconds})`);
    }
    if (next.rateLimitMode !== 'grpc' && next.rateLimitMode !== 'http') throw new RangeError(`rateLimitMode must be grpc or http (got ${String(next.rateLimitMode)})`);
    const limitChanged = next.rateLimit !== this.settings.rateLimit || next.rateLimitWindowSeconds !== this.settings.rateLimitWindowSeconds;
    if (limitChanged || !this.limiter) this.limiter = next.rateLimit > 0 ? new RateLimiter(next.rateLimit, next.rateLimitWindowSeconds) : undefined;
    this.settings = next;
    return { ...next };
  }

  current(): Required<FaultSettings> {
    return { ...this.settings };
  }

  async admit(method: string, authorization: string | undefined): Promise<Admission> {
    const { latencyMs, faultRate, rateLimitMode, refuseMethods } = this.settings;
    if (latencyMs > 0) await sleep(latencyMs);
    const refusal = this.tokens.refusal(authorization);
    if (refusal) {
      this.counters.unauthenticated++;
      return { rejection: { code: Code.Unauthenticated, message: refusal, httpStatus: 401 }, headers: {} };
    }
    const verdict = this.limiter?.take(`${this.clientId}|${method}`);
    const headers = verdict && this.settings.rateLimitHeaders ? rateLimitHeaders(verdict) : {};
    if (verdict?.retryAfterSeconds !== undefined) {
      this.counters.rateLimited++;
      const rejection: Rejection = {
        code: Code.ResourceExhausted,
        message: `Rate limit exceeded: at most ${verdict.limit} ${method} requests per ${this.settings.rateLimitWindowSeconds} s`,
        httpStatus: 429,
        retryAfterSeconds: verdict.retryAfterSeconds,
        errorCode: 'RATE_LIMIT_EXCEEDED',
        plainHttp: rateLimitMode === 'http',
      };
      return { rejection, headers };
    }
    if (faultRate > 0 && this.random() < faultRate) {
      this.counters.faultsSent++;
      return { rejection: { code: Code.Unavailable, message: 'service temporarily unavailable (emulated fault)', httpStatus: 503 }, headers };
    }
    if (refuseMethods.includes(method)) {
      this.counters.faultsSent++;
      return { rejection: { code: Code.FailedPrecondition, message: `${method} refused (emulated refusal)`, httpStatus: 400 }, headers };
    }
    this.counters.call(method);
    return { headers };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
