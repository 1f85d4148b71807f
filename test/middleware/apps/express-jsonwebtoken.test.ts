import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/audit/engine/run-audit.js';
import { runImport } from '../../../src/import/run-import.js';
import { runMiddlewareCodemod } from '../../../src/middleware/run-codemod.js';
import type { RoleRecord } from '../../../src/package/records.js';
import { testEmulator } from '../../helpers/emulator.js';
import { call, copyFixtureApp, expiredScalekitToken, forgedScalekitToken, git, legacyToken, scalekitTokenFor, startApp, typeCheck } from '../../helpers/fixture-app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { writeTestPackage } from '../../helpers/test-package.js';

const SECRET = 'legacy-test-secret';

/** The one counters file the app wrote, once its last flush landed. */
async function readCounters(app: string): Promise<{ text: string; mode: number; json: any }> {
  const dir = join(app, '.scalekit-migration', 'auth-counters');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const [file] = readdirSync(dir);
  const text = readFileSync(join(dir, file!), 'utf8');
  return { text, mode: statSync(join(dir, file!)).mode & 0o777, json: JSON.parse(text) };
}

/**
 * The path the demo takes: an Express app with a hand-written jsonwebtoken middleware, its users
 * imported with external_id = legacy id (roles renamed on export), the codemod applied in dual mode,
 * then in scalekit mode; each time type-checked with tsc, started, and called over HTTP.
 */
describe('Express + hand-written jsonwebtoken middleware, end to end', () => {
  it('accepts Scalekit tokens of imported users with their legacy id and roles, legacy tokens by AUTH_PROVIDER, and refuses forged and expired ones', { timeout: 300_000 }, async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const statePath = join(tempDir(), 'emulator-state.json');
    const { emulator, connection, env: scalekitEnv } = await testEmulator({ statePath, persistIntervalMs: 0 });

    // Phase 2 first: the import stores external_id = legacy id; the role was renamed on export and keeps its legacy name.
    const packageDir = join(app, '.scalekit-migration', 'package');
    writeTestPackage(packageDir, {
      roles: [{ name: 'org_admin', display_name: 'Org Admin', legacy_name: 'Org Admin', legacy_aliases: ['org admin'] } as RoleRecord, { name: 'member' }],
      organizations: [{ external_id: 'org-acme', display_name: 'Acme' }],
      users: [
        { external_id: 'u-42', email: 'ada@example.com', email_verified: true, memberships: [{ org_external_id: 'org-acme', roles: ['org_admin'] }] },
        { external_id: 'u-43', email: 'bob@example.com', email_verified: true, memberships: [{ org_external_id: 'org-acme', roles: ['member'] }] },
      ],
    });
    const imported = await runImport({ packageDir, apply: true, connection });
    expect(imported.failures.total).toBe(0);

    const dry = await runMiddlewareCodemod({ workspace: app });
    expect(dry.applied).toBe(false);
    expect(git(app, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    expect(dry.claims.roleNames).toEqual({ org_admin: 'Org Admin' });
    expect(dry.claims.roleAliases).toEqual({ 'org admin': 'Org Admin' });
    expect(dry.files.map((file) => file.file).sort()).toEqual(
      ['package.json', 'src/auth/optional-user.ts', 'src/auth/require-user.ts', 'src/auth/scalekit-client.ts', 'src/auth/scalekit.ts', 'src/auth/tokens.ts', 'src/routes/admin.ts'].sort(),
    );
    expect(dry.followUps.map((followUp) => followUp.kind)).toEqual(expect.arrayContaining(['token-issuance', 'dependencies', 'environment']));
    expect(dry.followUps.filter((followUp) => followUp.kind === 'not-rewritten' || followUp.kind === 'rbac')).toEqual([]);

    const dual = await runMiddlewareCodemod({ workspace: app, apply: true });
    expect(dual.applied).toBe(true);
    expect(dual.failures).toEqual([]);
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies).toMatchObject({ jose: expect.any(String), '@scalekit-sdk/node': expect.any(String) });
    typeCheck(app);
    expect((await runMiddlewareCodemod({ workspace: app })).unchanged).toBe(true);

    const ada = await scalekitTokenFor(emulator, 'ada@example.com');
    const bob = await scalekitTokenFor(emulator, 'bob@example.com');
    const legacyAdmin = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, SECRET);
    const forged = await forgedScalekitToken(emulator, { xuid: 'u-42', roles: ['org_admin'] });
    const expired = await expiredScalekitToken(emulator, statePath, { xuid: 'u-42', roles: ['org_admin'] });
    const expiredLegacy = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, SECRET, -60);
    const otherSecret = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, 'not-the-secret');

    const env = { ...scalekitEnv, JWT_SECRET: SECRET };
    let server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'dual', SCALEKIT_MIGRATE_COUNTERS_FLUSH_MS: '20' });
    expect(await call(`${server.url}/projects/me`, ada)).toEqual({ status: 200, body: { id: 'u-42', org: 'org-acme', role: 'Org Admin', roles: ['Org Admin'] } });
    expect((await call(`${server.url}/admin/stats`, ada)).status).toBe(200);
    expect((await call(`${server.url}/admin/stats`, bob)).status).toBe(403);
    expect(await call(`${server.url}/projects/me`, legacyAdmin)).toEqual({ status: 200, body: { id: 'u-7', org: 'org-acme', role: 'Org Admin', roles: ['Org Admin'] } });
    expect((await call(`${server.url}/admin/stats`, legacyAdmin)).status).toBe(200);
    // A spelling export merged into the same role still passes the rewritten role check.
    expect((await call(`${server.url}/admin/stats`, legacyToken({ sub: 'u-8', org: 'org-acme', role: 'org admin' }, SECRET))).status).toBe(200);
    for (const token of [forged, expired, expiredLegacy, otherSecret]) expect((await call(`${server.url}/projects/me`, token)).status).toBe(401);
    expect((await call(`${server.url}/projects/me`)).status).toBe(401);
    // The callback-style optional middleware: a valid token of either kind gives a user, a forged one none.
    expect((await call(`${server.url}/health`, ada)).body).toEqual({ ok: true, user: 'u-42' });
    expect((await call(`${server.url}/health`, legacyAdmin)).body).toEqual({ ok: true, user: 'u-7' });
    expect((await call(`${server.url}/health`, forged)).body).toEqual({ ok: true, user: null });
    // The generated module counted what it saw, in an owner-only file the monitor reads: numbers, never a token or an email.
    const counters = await readCounters(app);
    expect(counters.text).not.toMatch(/ada@example\.com|eyJ/);
    expect(counters.mode).toBe(0o600);
    expect(counters.json.scalekit.accepted).toBeGreaterThanOrEqual(4);
    expect(counters.json.scalekit.rejected).toMatchObject({ unknown_key: expect.any(Number), expired: expect.any(Number) });
    expect(counters.json.legacy.routed).toBeGreaterThanOrEqual(5);
    expect(counters.json.firstScalekitSignIn).toMatchObject({ sub: expect.stringMatching(/^usr_/), migrated: true });
    await server.stop();

    // The flag, read per request: scalekit refuses legacy tokens, legacy refuses Scalekit ones.
    server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    expect((await call(`${server.url}/projects/me`, legacyAdmin)).status).toBe(401);
    expect((await call(`${server.url}/projects/me`, ada)).status).toBe(200);
    await server.stop();
    server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'legacy' });
    expect((await call(`${server.url}/projects/me`, ada)).status).toBe(401);
    expect((await call(`${server.url}/projects/me`, legacyAdmin)).status).toBe(200);
    await server.stop();

    // Later: the legacy path is removed.
    git(app, ['add', '-A']);
    git(app, ['commit', '-q', '-m', 'dual mode']);
    const scalekitOnly = await runMiddlewareCodemod({ workspace: app, mode: 'scalekit', apply: true });
    expect(scalekitOnly.failures).toEqual([]);
    const tokens = readFileSync(join(app, 'src/auth/tokens.ts'), 'utf8');
    expect(tokens).not.toMatch(/jwt\.verify/);
    expect(tokens).toMatch(/jwt\.sign/); // issuance stays until the login moves (a follow-up)
    expect(readFileSync(join(app, 'src/auth/optional-user.ts'), 'utf8')).not.toMatch(/jsonwebtoken|JWT_SECRET/);
    typeCheck(app);
    expect((await runMiddlewareCodemod({ workspace: app, mode: 'scalekit' })).unchanged).toBe(true);
    const audit = await runAudit({ root: app });
    expect(audit.findings.filter((finding) => finding.ruleId === 'js.jsonwebtoken.verify')).toEqual([]);

    server = await startApp(app, 'dist/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    expect((await call(`${server.url}/projects/me`, legacyAdmin)).status).toBe(401);
    expect(await call(`${server.url}/projects/me`, ada)).toEqual({ status: 200, body: { id: 'u-42', org: 'org-acme', role: 'Org Admin', roles: ['Org Admin'] } });
    for (const token of [forged, expired]) expect((await call(`${server.url}/projects/me`, token)).status).toBe(401);
    await server.stop();
  });
});
