import { describe, expect, it } from 'vitest';
import { accessToken, sdkFor, startTestEmulator } from '../helpers/emulator.js';

describe('emulator: management calls need a valid bearer token', () => {
  it('answers the SDK\'s first, token-less call Unauthenticated, so the SDK fetches a token and retries', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    expect((await sk.role.listRoles()).roles.length).toBe(2);
    expect(emulator.counters()).toMatchObject({ unauthenticated: 1, tokensIssued: 1, methods: { ListRoles: 1 } });
    await sk.role.listRoles();
    expect(emulator.counters()).toMatchObject({ unauthenticated: 1, tokensIssued: 1, methods: { ListRoles: 2 } });
  });

  it('concurrent first calls each fetch their own token (SDK 2.11 behaviour)', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await Promise.all(Array.from({ length: 5 }, () => sk.role.listRoles()));
    expect(emulator.counters()).toMatchObject({ unauthenticated: 5, tokensIssued: 5, methods: { ListRoles: 5 } });
  });

  it('refuses an expired token; the SDK gets a new one by itself', async () => {
    // The emulator's clock moves past the lifetime: no wall-clock margin that load could eat.
    let offsetMs = 0;
    const emulator = await startTestEmulator({ tokenTtlSeconds: 60, clock: () => Date.now() + offsetMs });
    const sk = sdkFor(emulator);
    await sk.role.listRoles();
    const token = await accessToken(emulator);
    offsetMs = 61_000;
    const expired = await fetch(`${emulator.url}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toBe('access token expired');
    await sk.role.listRoles();
    expect(emulator.counters()).toMatchObject({ tokensIssued: 3, methods: { ListRoles: 2 } });
  });

  it('expireTokens() invalidates every management token at once', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles();
    expect(emulator.expireTokens()).toBe(1);
    await sk.role.listRoles();
    expect(emulator.counters()).toMatchObject({ unauthenticated: 2, tokensIssued: 2 });
  });

  it('refuses a wrong client secret at the token endpoint; the SDK surfaces the HTTP 401', async () => {
    const emulator = await startTestEmulator();
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${emulator.clientId}:wrong`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    const basic = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(basic.status).toBe(200);

    const sk = sdkFor({ ...emulator, clientSecret: 'wrong' });
    // The SDK calls its token endpoint from inside its retry handler, so the failure escapes as
    // the raw axios error rather than a ScalekitServerException.
    const error = await sk.role.listRoles().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('AxiosError');
    expect(error?.message).toMatch(/status code 401/);
    expect(emulator.counters().methods).toEqual({});
  });

  it('does not accept a user\'s access token from the code flow for management calls', async () => {
    const emulator = await startTestEmulator({
      seed: {
        client: { redirect_uris: ['http://localhost/cb'] },
        organizations: [{ external_id: 'acme', display_name: 'Acme' }],
        users: [{ email: 'ada@example.com', memberships: [{ organization_external_id: 'acme' }] }],
      },
    });
    const sk = sdkFor(emulator);
    const location = (await fetch(sk.getAuthorizationUrl('http://localhost/cb', { loginHint: 'ada@example.com' }), { redirect: 'manual' })).headers.get('location')!;
    const { accessToken: userToken } = await sk.authenticateWithCode(new URL(location).searchParams.get('code')!, 'http://localhost/cb');
    const response = await fetch(`${emulator.url}/api/v1/roles`, { headers: { authorization: `Bearer ${userToken}` } });
    expect(response.status).toBe(401);
  });
});
