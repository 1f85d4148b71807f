import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/import/journal-read.js';
import { JournalWriter } from '../../src/import/journal-write.js';
import { loadImportPackage } from '../../src/import/load-package.js';
import { ownedByJournal } from '../../src/import/ownership.js';
import type { ProgressEvent } from '../../src/import/progress.js';
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { createScalekitClient } from '../../src/scalekit/client.js';
import { ScalekitManagementApi } from '../../src/scalekit/management-api.js';
import { testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('resume from the journal', () => {
  it('re-checks calls left in flight: one that took effect is adopted, one that did not is sent, none twice', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 4 }));
    const pkg = await loadImportPackage(dir);
    const path = join(dir, 'journal.ndjson');
    // A run that died: both organization creates were journaled; only the first reached Scalekit.
    const crashed = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: pkg.digest });
    await crashed.intent('org.create', { orgExternalId: 't-org-0' });
    await crashed.intent('org.create', { orgExternalId: 't-org-1' });
    await crashed.close();
    const api = new ScalekitManagementApi(createScalekitClient(connection));
    const applied = await api.createOrganization({ displayName: 'Organization t 0', externalId: 't-org-0', metadata: { plan: 'free', legacy_id: '0' } });

    const result = await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });
    expect(result.journal).toMatchObject({ previousRuns: 1, inFlight: 2, inFlightFoundApplied: 1 });
    expect(result.counts.organizations).toMatchObject({ create: 1, unchanged: 1 });
    expect(emulator.counters().failures.CreateOrganization ?? 0).toBe(0);
    expect(emulator.state().organizations).toHaveLength(2);

    const owned = ownedByJournal(await readJournal(path));
    expect(owned.organizations.get(applied.id)).toBe('t-org-0');
    expect(owned.organizations.size).toBe(2);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('stops on abort after the records in flight, counts the rest pending, and the next run finishes', async () => {
    const { connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 120 }));
    const controller = new AbortController();
    const progress = (event: ProgressEvent) => {
      if (event.kind === 'advance' && event.phase === 'users' && event.done === 10) controller.abort();
    };
    const stopped = await runImport({ packageDir: dir, apply: true, connection, rate: 400, concurrency: 4, signal: controller.signal, progress });
    expect(stopped.run).toMatchObject({ interrupted: true, stoppedBecause: 'interrupted' });
    expect(stopped.counts.users.pending).toBeGreaterThan(0);
    expect(stopped.counts.users.create + stopped.counts.users.pending).toBe(120);
    expect(stopped.next).toMatch(/run the same import again/);
    const history = await readJournal(join(dir, 'journal.ndjson'));
    expect(history.ops.every((op) => op.outcome !== undefined)).toBe(true);

    const finished = await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });
    expect(finished.counts.users).toMatchObject({ create: stopped.counts.users.pending, unchanged: stopped.counts.users.create });
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('a rollback that died mid-way finishes on the next run without touching anything else', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 3 }));
    await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });
    const path = join(dir, 'journal.ndjson');
    const victim = emulator.state().users[0]!;
    const crashed = await JournalWriter.start(path, await readJournal(path), { command: 'rollback', packageDigest: (await readJournal(path)).packageDigest! });
    await crashed.intent('user.delete', { user: victim.id, userExternalId: victim.external_id });
    await crashed.close();
    await new ScalekitManagementApi(createScalekitClient(connection)).deleteUser(victim.id);

    const result = await runRollback({ packageDir: dir, apply: true, connection, rate: 5000 });
    expect(result.journal.inFlight).toBe(1);
    expect(result.counts.users).toMatchObject({ delete: 2, alreadyGone: 0, failed: 0 });
    expect(emulator.state().users).toHaveLength(0);
    expect(emulator.counters().failures.DeleteUser ?? 0).toBe(0);
  });
});
