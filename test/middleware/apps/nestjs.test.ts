import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADA, BOB, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, legacyToken, startApp } from '../../helpers/fixture-app.js';

const SECRET = 'legacy-test-secret';

/** NestJS with @nestjs/passport: JwtStrategy (passport-jwt) behind AuthGuard('jwt'), and a role guard; decorators and reflect-metadata. */
describe('NestJS JwtStrategy + AuthGuard(\'jwt\') (TypeScript, CommonJS, decorators), end to end', () => {
  it('validate() receives the legacy payload shape for Scalekit tokens; legacy tokens by AUTH_PROVIDER; forged and expired refused', { timeout: 300_000 }, async () => {
    const context = await prepareApp('nestjs');
    const { app, env: scalekitEnv, tokens } = context;
    const dual = await applyCodemod(context, 'dual');
    expect([...new Set(dual.rewrites.map((rewrite) => rewrite.transform))].sort()).toEqual(['nest-jwt-strategy', 'rbac-role-check']);
    expect(dual.followUps.filter((followUp) => followUp.kind === 'not-rewritten' || followUp.kind === 'rbac')).toEqual([]);
    expect(readFileSync(join(app, 'src/projects.controller.ts'), 'utf8')).toContain("AuthGuard('jwt')");
    const env = { ...scalekitEnv, JWT_SECRET: SECRET };
    const legacy = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, SECRET);

    let server = await startApp(app, 'dist/main.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect(await call(`${server.url}/projects/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, org: ADA.org, role: ADA.legacyRole } });
    expect((await call(`${server.url}/projects/me`, tokens.bob)).body).toEqual({ id: BOB.legacyId, org: BOB.org, role: 'member' });
    expect((await call(`${server.url}/admin/stats`, tokens.ada)).status).toBe(200);
    expect((await call(`${server.url}/admin/stats`, tokens.bob)).status).toBe(403);
    expect(await call(`${server.url}/projects/me`, legacy)).toEqual({ status: 200, body: { id: 'u-7', org: 'org-acme', role: 'Org Admin' } });
    for (const token of [tokens.forged, tokens.expired, legacyToken({ sub: 'u-7' }, 'wrong'), legacyToken({ sub: 'u-7' }, SECRET, -60)]) {
      expect((await call(`${server.url}/projects/me`, token)).status).toBe(401);
    }
    await server.stop();

    server = await startApp(app, 'dist/main.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    expect((await call(`${server.url}/projects/me`, legacy)).status).toBe(401);
    expect((await call(`${server.url}/projects/me`, tokens.ada)).status).toBe(200);
    await server.stop();

    await applyCodemod(context, 'scalekit');
    expect(readFileSync(join(app, 'src/auth/jwt.strategy.ts'), 'utf8')).not.toMatch(/secretOrKey|jwtConstants/);
    server = await startApp(app, 'dist/main.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect((await call(`${server.url}/projects/me`, legacy)).status).toBe(401);
    expect((await call(`${server.url}/projects/me`, tokens.ada)).body).toEqual({ id: ADA.legacyId, org: ADA.org, role: ADA.legacyRole });
    expect((await call(`${server.url}/admin/stats`, tokens.ada)).status).toBe(200);
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/projects/me`, token)).status).toBe(401);
    await server.stop();
  });
});
