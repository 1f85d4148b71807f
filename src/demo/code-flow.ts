import { createHash, randomBytes } from 'node:crypto';
import { ScalekitClient } from '@scalekit-sdk/node';
import { decodeJwt } from 'jose';
import type { ScalekitConnection } from '../scalekit/client.js';

export interface ScalekitLogin {
  /** Kept in memory to call the app; never printed or returned. */
  accessToken: string;
  claims: { xuid?: string; xoid?: string; roles: string[] };
}

/**
 * Signs a migrated user in the way a browser would: the authorization URL (PKCE, login_hint),
 * the redirect back with a code, and the code exchanged for tokens — all through the real SDK.
 */
export async function loginThroughCodeFlow(connection: ScalekitConnection, user: { email: string; externalId: string }, redirectUri: string): Promise<ScalekitLogin> {
  const { email } = user;
  const client = new ScalekitClient(connection.environmentUrl, connection.clientId, connection.clientSecret);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(12).toString('base64url');
  const authorizationUrl = client.getAuthorizationUrl(redirectUri, {
    loginHint: email,
    state,
    codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    codeChallengeMethod: 'S256',
    scopes: ['openid', 'profile', 'email', 'offline_access'],
  });
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`the authorization endpoint answered ${response.status} instead of redirecting user ${user.externalId} back with a code`);
  const callback = new URL(location);
  // The description may name the email: only the error code and the legacy id are said.
  if (callback.searchParams.get('error')) throw new Error(`Scalekit refused the login of user ${user.externalId}: ${callback.searchParams.get('error')}`);
  if (callback.searchParams.get('state') !== state) throw new Error('the redirect came back with another state');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error('the redirect came back without a code');
  const result = await client.authenticateWithCode(code, redirectUri, { codeVerifier: verifier });
  const claims = decodeJwt(result.accessToken);
  return {
    accessToken: result.accessToken,
    claims: {
      ...(typeof claims.xuid === 'string' ? { xuid: claims.xuid } : {}),
      ...(typeof claims.xoid === 'string' ? { xoid: claims.xoid } : {}),
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    },
  };
}

/**
 * A sign-in attempt that stops at the authorization endpoint: the OAuth error it came back with
 * (null when Scalekit issued a code). Used for the demo's deliberate failures.
 */
export async function attemptSignIn(connection: ScalekitConnection, email: string, redirectUri: string): Promise<string | null> {
  const client = new ScalekitClient(connection.environmentUrl, connection.clientId, connection.clientSecret);
  const response = await fetch(client.getAuthorizationUrl(redirectUri, { loginHint: email }), { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) return `http_${response.status}`;
  return new URL(location).searchParams.get('error');
}
