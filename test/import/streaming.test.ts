import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { successfulCalls, testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('streaming import: users read, planned and imported a chunk at a time', () => {
  it('imports across many chunks, stops mid-way, resumes exactly, and verify streams the same way', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    const content = syntheticPackage({ organizations: 5, users: 47, membershipsPerUser: 2, prefix: 'st' });
    // One duplicate-free package whose users span 12 chunks of 4 (the last one short).
    writeTestPackage(dir, content);
    const plan = await runImport({ packageDir: dir, apply: false, connection, userChunkSize: 4 });
    expect(plan.counts.users).toMatchObject({ total: 47, create: 47 });
    expect(plan.counts.memberships).toMatchObject({ total: 94, create: 94 });

    const stop = new AbortController();
    const first = await runImport({
      packageDir: dir,
      apply: true,
      connection,
      concurrency: 2,
      rate: 5000,
      userChunkSize: 4,
      signal: stop.signal,
      progress: (event) => {
        if (event.kind === 'advance' && event.phase === 'users' && event.done === 10) stop.abort();
      },
    });
    expect(first.run!.interrupted).toBe(true);
    // Every user is accounted for: created before the stop, or pending (read from the chunks not reached).
    expect(first.counts.users.create + first.counts.users.pending).toBe(47);
    expect(first.counts.users.pending).toBeGreaterThan(30);

    const resumed = await runImport({ packageDir: dir, apply: true, connection, rate: 5000, userChunkSize: 4 });
    expect(resumed.run!.interrupted).toBe(false);
    expect(resumed.counts.users.create + resumed.counts.users.unchanged).toBe(47);
    expect(resumed.counts.users.create).toBe(47 - first.counts.users.create);
    expect(successfulCalls(emulator).CreateUserAndMembership).toBe(47);
    expect(emulator.state().users).toHaveLength(47);

    const verify = await runVerify({ packageDir: dir, connection, rate: 5000, userChunkSize: 3 });
    expect(verify.ok).toBe(true);
    expect(verify.checked).toMatchObject({ users: 47, memberships: 94 });
  });

  it('refuses a duplicate external id found in a later part of users.ndjson, naming both lines, before any write', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    const content = syntheticPackage({ organizations: 2, users: 9, prefix: 'dup' });
    content.users[8]!.external_id = content.users[1]!.external_id;
    writeTestPackage(dir, content);
    await expect(runImport({ packageDir: dir, apply: true, connection, emailPolicy: 'skip', userChunkSize: 2 })).rejects.toThrow(
      `${join(dir, 'users.ndjson:9')}: duplicate user external_id (first at users.ndjson:2)`,
    );
    expect(Object.keys(emulator.counters().methods).filter((method) => !/^(Get|List)/.test(method))).toEqual([]);
  });
});
