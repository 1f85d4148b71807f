import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADA, BOB, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, legacyToken, startApp } from '../../helpers/fixture-app.js';

const SECRET = 'legacy-test-secret';

async function sessionCookie(url: string, id: string): Promise<string> {
  const response = await fetch(`${url}/login?id=${id}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** passport-jwt on the API (the app's own user lookup runs for Scalekit tokens too) and express-session + req.isAuthenticated() on the web routes. */
describe('Express + passport-jwt + express-session (TypeScript, CommonJS), end to end', () => {
  it('serves imported users by Scalekit token, legacy tokens and sessions by AUTH_PROVIDER, and refuses forged and expired tokens', { timeout: 300_000 }, async () => {
    const context = await prepareApp('express-passport');
    const { app, env: scalekitEnv, tokens } = context;
    const dual = await applyCodemod(context, 'dual');
    expect(dual.rewrites.map((rewrite) => rewrite.transform).sort()).toEqual(['passport-jwt', 'passport-session-user', 'rbac-role-check']);
    expect(dual.followUps.filter((followUp) => followUp.kind === 'not-rewritten')).toEqual([]);
    const env = { ...scalekitEnv, JWT_SECRET: SECRET };
    const legacy = legacyToken({ sub: 'u-7' }, SECRET);

    let server = await startApp(app, 'dist/app.js', { ...env, AUTH_PROVIDER: 'dual' });
    // (a) The strategy's own verify callback looked the user row up by the legacy id.
    expect(await call(`${server.url}/api/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, org: ADA.org, role: 'Org Admin' } });
    expect(await call(`${server.url}/web/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, role: 'Org Admin' } });
    expect((await call(`${server.url}/web/admin`, tokens.ada)).status).toBe(200);
    expect((await call(`${server.url}/web/admin`, tokens.bob)).status).toBe(403);
    expect((await call(`${server.url}/web/me`, tokens.bob)).body).toEqual({ id: BOB.legacyId, role: 'member' });
    // (b) Legacy credentials: a bearer token and a session cookie.
    expect(await call(`${server.url}/api/me`, legacy)).toEqual({ status: 200, body: { id: 'u-7', org: 'org-acme', role: 'Org Admin' } });
    const cookie = await sessionCookie(server.url, 'u-7');
    expect(await call(`${server.url}/web/me`, undefined, { cookie })).toEqual({ status: 200, body: { id: 'u-7', role: 'Org Admin' } });
    // (d)
    for (const token of [tokens.forged, tokens.expired, legacyToken({ sub: 'u-7' }, 'wrong-secret'), legacyToken({ sub: 'u-7' }, SECRET, -60)]) {
      expect((await call(`${server.url}/api/me`, token)).status).toBe(401);
    }
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/web/me`, token)).status).toBe(401);
    await server.stop();

    // (c) AUTH_PROVIDER=scalekit: legacy tokens and sessions are refused, Scalekit tokens still work.
    server = await startApp(app, 'dist/app.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    expect((await call(`${server.url}/api/me`, legacy)).status).toBe(401);
    const cookie2 = await sessionCookie(server.url, 'u-7');
    expect((await call(`${server.url}/web/me`, undefined, { cookie: cookie2 })).status).toBe(401);
    expect((await call(`${server.url}/api/me`, tokens.ada)).status).toBe(200);
    await server.stop();

    await applyCodemod(context, 'scalekit');
    expect(readFileSync(join(app, 'src/auth/passport.ts'), 'utf8')).not.toMatch(/secretOrKey|JWT_SECRET/);
    server = await startApp(app, 'dist/app.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect((await call(`${server.url}/api/me`, legacy)).status).toBe(401);
    expect((await call(`${server.url}/api/me`, tokens.ada)).body).toEqual({ id: ADA.legacyId, org: ADA.org, role: 'Org Admin' });
    expect((await call(`${server.url}/web/me`, tokens.ada)).status).toBe(200);
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/api/me`, token)).status).toBe(401);
    await server.stop();
  });
});
