import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { importResultSchema } from '../../src/import/import-result.js';
import { rollbackResultSchema } from '../../src/import/rollback.js';
import { verifyResultSchema } from '../../src/import/verify.js';
import { runCli, startCli } from '../helpers/child.js';
import { testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('import, verify and rollback commands', () => {
  it('plan, apply, verify and rollback with --json, the exit codes of the contract, and the last-package pointer', async () => {
    const { env } = await testEmulator();
    const workspace = tempDir();
    const dir = join(workspace, 'exports', 'first');
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 5 }));
    mkdirSync(join(workspace, '.scalekit-migration'), { recursive: true });
    writeFileSync(join(workspace, '.scalekit-migration', 'last-package.json'), JSON.stringify({ path: 'exports/first' }));

    const plan = await runCli(['import', '--json'], { cwd: workspace, env });
    expect(plan.status).toBe(0);
    const planned = importResultSchema.parse(JSON.parse(plan.stdout));
    expect(planned).toMatchObject({ mode: 'plan', packageDir: dir, counts: { users: { create: 5 } } });

    const applied = await runCli(['import', '--in', dir, '--apply', '--rate', '500', '--json'], { env });
    expect(applied.status).toBe(0);
    expect(importResultSchema.parse(JSON.parse(applied.stdout)).counts.users.create).toBe(5);

    const verified = await runCli(['verify', '--in', dir, '--json'], { env });
    expect(verified.status).toBe(0);
    expect(verifyResultSchema.parse(JSON.parse(verified.stdout)).ok).toBe(true);

    const human = await runCli(['verify', '--in', dir], { env });
    expect(human.stdout).toMatch(/^# Import verification: OK, zero mismatches/);

    const rollbackPlan = await runCli(['rollback', '--in', dir, '--json'], { env });
    expect(rollbackPlan.status).toBe(0);
    expect(rollbackResultSchema.parse(JSON.parse(rollbackPlan.stdout)).counts.users.delete).toBe(5);

    const rolledBack = await runCli(['rollback', '--in', dir, '--apply', '--json'], { env });
    expect(rolledBack.status).toBe(0);

    const missing = await runCli(['verify', '--in', dir, '--json'], { env });
    expect(missing.status).toBe(1);
    const result = verifyResultSchema.parse(JSON.parse(missing.stdout));
    expect(result.ok).toBe(false);
    expect(result.mismatches.byKind['user.missing']).toBe(5);
    expect(missing.stdout).not.toContain('@example.com');
  });

  it('exits 1 when the plan has conflicts and 2 on bad usage or unreadable input, naming what and where', async () => {
    const { env } = await testEmulator({ seed: { organizations: [{ external_id: 't-org-0', display_name: 'x' }], users: [{ email: 't.user0@example.com', memberships: [{ organization_external_id: 't-org-0' }] }] } });
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 2 }));
    const conflicts = await runCli(['import', '--in', dir, '--json'], { env });
    expect(conflicts.status).toBe(1);
    expect(JSON.parse(conflicts.stdout).conflicts.byCode).toMatchObject({ 'email-owned-by-other-user': 1 });

    const badRate = await runCli(['import', '--in', dir, '--rate', '0'], { env });
    expect(badRate.status).toBe(2);
    expect(badRate.stderr).toMatch(/--rate.*expected requests per second/);

    const nowhere = await runCli(['import', '--in', join(dir, 'nope')], { env });
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain(`no migration package at ${join(dir, 'nope')}: manifest.json is missing`);

    const noEnv = await runCli(['verify', '--in', dir], { env: { SCALEKIT_ENVIRONMENT_URL: '', SCALEKIT_CLIENT_ID: '', SCALEKIT_CLIENT_SECRET: '' } });
    expect(noEnv.status).toBe(2);
    expect(noEnv.stderr).toContain('missing Scalekit connection settings: set SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET');

    const wrongSecret = await runCli(['import', '--in', dir], { env: { ...env, SCALEKIT_CLIENT_SECRET: 'wrong-secret-value' } });
    expect(wrongSecret.status).toBe(2);
    expect(wrongSecret.stderr).toMatch(/could not get an access token/);
    expect(wrongSecret.stderr).not.toContain('wrong-secret-value');
  });

  it('stops cleanly on Ctrl-C: calls in flight finish, the journal is closed, and it says how to resume', async () => {
    const { env } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 200 }));
    const journal = join(dir, 'journal.ndjson');
    const { child, done } = startCli(['import', '--in', dir, '--apply', '--without-plan', '--rate', '100', '--json'], { env });
    const lines = () => {
      try {
        return readFileSync(journal, 'utf8').split('\n').length;
      } catch {
        return 0;
      }
    };
    while (lines() < 20) await sleep(5);
    child.kill('SIGINT');
    const run = await done;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Interrupted. Resume with: scalekit-migrate import --in ${dir} --apply`);
    const result = importResultSchema.parse(JSON.parse(run.stdout));
    expect(result.run?.interrupted).toBe(true);
    expect(result.counts.users.pending).toBeGreaterThan(0);
    const entries = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(entries.at(-1)).toMatchObject({ type: 'end', interrupted: true });
    const intents = new Set(entries.filter((entry) => entry.type === 'intent').map((entry) => entry.op));
    const outcomes = new Set(entries.filter((entry) => ['done', 'failed'].includes(entry.type)).map((entry) => entry.op));
    expect([...intents].filter((op) => !outcomes.has(op))).toEqual([]);

    const resumed = await runCli(['import', '--in', dir, '--apply', '--rate', '2000', '--json'], { env });
    expect(resumed.status).toBe(0);
    const final = importResultSchema.parse(JSON.parse(resumed.stdout));
    expect(final.counts.users.create + final.counts.users.unchanged).toBe(200);
    expect(final.journal.inFlight).toBe(0);
  });
});
