import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { cutoverMonitoredCheck } from '../../src/checklist/checks/cutover-monitored.js';
import { diagnoseLogin } from '../../src/monitor/diagnose-login.js';
import { runMonitor } from '../../src/monitor/run-monitor.js';
import { sdkFor, testEmulator } from '../helpers/emulator.js';
import { connectInMemory } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTestPackage } from '../helpers/test-package.js';

const CALLBACK = 'http://localhost:3000/auth/callback';
const saved = { ...process.env };
afterEach(() => {
  for (const name of ['SCALEKIT_ENVIRONMENT_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/**
 * A migrated environment: ada (fine), bob (membership still PENDING_INVITE), dave (email changed in
 * Scalekit), erin (organization with SSO, connection not enabled); carol is in the package but was never
 * imported. Only CALLBACK is a registered redirect URI.
 */
async function migrated() {
  const workspace = tempDir();
  writeTestPackage(join(workspace, '.scalekit-migration', 'package'), {
    roles: [{ name: 'member' }],
    organizations: [{ external_id: 'acme', display_name: 'Acme' }, { external_id: 'globex', display_name: 'Globex', sso: { type: 'SAML' } }],
    users: [
      { external_id: 'u-1', email: 'ada@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['member'] }] },
      { external_id: 'u-2', email: 'bob@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['member'] }] },
      { external_id: 'u-3', email: 'carol@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['member'] }] },
      { external_id: 'u-4', email: 'dave@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['member'] }] },
      { external_id: 'u-5', email: 'erin@example.com', email_verified: true, memberships: [{ org_external_id: 'globex', roles: ['member'] }] },
    ],
  });
  const { emulator, connection, env } = await testEmulator({
    seed: {
      roles: [{ name: 'member', default_member: true }],
      organizations: [{ external_id: 'acme', display_name: 'Acme' }, { external_id: 'globex', display_name: 'Globex' }],
      users: [
        { email: 'ada@example.com', external_id: 'u-1', memberships: [{ organization_external_id: 'acme' }] },
        { email: 'bob@example.com', external_id: 'u-2', memberships: [{ organization_external_id: 'acme', status: 'PENDING_INVITE' }] },
        { email: 'dave.old@example.com', external_id: 'u-4', memberships: [{ organization_external_id: 'acme' }] },
        { email: 'erin@example.com', external_id: 'u-5', memberships: [{ organization_external_id: 'globex' }] },
      ],
      connections: [{ organization_external_id: 'globex', status: 'COMPLETED', enabled: false }],
      client: { redirect_uris: [CALLBACK] },
    },
  });
  Object.assign(process.env, env);
  return { workspace, emulator, connection };
}

/** One browser sign-in through the emulator's authorize endpoint (no password page): the error, if any. */
async function signIn(emulator: Emulator, email: string, options: { redirect?: string; organizationId?: string } = {}): Promise<string | null> {
  const url = sdkFor(emulator).getAuthorizationUrl(options.redirect ?? CALLBACK, { loginHint: email, organizationId: options.organizationId });
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status !== 302) return `http ${response.status}`;
  return new URL(response.headers.get('location')!).searchParams.get('error');
}

/** What the generated auth module writes (usage-counters.ts), for one app process. */
function appCounters(workspace: string, counts: { accepted: number; rejected?: Record<string, number>; routed: number; migrated?: boolean }): void {
  const dir = join(workspace, '.scalekit-migration', 'auth-counters');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, '4242-20261203070000000.json'),
    JSON.stringify({
      version: 1, pid: 4242, startedAt: '2026-12-03T07:00:00.000Z', updatedAt: '2026-12-03T07:30:00.000Z',
      scalekit: { accepted: counts.accepted, rejected: counts.rejected ?? {} }, legacy: { routed: counts.routed, refused: 0 },
      ...(counts.migrated === undefined ? {} : { firstScalekitSignIn: { at: '2026-12-03T07:01:00.000Z', sub: 'usr_1', migrated: counts.migrated } }),
    }),
  );
}

describe('monitorCutover through the SDK on the emulator', () => {
  it('reports the success rate, failures by reason with their fixes, the legacy share, and why the switch is not safe yet', { timeout: 30_000 }, async () => {
    const { workspace, emulator } = await migrated();
    expect(await signIn(emulator, 'ada@example.com')).toBeNull();
    expect(await signIn(emulator, 'ada@example.com')).toBeNull();
    expect(await signIn(emulator, 'ada@example.com')).toBeNull();
    expect(await signIn(emulator, 'carol@example.com')).toBe('access_denied');
    expect(await signIn(emulator, 'ada@example.com', { redirect: 'http://localhost:3000/callback-typo' })).toBe('http 400');
    appCounters(workspace, { accepted: 40, rejected: { expired: 2 }, routed: 58, migrated: true });

    const result = await runMonitor({ workspace });
    expect(result.signIns).toEqual({ total: 5, succeeded: 3, failed: 2, pending: 0, successRate: 0.6, truncated: false });
    expect(result.failures.map((f) => [f.reason, f.count])).toEqual([['REDIRECT_URI_NOT_REGISTERED', 1], ['USER_NOT_FOUND', 1]]);
    expect(result.failures[1]!.fix).toMatch(/external_id\/email mismatch/);
    expect(result.failures[1]!.samples).toEqual([{ authRequestId: expect.stringMatching(/^authreq_/), email: 'c***@example.com', organizationId: '' }]);
    expect(result.app).toMatchObject({ scalekitAccepted: 40, legacyRouted: 58, legacyShare: 0.58, scalekitRejected: [{ reason: 'expired', count: 2, fix: expect.stringMatching(/refresh/) }] });
    expect(result.switchToScalekit.safe).toBe(false);
    expect(result.switchToScalekit.reasons).toEqual([
      'sign-in success rate 60.0% is below 95.0%: fix the failure reasons first',
      '58.0% of tokens reaching the app are still legacy (58): switching now signs those sessions out',
    ]);
    expect(result.next).toMatch(/^Next: fix REDIRECT_URI_NOT_REGISTERED/);
    expect(JSON.stringify(result)).not.toMatch(/carol@|ada@/);
    expect((await cutoverMonitoredCheck({ workspace })).detail).toMatch(/; not yet: sign-in success rate 60\.0% is below 95\.0%/);
    expect(statSync(result.savedTo!).mode & 0o777).toBe(0o600);

    // Only what happened since a moment is counted.
    const later = await runMonitor({ workspace, since: new Date(Date.now() + 60_000) });
    expect(later.signIns.total).toBe(0);
    expect(later.switchToScalekit.reasons[0]).toMatch(/no sign-in through Scalekit yet/);
  });

  it('says the switch is safe once sign-ins succeed and legacy tokens stopped arriving; MCP and text agree', { timeout: 30_000 }, async () => {
    const { workspace, emulator } = await migrated();
    for (let i = 0; i < 4; i += 1) expect(await signIn(emulator, 'ada@example.com')).toBeNull();
    appCounters(workspace, { accepted: 500, routed: 2, migrated: true });
    const { client, close } = await connectInMemory({ root: workspace });
    const called = (await client.callTool({ name: 'monitorCutover', arguments: {} })) as { structuredContent: any; content: Array<{ text: string }> };
    await close();
    expect(called.structuredContent.switchToScalekit).toEqual({
      safe: true,
      reasons: ['sign-in success rate 100.0% over 4 attempt(s)', 'legacy tokens are 0.4% of what the app sees', 'the app accepted 500 of 500 Scalekit token(s)'],
    });
    expect(called.content[0]!.text).toContain('Switch to AUTH_PROVIDER=scalekit: SAFE');
    expect(called.content[0]!.text).toContain('Next: set AUTH_PROVIDER=scalekit');
    expect(existsSync(join(workspace, '.scalekit-migration', 'monitor.json'))).toBe(true);
    expect(await cutoverMonitoredCheck({ workspace })).toEqual({ ok: true, detail: expect.stringMatching(/^monitored: 4 sign-ins, success 100\.0%, legacy share 0\.4% \(.*\); the switch is safe$/) });

    // A read-only server monitors too, and saves nothing.
    const other = tempDir();
    const readOnly = await connectInMemory({ root: other, readOnly: true });
    const quiet = (await readOnly.client.callTool({ name: 'monitorCutover', arguments: {} })) as { structuredContent: any };
    await readOnly.close();
    expect(quiet.structuredContent).toMatchObject({ savedTo: null, signIns: { succeeded: 4 }, app: null });
    expect(existsSync(join(other, '.scalekit-migration', 'monitor.json'))).toBe(false);
  });
});

describe('diagnoseLogin through the SDK on the emulator', () => {
  it('clears a good user and names what blocks the broken ones, with ids and states', { timeout: 30_000 }, async () => {
    const { workspace, emulator } = await migrated();
    const globex = (await sdkFor(emulator).organization.getOrganizationByExternalId('globex')).organization!;
    expect(await signIn(emulator, 'ada@example.com')).toBeNull();
    expect(await signIn(emulator, 'bob@example.com')).toBe('access_denied');
    expect(await signIn(emulator, 'erin@example.com', { organizationId: globex.id })).toBe('access_denied');

    const ada = await diagnoseLogin({ workspace, email: 'Ada@Example.com' });
    expect(ada.ok).toBe(true);
    expect(ada.userId).toMatch(/^usr_/);
    expect(ada.package).toEqual({ externalId: 'u-1', organizations: ['acme'] });
    expect(Object.fromEntries(ada.checks.map((c) => [c.name, c.ok]))).toEqual({
      'user-present': true, 'external-id': true, 'membership-active': true, 'organization-sso': true, 'callback-registered': true, 'recent-sign-ins': true,
    });

    const bob = await diagnoseLogin({ workspace, email: 'bob@example.com' });
    expect(bob.ok).toBe(false);
    expect(bob.checks.find((c) => c.name === 'membership-active')).toEqual({ name: 'membership-active', ok: false, detail: '0 active; acme PENDING_INVITE' });
    expect(bob.recentSignIns.map((r) => r.status)).toEqual(['NO_ACTIVE_MEMBERSHIP']);

    const carol = await diagnoseLogin({ workspace, email: 'carol@example.com' });
    expect(carol.userId).toBeNull();
    expect(carol.checks[0]).toEqual({ name: 'user-present', ok: false, detail: expect.stringContaining("nor with the package's external_id u-3: not imported") });

    const dave = await diagnoseLogin({ workspace, email: 'dave@example.com' });
    expect(dave.checks[0]!.detail).toMatch(/^no user with this email, but usr_\d+ has the package's external_id u-4 with email d\*\*\*@example\.com: the email differs/);

    const erin = await diagnoseLogin({ workspace, email: 'erin@example.com' });
    expect(erin.checks.find((c) => c.name === 'organization-sso')).toEqual({ name: 'organization-sso', ok: false, detail: 'SSO connection(s) not enabled for globex: SSO sign-ins there fail' });
    expect(erin.checks.find((c) => c.name === 'recent-sign-ins')?.detail).toMatch(/^last attempt SSO_NOT_ENABLED: /);
    expect(erin.memberships).toEqual([{ organizationId: globex.id, organizationExternalId: 'globex', status: 'ACTIVE', roles: ['member'], sso: { connections: 1, enabled: [] } }]);
    expect(JSON.stringify([ada, bob, carol, dave, erin])).not.toMatch(/(ada|bob|carol|dave|erin)@/);
  });
});
