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
export async function loginThroughCodeFlow(connection: ScalekitConnection, email: string, redirectUri: string): Promise<ScalekitLogin> {
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
  if (response.status !== 302 || !location) throw new Error(`the authorization endpoint answered ${response.status} instead of redirecting back with a code`);
  const callback = new URL(location);
  if (callback.searchParams.get('error')) throw new Error(`login refused: ${callback.searchParams.get('error')}: ${callback.searchParams.get('error_description')}`);
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
