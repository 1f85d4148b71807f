import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseResultSchema } from '../../src/monitor/diagnose-result.js';
import { monitorResultSchema } from '../../src/monitor/monitor-result.js';
import { runCli } from '../helpers/child.js';
import { sdkFor, testEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTestPackage } from '../helpers/test-package.js';

const CALLBACK = 'http://localhost:3000/auth/callback';

describe('scalekit-migrate monitor and diagnose-login', () => {
  it('print one JSON document with --json, exit 1 while the switch is unsafe or the user blocked, 2 without settings', { timeout: 60_000 }, async () => {
    const workspace = tempDir();
    writeTestPackage(join(workspace, '.scalekit-migration', 'package'), {
      roles: [{ name: 'member' }],
      organizations: [{ external_id: 'acme', display_name: 'Acme' }],
      users: [{ external_id: 'u-1', email: 'ada@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: ['member'] }] }],
    });
    const { emulator, env } = await testEmulator({
      seed: { client: { redirect_uris: [CALLBACK] }, organizations: [{ external_id: 'acme', display_name: 'Acme' }], users: [{ email: 'ada@example.com', external_id: 'u-1', memberships: [{ organization_external_id: 'acme' }] }] },
    });
    for (const email of ['ada@example.com', 'gone@example.com']) await fetch(sdkFor(emulator).getAuthorizationUrl(CALLBACK, { loginHint: email }), { redirect: 'manual' });

    const monitor = await runCli(['monitor', '--json'], { cwd: workspace, env });
    expect(monitor.status, monitor.stderr).toBe(1);
    const result = monitorResultSchema.parse(JSON.parse(monitor.stdout));
    expect(result.signIns).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(result.failures.map((f) => f.reason)).toEqual(['USER_NOT_FOUND']);

    const human = await runCli(['monitor'], { cwd: workspace, env });
    expect(human.stdout).toContain('Switch to AUTH_PROVIDER=scalekit: NOT YET');
    expect(human.stdout).not.toContain('gone@example.com');

    const good = await runCli(['diagnose-login', 'ada@example.com', '--json'], { cwd: workspace, env });
    expect(good.status, good.stderr).toBe(0);
    expect(diagnoseResultSchema.parse(JSON.parse(good.stdout))).toMatchObject({ ok: true, package: { externalId: 'u-1' } });
    const gone = await runCli(['diagnose-login', 'gone@example.com'], { cwd: workspace, env });
    expect(gone.status).toBe(1);
    expect(gone.stdout).toContain('[FAIL] user-present');

    const unset = await runCli(['monitor'], { cwd: workspace, env: { SCALEKIT_ENVIRONMENT_URL: '', SCALEKIT_CLIENT_ID: '', SCALEKIT_CLIENT_SECRET: '' } });
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain('SCALEKIT_ENVIRONMENT_URL');
  });
});
