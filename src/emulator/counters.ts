/** What the emulator has answered; `counters()` and `GET /_emulator/counters` return a snapshot. */
export interface EmulatorCounters {
  /** Management calls that reached their method (after auth, rate limit and faults), by method name. */
  methods: Record<string, number>;
  /** Of those, the ones answered with an error (NOT_FOUND, ALREADY_EXISTS, INVALID_ARGUMENT, ...). */
  failures: Record<string, number>;
  /** Management calls refused for a missing, wrong or expired bearer token. */
  unauthenticated: number;
  /** Injected UNAVAILABLE faults (`faultRate`). */
  faultsSent: number;
  /** Calls refused by the rate limit (RESOURCE_EXHAUSTED or HTTP 429). */
  rateLimited: number;
  /** Invitation emails the real service would have sent (creates without sendInvitationEmail: false, resends). */
  invitationsSent: number;
  /** Tokens issued by POST /oauth/token, all grants together. */
  tokensIssued: number;
  /** Tokens issued, by grant type. */
  tokensByGrant: Record<string, number>;
}

export class Counters {
  private readonly methods = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly grants = new Map<string, number>();
  unauthenticated = 0;
  faultsSent = 0;
  rateLimited = 0;
  invitationsSent = 0;

  call(method: string): void {
    this.methods.set(method, (this.methods.get(method) ?? 0) + 1);
  }

  failure(method: string): void {
    this.failures.set(method, (this.failures.get(method) ?? 0) + 1);
  }

  token(grant: string): void {
    this.grants.set(grant, (this.grants.get(grant) ?? 0) + 1);
  }

  snapshot(): EmulatorCounters {
    const grants = Object.fromEntries(this.grants);
    return {
      methods: Object.fromEntries(this.methods),
      failures: Object.fromEntries(this.failures),
      unauthenticated: this.unauthenticated,
      faultsSent: this.faultsSent,
      rateLimited: this.rateLimited,
      invitationsSent: this.invitationsSent,
      tokensIssued: Object.values(grants).reduce((a, b) => a + b, 0),
      tokensByGrant: grants,
    };
  }
}
