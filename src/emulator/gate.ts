import { setTimeout as sleep } from 'node:timers/promises';
import { Code } from '@connectrpc/connect';
import type { Counters } from './counters.js';
import { RateLimiter } from './rate-limiter.js';
import type { TokenService } from './oauth/tokens.js';

export type RateLimitMode = 'grpc' | 'http';

/** The knobs tests and benchmarks turn; they can change while the emulator runs. */
export interface FaultSettings {
  /** Management calls per second; beyond it calls are refused. 0 or undefined: no limit. */
  rateLimit?: number;
  /** `grpc`: RESOURCE_EXHAUSTED (REST: 429). `http`: a plain HTTP 429 with Retry-After, which the SDK sees as UNAVAILABLE. */
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
  /** Answer with the HTTP status itself, not a gRPC status (rate limit in `http` mode). */
  plainHttp?: boolean;
}

/**
 * What every management call passes before its method runs, in this order: latency, bearer
 * token, rate limit, injected fault. Refused tokens do not use up the rate limit. The token
 * endpoint, JWKS, the OAuth endpoints and `/_emulator/*` are not gated. An admitted call is
 * counted under its method name.
 */
export class Gate {
  private settings: Required<FaultSettings> = { rateLimit: 0, rateLimitMode: 'grpc', faultRate: 0, latencyMs: 0, refuseMethods: [] };
  private limiter: RateLimiter | undefined;

  constructor(
    settings: FaultSettings,
    private readonly tokens: TokenService,
    private readonly counters: Counters,
    private readonly random: () => number = Math.random,
  ) {
    this.configure(settings);
  }

  configure(settings: FaultSettings): Required<FaultSettings> {
    const next = { ...this.settings, ...stripUndefined(settings) };
    if (!Number.isFinite(next.rateLimit) || next.rateLimit < 0) throw new RangeError(`rateLimit must be a number >= 0 (got ${next.rateLimit})`);
    if (!(next.faultRate >= 0 && next.faultRate <= 1)) throw new RangeError(`faultRate must be between 0 and 1 (got ${next.faultRate})`);
    if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0) throw new RangeError(`latencyMs must be a number >= 0 (got ${next.latencyMs})`);
    if (next.rateLimitMode !== 'grpc' && next.rateLimitMode !== 'http') throw new RangeError(`rateLimitMode must be grpc or http (got ${String(next.rateLimitMode)})`);
    if (next.rateLimit !== this.settings.rateLimit || !this.limiter) this.limiter = next.rateLimit > 0 ? new RateLimiter(next.rateLimit) : undefined;
    this.settings = next;
    return { ...next };
  }

  current(): Required<FaultSettings> {
    return { ...this.settings };
  }

  async admit(method: string, authorization: string | undefined): Promise<Rejection | undefined> {
    const { latencyMs, faultRate, rateLimit, rateLimitMode, refuseMethods } = this.settings;
    if (latencyMs > 0) await sleep(latencyMs);
    const refusal = this.tokens.refusal(authorization);
    if (refusal) {
      this.counters.unauthenticated++;
      return { code: Code.Unauthenticated, message: refusal, httpStatus: 401 };
    }
    const wait = this.limiter?.take() ?? 0;
    if (wait > 0) {
      this.counters.rateLimited++;
      return {
        code: Code.ResourceExhausted,
        message: `rate limit exceeded: at most ${rateLimit} requests per second`,
        httpStatus: 429,
        retryAfterSeconds: wait,
        plainHttp: rateLimitMode === 'http',
      };
    }
    if (faultRate > 0 && this.random() < faultRate) {
      this.counters.faultsSent++;
      return { code: Code.Unavailable, message: 'service temporarily unavailable (emulated fault)', httpStatus: 503 };
    }
    if (refuseMethods.includes(method)) {
      this.counters.faultsSent++;
      return { code: Code.FailedPrecondition, message: `${method} refused (emulated refusal)`, httpStatus: 400 };
    }
    this.counters.call(method);
    return undefined;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
