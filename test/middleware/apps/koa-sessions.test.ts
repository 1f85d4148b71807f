import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADA, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, startApp } from '../../helpers/fixture-app.js';

async function sessionCookie(url: string, id: string): Promise<string> {
  const response = await fetch(`${url}/login?id=${id}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** Koa + passport-style sessions: the Scalekit user is restored beside the session, and ctx.isAuthenticated() stays synchronous. */
describe('Koa + passport sessions (JavaScript ESM), end to end', () => {
  it('keeps ctx.isAuthenticated() synchronous and gives a Scalekit user the app\'s own user, by AUTH_PROVIDER', { timeout: 300_000 }, async () => {
    const context = await prepareApp('koa-sessions');
    const { app, env, tokens } = context;
    const dual = await applyCodemod(context, 'dual', { typeCheck: false });
    expect(dual.rewrites.map((rewrite) => rewrite.transform)).toEqual(['passport-session-user']);
    const source = readFileSync(join(app, 'app.js'), 'utf8');
    expect(source).toContain('app.use(scalekitKoaSessionUser(passport, (user) => user.id));');
    expect(source).toContain('const answer = ctx.isAuthenticated();');
    expect(source).not.toMatch(/await\s+isAuthenticatedRequest|async function signedIn/);

    let server = await startApp(app, 'app.js', { ...env, AUTH_PROVIDER: 'dual' });
    // The Scalekit token's user is the app's own Ada (deserializeUser with her legacy id), seen by the sync check.
    expect(await call(`${server.url}/notes`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, notes: ['ada: ship the migration'] } });
    const cookie = await sessionCookie(server.url, 'u-43');
    expect(await call(`${server.url}/notes`, undefined, { cookie })).toEqual({ status: 200, body: { id: 'u-43', notes: ['bob: review'] } });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/notes`, token)).status).toBe(401);
    await server.stop();

    // AUTH_PROVIDER unset = legacy: the Scalekit token is ignored, the session still counts.
    server = await startApp(app, 'app.js', env);
    expect((await call(`${server.url}/notes`, tokens.ada)).status).toBe(401);
    const again = await sessionCookie(server.url, 'u-42');
    expect((await call(`${server.url}/notes`, undefined, { cookie: again })).status).toBe(200);
    await server.stop();

    server = await startApp(app, 'app.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    const legacy = await sessionCookie(server.url, 'u-42');
    expect((await call(`${server.url}/notes`, undefined, { cookie: legacy })).status).toBe(401);
    expect((await call(`${server.url}/notes`, tokens.ada)).status).toBe(200);
    await server.stop();
  });
});
