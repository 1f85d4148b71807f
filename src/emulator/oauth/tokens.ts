import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../ids.js';
import { effectivePermissions } from '../api/to-proto.js';
import type { Counters } from '../counters.js';
import type { Store } from '../store/store.js';
import type { KeyRing } from './key-ring.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
}

/** A user's sign-in: who, in which organization, under which session. */
interface Grant {
  userId: string;
  organizationId: string;
  sessionId: string;
  scope: string;
  nonce?: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

const CODE_TTL_MS = 10 * 60 * 1000;
/** A signed-in session's absolute lifetime (assumed: Scalekit's default is configurable, not published). */
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Issues and checks tokens. Management calls are authorized by looking the bearer token up in
 * memory (O(1), no signature check per call); every token is still a real RS256 JWT from the
 * key ring, so `validateAccessToken` on the SDK verifies it against `/keys`.
 */
export class TokenService {
  private readonly clientTokens = new Map<string, number>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Map<string, Grant>();
  private lastSweep = 0;

  constructor(
    private readonly issuer: () => string,
    private readonly client: ClientCredentials,
    private readonly keys: KeyRing,
    private readonly store: Store,
    private readonly counters: Counters,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  checkClient(clientId: string | undefined, clientSecret: string | undefined): void {
    if (clientId !== this.client.clientId || !clientSecret || !sameText(clientSecret, this.client.clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'client authentication failed: unknown client_id or wrong client_secret');
    }
  }

  /** Why a management call's Authorization header is refused, or undefined when it is fine. */
  refusal(authorization: string | undefined): string | undefined {
    if (!authorization) return 'missing bearer token: call POST /oauth/token first';
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return 'the Authorization header is not a bearer token';
    const expiresAt = this.clientTokens.get(match[1]!);
    if (expiresAt === undefined) return 'invalid access token';
    if (expiresAt <= this.now()) {
      this.clientTokens.delete(match[1]!);
      return 'access token expired';
    }
    return undefined;
  }

  /** Invalidates every management token (the SDK then fetches a new one on its next call). */
  expireClientTokens(): number {
    const count = this.clientTokens.size;
    this.clientTokens.clear();
    return count;
  }

  async clientCredentials(): Promise<TokenResponse> {
    const now = Math.floor(this.now() / 1000);
    const token = await this.keys.sign({
      iss: this.issuer(),
      sub: this.client.clientId,
      aud: [this.client.clientId],
      client_id: this.client.clientId,
      iat: now,
      nbf: now,
      exp: now + this.ttlSeconds,
      jti: randomToken('tkn_', 12),
    });
    this.sweep();
    this.clientTokens.set(token, (now + this.ttlSeconds) * 1000);
    this.counters.token('client_credentials');
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds };
  }

  issueCode(grant: Omit<PendingCode, 'expiresAt' | 'sessionId'>): string {
    const code = randomToken('code_', 24);
    this.codes.set(code, { ...grant, sessionId: this.store.newId('ses_', (id) => this.store.sessions.has(id)), expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  async exchangeCode(code: string, redirectUri: string | undefined, codeVerifier: string | undefined): Promise<TokenResponse> {
    const pending = this.codes.get(code);
    this.codes.delete(code); // single use, whatever happens next
    if (!pending || pending.expiresAt < this.now()) throw new OAuthError(400, 'invalid_grant', 'authorization code is unknown, used or expired');
    if (redirectUri !== pending.redirectUri) throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the one of the authorization request');
    if (pending.codeChallenge) {
      if (!codeVerifier) throw new OAuthError(400, 'invalid_grant', 'code_verifier is required: the authorization request had a code_challenge');
      const computed = pending.codeChallengeMethod === 'S256' ? createHash('sha256').update(codeVerifier).digest('base64url') : codeVerifier;
      if (computed !== pending.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const user = this.store.users.get(pending.userId);
    if (user) {
      user.lastLoginTime = this.now();
      this.store.changed();
    }
    this.counters.token('authorization_code');
    const tokens = await this.userTokens(pending, true);
    const now = this.now();
    this.store.sessions.set(pending.sessionId, {
      sessionId: pending.sessionId,
      userId: pending.userId,
      organizationId: pending.organizationId,
      clientId: this.client.clientId,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
      absoluteExpiresAt: now + SESSION_TTL_MS,
    });
    this.store.changed();
    return tokens;
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) throw new OAuthError(400, 'invalid_grant', 'refresh token is unknown, used or revoked');
    this.refreshTokens.delete(refreshToken); // rotated: each refresh token works once
    this.counters.token('refresh_token');
    return this.userTokens(grant, false);
  }

  /** Ends a session: its refresh tokens stop working. */
  endSession(sessionId: string): void {
    const session = this.store.sessions.get(sessionId);
    if (session?.status === 'ACTIVE') {
      session.status = 'LOGGED_OUT';
      session.endedAt = session.updatedAt = this.now();
      this.store.changed();
    }
    for (const [token, grant] of this.refreshTokens) if (grant.sessionId === sessionId) this.refreshTokens.delete(token);
  }

  private async userTokens(grant: Grant, withIdToken: boolean): Promise<TokenResponse> {
    const user = this.store.users.get(grant.userId);
    const membership = user?.memberships.get(grant.organizationId);
    if (!user || membership?.status !== 'ACTIVE') {
      throw new OAuthError(400, 'invalid_grant', 'the user or their active membership in the organization no longer exists');
    }
    const org = this.store.organizations.get(grant.organizationId);
    const now = Math.floor(this.now() / 1000);
    const common = { iss: this.issuer(), sub: user.id, iat: now, nbf: now, exp: now + this.ttlSeconds, sid: grant.sessionId, oid: grant.organizationId };
    const accessToken = await this.keys.sign({
      ...common,
      aud: [this.client.clientId],
      client_id: this.client.clientId,
      jti: randomToken('tkn_', 12),
      roles: membership.roles,
      permissions: effectivePermissions(this.store, membership.roles),
      ...(user.externalId ? { xuid: user.externalId } : {}),
      ...(org?.externalId ? { xoid: org.externalId } : {}),
    });
    const refreshToken = randomToken('rt_', 32);
    this.refreshTokens.set(refreshToken, grant);
    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
      scope: grant.scope,
      refresh_token: refreshToken,
    };
    if (withIdToken) {
      const p = user.profile;
      response.id_token = await this.keys.sign({
        ...common,
        aud: this.client.clientId,
        azp: this.client.clientId,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        email: user.email,
        email_verified: user.emailVerified,
        ...(p.givenName ? { given_name: p.givenName } : {}),
        ...(p.familyName ? { family_name: p.familyName } : {}),
        ...(p.name ? { name: p.name } : {}),
        ...(p.preferredUsername ? { preferred_username: p.preferredUsername } : {}),
        ...(p.picture ? { picture: p.picture } : {}),
        ...(p.locale ? { locale: p.locale } : {}),
        ...(user.externalId ? { xuid: user.externalId } : {}),
        ...(org?.externalId ? { xoid: org.externalId } : {}),
        updated_at: Math.floor(user.updateTime / 1000),
      });
    }
    return response;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [token, expiresAt] of this.clientTokens) if (expiresAt <= now) this.clientTokens.delete(token);
    for (const [code, pending] of this.codes) if (pending.expiresAt <= now) this.codes.delete(code);
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
