import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { runConfigureRedirects } from '../../src/redirects/run-redirects.js';
import { sdkFor, testEmulator } from '../helpers/emulator.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

/** A small Express app whose session routes live in a router mounted under /account, audited into the workspace. */
async function auditedApp(): Promise<string> {
  const workspace = tempDir();
  mkdirSync(join(workspace, 'src', 'http'), { recursive: true });
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'shop', type: 'module', dependencies: { express: '^4.0.0', jsonwebtoken: '^9.0.0' } }));
  writeFileSync(
    join(workspace, 'src', 'http', 'session-routes.js'),
    [
      "import { Router } from 'express';",
      "import jwt from 'jsonwebtoken';",
      'export function sessionRoutes() {',
      '  const router = Router();',
      "  router.post('/login', (req, res) => res.json({ token: jwt.sign({ sub: req.body.email }, process.env.JWT_SECRET) }));",
      "  router.post('/logout', (req, res) => res.status(204).end());",
      '  return router;',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(workspace, 'src', 'server.js'),
    ["import express from 'express';", "import { sessionRoutes } from './http/session-routes.js';", 'const app = express();', "app.use('/account', sessionRoutes());", 'app.listen(3000);'].join('\n'),
  );
  await writeAuditReports(workspace, await runAudit({ root: workspace }));
  return workspace;
}

const seed = { organizations: [{ external_id: 'acme', display_name: 'Acme' }], users: [{ email: 'ada@acme.test', memberships: [{ organization_external_id: 'acme' }] }] };

describe('configureRedirects', () => {
  it('plans from the audited routes, applies (journaled), is idempotent, and rolls back exactly what it added', async () => {
    const { emulator, connection } = await testEmulator({ seed: { ...seed, client: { redirect_uris: ['https://other.test/cb'] } } });
    const workspace = await auditedApp();
    const options = { workspace, connection, baseUrls: ['https://shop.test', 'http://localhost:3000'], environmentType: 'development' as const };

    const plan = await runConfigureRedirects(options);
    expect(plan.routes.initiateLogin).toMatchObject({ path: '/account/login' });
    expect(plan.routes.initiateLogin.from).toContain('src/http/session-routes.js:5 mounted at /account (src/server.js:4)');
    expect(plan.routes.callback.path).toBe('/account/callback');
    expect(plan.planned.redirectUris).toEqual({ add: ['https://shop.test/account/callback', 'http://localhost:3000/account/callback'], keep: ['https://other.test/cb'] });
    expect(plan.planned.postLogoutRedirectUris.add).toEqual(['https://shop.test/', 'http://localhost:3000/']);
    expect(plan.planned.initiateLoginUri).toEqual({ set: 'https://shop.test/account/login' });
    expect(plan.changes).toBe(5);
    expect(plan.next).toContain('confirm: true');
    expect(emulator.state().clients?.[0]?.post_login_uris).toEqual(['https://other.test/cb']);

    const sk = sdkFor(emulator);
    const signIn = async () => (await fetch(sk.getAuthorizationUrl('http://localhost:3000/account/callback', { loginHint: 'ada@acme.test' }), { redirect: 'manual' })).status;
    expect(await signIn()).toBe(400);

    const applied = await runConfigureRedirects({ ...options, confirm: true });
    expect(applied.applied).toBe(true);
    expect(applied.after?.redirectUris).toEqual(['https://other.test/cb', 'https://shop.test/account/callback', 'http://localhost:3000/account/callback']);
    expect(emulator.state().clients?.[0]).toMatchObject({ initiate_login_uri: 'https://shop.test/account/login', post_logout_redirect_uris: ['https://shop.test/', 'http://localhost:3000/'] });
    expect(statSync(applied.journal).mode & 0o777).toBe(0o600);
    expect(await signIn()).toBe(302);

    const again = await runConfigureRedirects({ ...options, confirm: true });
    expect(again).toMatchObject({ changes: 0, applied: false });

    // Someone registers another callback by hand after the apply: the rollback keeps it.
    const { writeClientUris, readClientUris } = await import('../../src/scalekit/client-config.js');
    const now = await readClientUris(sk, emulator.clientId);
    await writeClientUris(sk, emulator.clientId, { ...now, redirectUris: [...now.redirectUris, 'https://later.test/cb'] }, ['redirectUris']);

    const rolledBack = await runConfigureRedirects({ workspace, connection, baseUrls: [], rollback: true });
    expect(rolledBack.rollback?.removed.sort()).toEqual(['http://localhost:3000/', 'http://localhost:3000/account/callback', 'https://shop.test/', 'https://shop.test/account/callback']);
    expect(rolledBack.rollback?.restoredInitiateLogin).toBe('');
    expect(emulator.state().clients?.[0]).toMatchObject({ post_login_uris: ['https://other.test/cb', 'https://later.test/cb'], post_logout_redirect_uris: [], initiate_login_uri: '' });
    expect(await signIn()).toBe(400);
    const nothing = await runConfigureRedirects({ workspace, connection, baseUrls: [], rollback: true });
    expect(nothing).toMatchObject({ applied: false, changes: 0 });
    expect(nothing.next).toContain('nothing to roll back');
  });

  it('refuses http:// except on localhost, wildcards outside development, and more than 5 callbacks; an apply with refusals writes nothing', async () => {
    const { emulator, connection } = await testEmulator({ seed: { ...seed, client: { redirect_uris: ['https://a.test/1', 'https://a.test/2', 'https://a.test/3', 'https://a.test/4'] } } });
    const workspace = await auditedApp();
    const plan = await runConfigureRedirects({ workspace, connection, baseUrls: ['http://shop.test', 'https://*.shop.test', 'http://127.0.0.1:8080', 'https://shop.test'], environmentType: 'production' });
    const reasons = Object.fromEntries(plan.refused.map((r) => [r.uri, r.reason]));
    expect(reasons['http://shop.test']).toContain('http:// is refused except for localhost');
    expect(reasons['https://*.shop.test']).toContain('development environments only');
    expect(reasons['http://127.0.0.1:8080/account/callback']).toContain('development environments only');
    expect(plan.planned.redirectUris.add).toEqual(['https://shop.test/account/callback']);

    const dev = await runConfigureRedirects({ workspace, connection, baseUrls: ['https://*.shop.test', 'https://shop.test'], environmentType: 'development' });
    expect(dev.planned.redirectUris.add).toEqual(['https://*.shop.test/account/callback']);
    expect(dev.refused).toEqual([{ uri: 'https://shop.test/account/callback', reason: expect.stringContaining('at most 5 callback URLs') }]);

    await expect(runConfigureRedirects({ workspace, connection, baseUrls: ['http://shop.test'], confirm: true })).rejects.toThrow('not applied: http://shop.test');
    expect(emulator.state().clients?.[0]?.post_login_uris).toHaveLength(4);
  });

  it('runs over MCP with a small result and a Next line', async () => {
    const test = await testEmulator({ seed });
    Object.assign(process.env, test.env);
    const workspace = await auditedApp();
    const { client, close } = await connectInMemory({ root: workspace });
    const result = (await client.callTool({ name: 'configureRedirects', arguments: { baseUrls: ['http://localhost:3000'], environmentType: 'development', confirm: true } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ mode: 'apply', applied: true, changes: 3 });
    const text = textOf(result);
    expect(text).toContain('Callback URLs: add http://localhost:3000/account/callback');
    expect(text.trim().split("\n").at(-1)).toMatch(/^Next: call `checklist`/);
    expect(Buffer.byteLength(text)).toBeLessThan(4096);
    expect(Buffer.byteLength(JSON.stringify(result.structuredContent))).toBeLessThan(8192);
    await close();
  });
});
