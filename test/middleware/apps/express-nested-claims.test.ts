import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { runMiddlewareCodemod } from '../../../src/middleware/run-codemod.js';
import { testEmulator } from '../../helpers/emulator.js';
import { call, copyFixtureApp, expiredScalekitToken, forgedScalekitToken, git, legacyToken, scalekitTokenFor, startApp, typeCheck } from '../../helpers/fixture-app.js';
import { tempDir } from '../../helpers/temp-dir.js';

const KEY = 'notes-test-key';

/** An unsigned token (`alg: none`) carrying the emulator's issuer. */
function unsignedToken(issuer: string, audience: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: issuer, aud: [audience], sub: 'usr_none', iat: now, exp: now + 600, ...claims })}.`;
}

async function put(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ note: 'changed' }) });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Legacy tokens carry `{ account: { id: <integer> } }`, express-jwt is imported as `requireToken`, the API
 * reads only `Authorization: Token|Bearer`, and the store refuses ids that are not integers.
 */
describe('Express + express-jwt (aliased) with a nested, integer legacy payload', () => {
  it('gives a Scalekit user the same integer account as before; the header-only API stays header-only; unset AUTH_PROVIDER is legacy', { timeout: 150_000 }, async () => {
    const app = copyFixtureApp('express-nested-claims');
    const statePath = join(tempDir(), 'emulator-state.json');
    const { emulator, env: scalekitEnv } = await testEmulator({
      statePath,
      persistIntervalMs: 0,
      seed: {
        roles: [{ name: 'member', default_member: true }],
        organizations: [{ external_id: 'org-1', display_name: 'Notes' }],
        users: [
          { email: 'grace@example.com', external_id: '7', memberships: [{ organization_external_id: 'org-1', roles: ['member'] }] },
          { email: 'newcomer@example.com', memberships: [{ organization_external_id: 'org-1', roles: ['member'] }] },
        ],
      },
    });
    const grace = await scalekitTokenFor(emulator, 'grace@example.com');
    const newcomer = await scalekitTokenFor(emulator, 'newcomer@example.com');
    const forged = await forgedScalekitToken(emulator, { xuid: '7' });
    const expired = await expiredScalekitToken(emulator, statePath, { xuid: '7' });
    const none = unsignedToken(emulator.url, emulator.clientId, { xuid: '7' });

    const result = await runMiddlewareCodemod({ workspace: app, apply: true });
    expect(result.failures).toEqual([]);
    expect(result.claims.fields).toContainEqual(expect.objectContaining({ name: 'account.id', source: 'user-id', type: 'number' }));
    expect(result.rewrites.map((rewrite) => rewrite.message)).toContainEqual(expect.stringContaining('(req.auth)'));
    typeCheck(app);
    git(app, ['add', '-A']);
    git(app, ['commit', '-q', '-m', 'codemod dual']);

    const env = { ...scalekitEnv, NOTES_JWT_KEY: KEY };
    const legacy = legacyToken({ account: { id: 8 } }, KEY);
    let server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    const url = `${server.url}/api/account`;
    expect(await call(url, grace)).toEqual({ status: 200, body: { id: 7, name: 'Grace', note: 'seven' } });
    expect(await call(url, undefined, { authorization: `Token ${grace}` })).toMatchObject({ status: 200, body: { id: 7 } });
    expect(await call(url, legacy)).toMatchObject({ status: 200, body: { id: 8, name: 'Linus' } });
    expect(await call(url, undefined, { authorization: `Token ${legacy}` })).toMatchObject({ status: 200, body: { id: 8 } });
    // A Scalekit user with no legacy id is refused, never looked up with a text id.
    expect((await call(url, newcomer)).status).toBe(401);
    for (const token of [forged, expired, none, legacyToken({ account: { id: 8 } }, 'wrong-key'), legacyToken({ account: { id: 8 } }, KEY, -60)]) {
      expect((await call(url, token)).status).toBe(401);
    }
    // Cookie-only cross-origin writes were refused before (header-only API) and still are, with either token in the cookie.
    for (const token of [grace, legacy]) {
      expect(await put(url, { cookie: `scalekit_access_token=${token}`, origin: 'https://evil.example' })).toBe(401);
    }
    expect(await put(url, { authorization: `Bearer ${grace}` })).toBe(200);
    // .unless(...) kept on the adapter: the listed path stays open, the rest of the area needs a token.
    expect((await call(`${server.url}/area/status`)).status).toBe(200);
    expect((await call(`${server.url}/area/whoami`)).status).toBe(401);
    expect(await call(`${server.url}/area/whoami`, grace)).toEqual({ status: 200, body: { id: 7 } });
    await server.stop();

    server = await startApp(app, 'dist/server.js', env);
    expect((await call(`${server.url}/api/account`, grace)).status).toBe(401);
    expect((await call(`${server.url}/api/account`, legacy)).status).toBe(200);
    await server.stop();
  });
});
