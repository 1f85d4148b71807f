import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { sdkFor, startTestEmulator } from '../helpers/emulator.js';

const REDIRECT = 'http://localhost:3000/auth/callback';

async function seeded(): Promise<Emulator> {
  return startTestEmulator({
    seed: {
      client: { redirect_uris: [REDIRECT], post_logout_redirect_uris: ['http://localhost:3000/bye'] },
      roles: [
        { name: 'admin', display_name: 'Admin', permissions: ['projects:read', 'projects:write'], default_creator: true },
        { name: 'member', display_name: 'Member', permissions: ['projects:read'], default_member: true },
      ],
      organizations: [{ external_id: 'acme', display_name: 'Acme' }, { display_name: 'No external id' }],
      users: [
        { email: 'ada@example.com', external_id: 'legacy-ada', given_name: 'Ada', family_name: 'Lovelace', memberships: [{ organization_external_id: 'acme', roles: ['admin'] }] },
        { email: 'pending@example.com', memberships: [{ organization_external_id: 'acme', status: 'PENDING_INVITE' }] },
      ],
    },
  });
}

/** Follows the authorize redirect by hand (no browser): returns the callback URL. */
async function authorize(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

async function signIn(emulator: Emulator, email = 'ada@example.com') {
  const sk = sdkFor(emulator);
  const callback = await authorize(sk.getAuthorizationUrl(REDIRECT, { state: 'state-1', nonce: 'nonce-1', loginHint: email }));
  return sk.authenticateWithCode(callback.searchParams.get('code')!, REDIRECT);
}

describe('emulator: OAuth code flow, tokens and JWKS', () => {
  it('signs an imported user in: authorize -> token -> validateAccessToken, with the documented claims', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const callback = await authorize(sk.getAuthorizationUrl(REDIRECT, { state: 'state-1', nonce: 'nonce-1', loginHint: 'ada@example.com' }));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('state-1');

    const result = await sk.authenticateWithCode(callback.searchParams.get('code')!, REDIRECT);
    const ada = emulator.state().users.find((u) => u.email === 'ada@example.com')!;
    const acme = emulator.state().organizations.find((o) => o.external_id === 'acme')!;
    expect(result.user).toMatchObject({ id: ada.id, email: 'ada@example.com', emailVerified: true, givenName: 'Ada', familyName: 'Lovelace', name: 'Ada Lovelace' });
    expect(result.expiresIn).toBe(3600);
    expect(result.refreshToken).toMatch(/^rt_/);
    expect(await sk.validateAccessToken(result.accessToken)).toBe(true);
    expect(await sk.validateAccessToken(result.accessToken, { issuer: emulator.url, audience: [emulator.clientId] })).toBe(true);
    expect(await sk.validateAccessToken(result.accessToken, { issuer: 'https://elsewhere.example' })).toBe(false);

    const claims = decodeJwt(result.accessToken);
    expect(decodeProtectedHeader(result.accessToken)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(claims).toMatchObject({
      sub: ada.id,
      iss: emulator.url,
      aud: [emulator.clientId],
      oid: acme.id,
      roles: ['admin'],
      permissions: ['projects:read', 'projects:write'],
      xuid: 'legacy-ada',
      xoid: 'acme',
    });
    expect(claims.sid).toMatch(/^ses_/);
    expect(claims.jti).toMatch(/^tkn_/);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    const idClaims = decodeJwt(result.idToken);
    expect(idClaims).toMatchObject({ sub: ada.id, aud: emulator.clientId, nonce: 'nonce-1', email: 'ada@example.com', sid: claims.sid });
    expect(emulator.state().users.find((u) => u.id === ada.id)?.last_login_time).toBeDefined();
    expect(emulator.counters().tokensByGrant).toEqual({ authorization_code: 1 });
  });

  it('rejects a tampered token and one signed by another key', async () => {
    const emulator = await seeded();
    const { accessToken } = await signIn(emulator);
    const sk = sdkFor(emulator);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, roles: ['owner'] })).toString('base64url');
    expect(await sk.validateAccessToken(`${header}.${forgedPayload}.${signature}`)).toBe(false);
    const flipped = signature!.slice(0, -2) + (signature!.endsWith('AA') ? 'BB' : 'AA');
    expect(await sk.validateAccessToken(`${header}.${payload}.${flipped}`)).toBe(false);

    const other = await seeded();
    const foreign = await signIn(other);
    expect(await sk.validateAccessToken(foreign.accessToken)).toBe(false);
  });

  it('refreshes (rotating the refresh token, with current roles) and ends the session on logout', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const first = await signIn(emulator);
    const ada = emulator.state().users.find((u) => u.email === 'ada@example.com')!;
    await sk.user.updateMembership(decodeJwt(first.accessToken).oid as string, ada.id, { roles: ['member'] });

    const refreshed = await sk.refreshAccessToken(first.refreshToken);
    expect(refreshed.refreshToken).not.toBe(first.refreshToken);
    expect(await sk.validateAccessToken(refreshed.accessToken)).toBe(true);
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ sub: ada.id, roles: ['member'], permissions: ['projects:read'], sid: decodeJwt(first.accessToken).sid });
    await expect(sk.refreshAccessToken(first.refreshToken)).rejects.toThrow(/Failed to refresh token/);

    const logoutUrl = sk.getLogoutUrl({ idTokenHint: first.idToken, postLogoutRedirectUri: 'http://localhost:3000/bye', state: 'out-1' });
    const back = await authorize(logoutUrl);
    expect(back.toString()).toBe('http://localhost:3000/bye?state=out-1');
    await expect(sk.refreshAccessToken(refreshed.refreshToken)).rejects.toThrow(/Failed to refresh token/);
    expect(emulator.counters().tokensByGrant).toEqual({ authorization_code: 1, refresh_token: 1, client_credentials: 1 });
  });

  it('supports PKCE (S256) and refuses a wrong verifier, a reused code and a different redirect_uri', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const codeFor = async () =>
      (await authorize(sk.getAuthorizationUrl(REDIRECT, { loginHint: 'ada@example.com', codeChallenge: challenge, codeChallengeMethod: 'S256' }))).searchParams.get('code')!;
    const code = await codeFor();
    await expect(sk.authenticateWithCode(code, REDIRECT, { codeVerifier: 'wrong' })).rejects.toThrow(/400/);
    const good = await codeFor();
    expect(await sk.validateAccessToken((await sk.authenticateWithCode(good, REDIRECT, { codeVerifier: verifier })).accessToken)).toBe(true);
    await expect(sk.authenticateWithCode(good, REDIRECT, { codeVerifier: verifier })).rejects.toThrow(/400/);
    await expect(sk.authenticateWithCode(await codeFor(), 'http://localhost:3000/other', { codeVerifier: verifier })).rejects.toThrow(/400/);

    const raw = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'code_nope', redirect_uri: REDIRECT, client_id: emulator.clientId, client_secret: emulator.clientSecret }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('unknown, used or expired') });
  });

  it('answers sign-ins it cannot honour with OAuth errors on the redirect', async () => {
    const emulator = await seeded();
    const sk = sdkFor(emulator);
    const error = async (loginHint?: string) => {
      const callback = await authorize(sk.getAuthorizationUrl(REDIRECT, { state: 's', ...(loginHint ? { loginHint } : {}) }));
      return { error: callback.searchParams.get('error'), description: callback.searchParams.get('error_description'), state: callback.searchParams.get('state') };
    };
    expect(await error('nobody@example.com')).toMatchObject({ error: 'access_denied', description: 'no user with email nobody@example.com', state: 's' });
    expect((await error('pending@example.com')).description).toContain('no active membership');
    expect((await error()).error).toBe('login_required');
    const badClient = await fetch(`${emulator.url}/oauth/authorize?response_type=code&client_id=other&redirect_uri=${encodeURIComponent(REDIRECT)}`, { redirect: 'manual' });
    expect(badClient.status).toBe(400);
  });

  it('publishes its keys at /keys and rotates them on demand, keeping the previous key for tokens already issued', async () => {
    const emulator = await seeded();
    const before = await signIn(emulator);
    const cachingClient = sdkFor(emulator);
    expect(await cachingClient.validateAccessToken(before.accessToken)).toBe(true); // caches the JWKS

    const { kid } = (await (await fetch(`${emulator.url}/_emulator/rotate-keys`, { method: 'POST' })).json()) as { kid: string };
    const jwks = (await (await fetch(`${emulator.url}/keys`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid, decodeProtectedHeader(before.accessToken).kid]);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]!.d).toBeUndefined();

    const after = await signIn(emulator);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(kid);
    expect(await sdkFor(emulator).validateAccessToken(after.accessToken)).toBe(true);
    expect(await sdkFor(emulator).validateAccessToken(before.accessToken)).toBe(true);
    // SDK 2.11 fetches the JWKS once per client and never again: a client that cached the keys
    // before a rotation rejects tokens signed with the new key until it is recreated.
    expect(await cachingClient.validateAccessToken(after.accessToken)).toBe(false);

    await emulator.rotateKeys();
    expect(await sdkFor(emulator).validateAccessToken(before.accessToken)).toBe(false);
    expect(await sdkFor(emulator).validateAccessToken(after.accessToken)).toBe(true);
  });

  it('serves OpenID discovery on the environment URL', async () => {
    const emulator = await seeded();
    const discovery = (await (await fetch(`${emulator.url}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery).toMatchObject({
      issuer: emulator.url,
      authorization_endpoint: `${emulator.url}/oauth/authorize`,
      token_endpoint: `${emulator.url}/oauth/token`,
      jwks_uri: `${emulator.url}/keys`,
      end_session_endpoint: `${emulator.url}/oidc/logout`,
    });
  });
});
