import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADA, BOB, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, startApp } from '../../helpers/fixture-app.js';
import { compileProject } from '../../helpers/type-check.js';

const NEXTAUTH_SECRET = 'next-auth-test-secret';

/**
 * "Starting" a Next.js app without `next build` (minutes on two cores): the app is type-checked with its
 * own tsconfig, compiled to CommonJS with tsc, and its compiled middleware, pages API route and app route
 * handler are invoked by a small server with real request objects — a NextRequest for the middleware (as
 * the edge runtime passes it), Node's request/response with the `req.cookies`, `res.status` and `res.json`
 * Next adds for API routes, and a web Request for the route handler. What this cannot run: next-auth's
 * getServerSession in the app router reads the request through Next's request scope (next/headers), which
 * only a running Next server provides; so the route handler is checked on the Scalekit path and refusals,
 * and legacy sessions are checked through the middleware and the API route.
 */
const RUNNER = `
const http = require('node:http');
const { NextRequest } = require('next/server');
const middleware = require('./dist/middleware.js').default;
const pagesMe = require('./dist/pages/api/me.js').default;
const appMe = require('./dist/app/api/me/route.js');

function cookies(header) {
  return Object.fromEntries((header || '').split(';').filter(Boolean).map((pair) => pair.trim().split('=')).map(([k, ...v]) => [k, decodeURIComponent(v.join('='))]));
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/mw/')) {
      const target = new URL(url.pathname.slice(3), 'http://localhost:3000');
      const response = await middleware(new NextRequest(target, { headers: req.headers }), {});
      res.setHeader('content-type', 'application/json');
      // A middleware that returns nothing lets the request through, like NextResponse.next().
      if (!response) return res.end(JSON.stringify({ status: 200, next: true }));
      const location = response.headers.get('location');
      return res.end(JSON.stringify({ status: response.status, next: response.headers.get('x-middleware-next') === '1', location: location && new URL(location).pathname }));
    }
    if (url.pathname === '/legacy-session') {
      // What next-auth's own login would have set: an encrypted session JWT in its cookie (secret given by the test).
      const { encode } = require('next-auth/jwt');
      const token = await encode({ token: JSON.parse(url.searchParams.get('claims')), secret: url.searchParams.get('secret') });
      return res.end('next-auth.session-token=' + token);
    }
    if (url.pathname === '/api/me') {
      req.cookies = cookies(req.headers.cookie);
      res.status = (code) => ((res.statusCode = code), res);
      res.json = (body) => (res.setHeader('content-type', 'application/json'), res.end(JSON.stringify(body)));
      return await pagesMe(req, res);
    }
    if (url.pathname === '/app/api/me') {
      const response = await appMe.GET(new Request(new URL('/api/me', 'http://localhost:3000'), { headers: req.headers }));
      res.statusCode = response.status;
      return res.end(await response.text());
    }
    res.statusCode = 404;
    res.end();
  } catch (error) {
    res.statusCode = 500;
    res.end(JSON.stringify({ error: String(error && error.stack || error) }));
  }
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log('listening on ' + server.address().port));
`;

function compileForRun(app: string): void {
  expect(compileProject(join(app, 'tsconfig.run.json')), 'tsc -p tsconfig.run.json').toBe('');
  writeFileSync(join(app, 'runner.cjs'), RUNNER);
}

describe('Next.js + next-auth: withAuth middleware, getServerSession in an API route and a route handler, end to end', () => {
  it('middleware and session reads accept Scalekit tokens of imported users (legacy id and roles), next-auth sessions by AUTH_PROVIDER', { timeout: 300_000 }, async () => {
    const context = await prepareApp('nextjs');
    const { app, env: scalekitEnv, tokens } = context;
    const dual = await applyCodemod(context, 'dual', { typeCheck: 'noEmit' });
    expect(dual.generatedModule.auth).toBe('lib/scalekit/scalekit.ts');
    expect([...new Set(dual.rewrites.map((rewrite) => rewrite.transform))].sort()).toEqual(['next-middleware', 'next-server-session', 'rbac-role-check']);
    expect(dual.followUps.filter((followUp) => followUp.kind === 'not-rewritten' || followUp.kind === 'rbac')).toEqual([]);
    expect(readFileSync(join(app, 'app/dashboard/page.tsx'), 'utf8')).toContain('scalekitSession(() => getServerSession(authOptions))');
    compileForRun(app);

    const env = { ...scalekitEnv, NEXTAUTH_SECRET };
    let server = await startApp(app, 'runner.cjs', { ...env, AUTH_PROVIDER: 'dual' });
    const session = async (secret: string) => (await call(`${server.url}/legacy-session?secret=${secret}&claims=${encodeURIComponent(JSON.stringify({ sub: 'u-7', role: 'Org Admin', name: 'Eve' }))}`)).body as string;
    const legacySession = await session(NEXTAUTH_SECRET);
    const forgedSession = await session('another-secret');
    // Middleware: allowed requests go on (next), refused ones are redirected to the sign-in page, as withAuth does.
    expect((await call(`${server.url}/mw/admin/users`, tokens.ada)).body).toMatchObject({ next: true });
    expect((await call(`${server.url}/mw/admin/users`, tokens.bob)).body).toMatchObject({ status: 307, location: '/login' });
    expect((await call(`${server.url}/mw/dashboard`, tokens.bob)).body).toMatchObject({ next: true });
    expect((await call(`${server.url}/mw/admin/users`, undefined, { cookie: legacySession })).body).toMatchObject({ next: true });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/mw/dashboard`, token)).body).toMatchObject({ status: 307, location: '/login' });
    expect((await call(`${server.url}/mw/dashboard`, undefined, { cookie: forgedSession })).body).toMatchObject({ status: 307 });
    // API route (pages) and route handler (app).
    expect(await call(`${server.url}/api/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, role: ADA.legacyRole } });
    expect((await call(`${server.url}/api/me`, tokens.bob)).body).toEqual({ id: BOB.legacyId, role: 'member' });
    expect(await call(`${server.url}/api/me`, undefined, { cookie: legacySession })).toEqual({ status: 200, body: { id: 'u-7', role: 'Org Admin' } });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/api/me`, token)).status).toBe(401);
    expect((await call(`${server.url}/api/me`, undefined, { cookie: forgedSession })).status).toBe(401);
    expect(await call(`${server.url}/app/api/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, role: ADA.legacyRole, path: '/api/me' } });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/app/api/me`, token)).status).toBe(401);
    await server.stop();

    server = await startApp(app, 'runner.cjs', { ...env, AUTH_PROVIDER: 'scalekit' });
    expect((await call(`${server.url}/mw/dashboard`, undefined, { cookie: legacySession })).body).toMatchObject({ status: 307 });
    expect((await call(`${server.url}/api/me`, undefined, { cookie: legacySession })).status).toBe(401);
    expect((await call(`${server.url}/app/api/me`, undefined, { cookie: legacySession })).status).toBe(401);
    expect((await call(`${server.url}/api/me`, tokens.ada)).status).toBe(200);
    await server.stop();

    await applyCodemod(context, 'scalekit', { typeCheck: 'noEmit' });
    compileForRun(app);
    server = await startApp(app, 'runner.cjs', { ...env, AUTH_PROVIDER: 'dual' });
    expect((await call(`${server.url}/mw/dashboard`, undefined, { cookie: legacySession })).body).toMatchObject({ status: 307 });
    expect((await call(`${server.url}/api/me`, undefined, { cookie: legacySession })).status).toBe(401);
    expect((await call(`${server.url}/mw/admin/users`, tokens.ada)).body).toMatchObject({ next: true });
    expect(await call(`${server.url}/api/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, role: ADA.legacyRole } });
    expect(await call(`${server.url}/app/api/me`, tokens.ada)).toEqual({ status: 200, body: { id: ADA.legacyId, role: ADA.legacyRole, path: '/api/me' } });
    for (const token of [tokens.forged, tokens.expired]) expect((await call(`${server.url}/api/me`, token)).status).toBe(401);
    await server.stop();
  });
});
