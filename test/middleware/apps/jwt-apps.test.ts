import { describe, expect, it } from 'vitest';
import { ADA, BOB, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, legacyToken, startApp } from '../../helpers/fixture-app.js';

const SECRET = 'legacy-test-secret';

interface JwtApp {
  name: string;
  title: string;
  /** The route returning { id, org, role } of the caller. */
  me: string;
  /** A route for the Org Admin role only (a role check the codemod rewrites). */
  admin: string;
  transforms: string[];
}

const APPS: JwtApp[] = [
  { name: 'koa', title: 'Koa: koa-jwt and a hand-written jsonwebtoken middleware (TypeScript, ESM)', me: '/api/me', admin: '/admin/stats', transforms: ['jsonwebtoken-verify', 'koa-jwt', 'rbac-role-check'] },
  { name: 'fastify', title: 'Fastify: @fastify/jwt in a decorator and an onRequest hook (TypeScript, ESM)', me: '/items/me', admin: '/admin/stats', transforms: ['fastify-jwt', 'rbac-role-check'] },
];

describe.each(APPS)('$title, end to end', (spec) => {
  it('accepts Scalekit tokens of imported users with their legacy id and roles, legacy tokens by AUTH_PROVIDER, and refuses forged and expired ones', { timeout: 300_000 }, async () => {
    const context = await prepareApp(spec.name);
    const { app, env: scalekitEnv, tokens } = context;
    const dual = await applyCodemod(context, 'dual');
    expect([...new Set(dual.rewrites.map((rewrite) => rewrite.transform))].sort()).toEqual(spec.transforms);
    expect(dual.followUps.filter((followUp) => followUp.kind === 'not-rewritten' || followUp.kind === 'rbac')).toEqual([]);
    const env = { ...scalekitEnv, JWT_SECRET: SECRET };
    const legacy = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, SECRET);
    const adaBody = { id: ADA.legacyId, org: ADA.org, role: ADA.legacyRole };

    let server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect(await call(`${server.url}${spec.me}`, tokens.ada)).toEqual({ status: 200, body: adaBody });
    expect((await call(`${server.url}${spec.me}`, tokens.bob)).body).toEqual({ id: BOB.legacyId, org: BOB.org, role: 'member' });
    expect((await call(`${server.url}${spec.admin}`, tokens.ada)).status).toBe(200);
    expect((await call(`${server.url}${spec.admin}`, tokens.bob)).status).toBe(403);
    expect(await call(`${server.url}${spec.me}`, legacy)).toEqual({ status: 200, body: { id: 'u-7', org: 'org-acme', role: 'Org Admin' } });
    expect((await call(`${server.url}${spec.admin}`, legacy)).status).toBe(200);
    for (const token of [tokens.forged, tokens.expired, legacyToken({ sub: 'u-7' }, 'wrong'), legacyToken({ sub: 'u-7' }, SECRET, -60)]) {
      expect((await call(`${server.url}${spec.me}`, token)).status).toBe(401);
      expect((await call(`${server.url}${spec.admin}`, token)).status).toBe(401);
    }
    await server.stop();

    server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    expect((await call(`${server.url}${spec.me}`, legacy)).status).toBe(401);
    expect((await call(`${server.url}${spec.me}`, tokens.ada)).status).toBe(200);
    await server.stop();

    await applyCodemod(context, 'scalekit');
    server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect((await call(`${server.url}${spec.me}`, legacy)).status).toBe(401);
    expect(await call(`${server.url}${spec.me}`, tokens.ada)).toEqual({ status: 200, body: adaBody });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}${spec.me}`, token)).status).toBe(401);
    await server.stop();
  });
});
