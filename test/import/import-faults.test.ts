import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { successfulCalls, testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

function smallPackage(users: number): string {
  const dir = tempDir();
  writeTestPackage(dir, syntheticPackage({ organizations: 4, users, membershipsPerUser: 1 }));
  return dir;
}

describe('import under rate limits and faults', () => {
  it.each(['grpc', 'http'] as const)('rides out a rate-limit storm from a service that announces no limit (%s mode) with zero failed records', async (mode) => {
    const { emulator, connection } = await testEmulator({ rateLimit: 25, rateLimitMode: mode, rateLimitHeaders: false });
    const dir = smallPackage(60);
    // Asking for 8x what the server allows: every excess call is refused until the importer backs off.
    const result = await runImport({ packageDir: dir, apply: true, connection, rate: 200, concurrency: 8 });
    expect(result.failures.total).toBe(0);
    expect(result.counts.users.create).toBe(60);
    expect(emulator.counters().rateLimited).toBeGreaterThan(0);
    expect(result.run!.retries).toBeGreaterThan(0);
    expect(successfulCalls(emulator).CreateUserAndMembership).toBe(60);
    // A rate-limit answer means "not done": resent as is, never re-checked by a lookup first.
    expect(result.run!.rpcsByMethod.GetUser ?? 0).toBe(0);
    expect((await runVerify({ packageDir: dir, connection, rate: 20 })).ok).toBe(true);
  });

  it.each(['grpc', 'http'] as const)('paces from X-RateLimit-Remaining/Reset (%s mode): no call refused, the limit reported', async (mode) => {
    const { emulator, connection } = await testEmulator({ rateLimit: 30, rateLimitMode: mode });
    const dir = smallPackage(90);
    // No --rate: the pace comes from what the endpoints announce, not from a default.
    const logs: string[] = [];
    const result = await runImport({
      packageDir: dir,
      apply: true,
      connection,
      concurrency: 8,
      progress: (event) => void (event.kind === 'log' && logs.push(event.message)),
    });
    expect(result.failures.total).toBe(0);
    expect(result.counts.users.create).toBe(90);
    // The limit seen and the ETA it gives are told as soon as the first create announces it.
    expect(logs).toContain('Scalekit allows 30 CreateUserAndMembership calls per window: pacing at 30/s; 90 users in the package, ETA about 3 s');
    expect(emulator.counters().rateLimited).toBe(0);
    expect(result.run!.retries).toBe(0);
    expect(result.run!.rateSource).toBe('default');
    expect(result.run!.rateLimits!.CreateUserAndMembership).toEqual({ limit: 30, windowSeconds: 1, perSecond: 30, refused: 0 });
    expect(result.run!.rateLimits!.ListUsers).toMatchObject({ limit: 30 });
    // An explicit --rate below the limit caps it.
    const capped = await runVerify({ packageDir: dir, connection, rate: 10 });
    expect(capped.ok).toBe(true);
    expect(emulator.counters().rateLimited).toBe(0);
  });

  it('retries 10% UNAVAILABLE faults without losing or duplicating a record', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const { emulator, connection } = await testEmulator({ faultRate: 0.1, random });
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 10, users: 150, membershipsPerUser: 2 }));
    const result = await runImport({
      packageDir: dir,
      apply: true,
      connection,
      rate: 5000,
      concurrency: 16,
      retryPolicy: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 50 },
    });
    expect(result.failures.total).toBe(0);
    expect(emulator.counters().faultsSent).toBeGreaterThan(20);
    const calls = successfulCalls(emulator);
    expect(calls.CreateOrganization).toBe(10);
    expect(calls.CreateUserAndMembership).toBe(150);
    expect(calls.CreateMembership).toBe(150);
    expect(emulator.counters().failures.CreateUserAndMembership ?? 0).toBe(0);
    // UNAVAILABLE may hide a call that took effect: creates were re-checked by external_id before being resent.
    expect(result.run!.rpcsByMethod.GetUser).toBeGreaterThan(0);
    emulator.configure({ faultRate: 0 });
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('fetches one new token for everyone when the token expires mid-run', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = smallPackage(80);
    let expired = false;
    const result = await runImport({
      packageDir: dir,
      apply: true,
      connection,
      rate: 400,
      concurrency: 8,
      progress: (event) => {
        if (!expired && event.kind === 'advance' && event.phase === 'users' && event.done === 20) expired = emulator.expireTokens() > 0;
      },
    });
    expect(expired).toBe(true);
    expect(result.failures.total).toBe(0);
    expect(result.counts.users.create).toBe(80);
    expect(emulator.counters().unauthenticated).toBeGreaterThan(0);
    expect(emulator.counters().tokensIssued).toBe(2);
  });

  it('writes each refused record to errors.ndjson (code, no personal data) and retry.ndjson, and goes on with the rest', async () => {
    // The server refuses every permission create; the role naming that permission is then refused too
    // (its permission does not exist), and its user depends on the role.
    const { connection } = await testEmulator({ refuseMethods: ['CreatePermission'] });
    const dir = tempDir();
    const permission = 'reports:export';
    writeTestPackage(dir, {
      roles: [{ name: 'team_lead', permissions: [permission] }, { name: 'editor' }],
      organizations: [{ external_id: 'o1', display_name: 'Acme' }],
      users: [
        { external_id: 'u1', email: 'lead@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: ['team_lead'] }] },
        { external_id: 'u2', email: 'ed@example.com', email_verified: true, memberships: [{ org_external_id: 'o1', roles: ['editor'] }] },
      ],
    });
    const result = await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });
    expect(result.counts.permissions).toMatchObject({ failed: 1 });
    expect(result.counts.roles).toMatchObject({ create: 1, failed: 1 });
    expect(result.counts.users).toMatchObject({ create: 1, failed: 1 });
    expect(result.failures.byCode).toEqual({ FAILED_PRECONDITION: 1, INVALID_ARGUMENT: 1, DEPENDENCY_FAILED: 2 });
    expect(result.failures.samples[0]).toEqual({ entity: 'permissions', ref: 'roles.ndjson:1', key: permission, action: 'permission.create', code: 'FAILED_PRECONDITION' });

    const errors = readFileSync(result.files.errors!, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatchObject({ entity: 'permissions', ref: 'roles.ndjson:1', code: 'FAILED_PRECONDITION' });
    expect(errors[0].message).toContain('CreatePermission refused');
    expect(errors[1]).toMatchObject({ entity: 'roles', ref: 'roles.ndjson:1', code: 'INVALID_ARGUMENT' });
    expect(errors[1].message).toContain('permissions "reports:export" do not exist');
    expect(errors.map((error) => error.entity)).toEqual(['permissions', 'roles', 'users', 'memberships']);
    expect(readFileSync(result.files.errors!, 'utf8')).not.toContain('@example.com');
    expect(statSync(result.files.errors!).mode & 0o777).toBe(0o600);

    const retry = readFileSync(result.files.retry!, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(retry.map((entry) => [entry.entity, entry.ref])).toEqual([
      ['role', 'roles.ndjson:1'],
      ['user', 'users.ndjson:1'],
    ]);
    expect(retry[1].record.external_id).toBe('u1');
    expect(result.next).toMatch(/errors\.ndjson/);
  });
});
