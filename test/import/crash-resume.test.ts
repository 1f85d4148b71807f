import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { importResultSchema } from '../../src/import/import-result.js';
import { inFlightOps, readJournal } from '../../src/import/journal-read.js';
import { ownedByJournal } from '../../src/import/ownership.js';
import { runVerify } from '../../src/import/verify.js';
import { startCli } from '../helpers/child.js';
import { testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const ORGS = 20;
const USERS = 150;
const KILLS = 22;

function journalLines(path: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  let count = 0;
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) === 10) count += 1;
  return count;
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('crash and resume', () => {
  it(`resumes after SIGKILL at ${KILLS} random points and ends exactly equal to the package, with zero duplicate creates`, async () => {
    const { emulator, connection, env } = await testEmulator({ latencyMs: 1 });
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: ORGS, users: USERS, membershipsPerUser: 2 }));
    const journal = join(dir, 'journal.ndjson');
    // A slow pace while killing, so each run gets only a little way whatever the machine's load.
    const args = (rate: number) => ['import', '--in', dir, '--apply', '--without-plan', '--rate', String(rate), '--concurrency', '4', '--json'];
    const random = seeded(20261127);

    let kills = 0;
    let finishedEarly = false;
    while (kills < KILLS) {
      const before = journalLines(journal);
      // Kill after 0 to 11 new journal lines past the run's `begin`: during the re-check, the
      // listing, or at any point between an intent, its call and its outcome.
      const target = before + 1 + Math.floor(random() * 12);
      const { child, done } = startCli(args(100), { env });
      let exited = false;
      void done.then(() => (exited = true));
      while (!exited && journalLines(journal) < target) await sleep(1);
      // A few more milliseconds at random: some kills land after Scalekit applied a call but before
      // its outcome reached the journal, the case resume must re-check by external id.
      if (!exited) await sleep(Math.floor(random() * 6));
      if (exited) {
        finishedEarly = true;
        break;
      }
      child.kill('SIGKILL');
      const run = await done;
      expect(run.signal).toBe('SIGKILL');
      kills += 1;
      // Nothing created twice so far: every successful create is a distinct entity.
      const state = emulator.state();
      expect(new Set(state.users.map((user) => user.external_id)).size).toBe(state.users.length);
      expect(emulator.counters().failures.CreateUserAndMembership ?? 0).toBe(0);
    }
    expect(finishedEarly).toBe(false);
    expect(kills).toBe(KILLS);

    const last = await startCli(args(2000), { env }).done;
    expect(last.status).toBe(0);
    const result = importResultSchema.parse(JSON.parse(last.stdout));
    expect(result.failures.total).toBe(0);
    expect(result.journal.previousRuns).toBe(KILLS);

    // Final state: exactly the package, each entity created once.
    const state = emulator.state();
    expect(state.organizations).toHaveLength(ORGS);
    expect(state.users).toHaveLength(USERS);
    expect(state.memberships).toHaveLength(USERS * 2);
    expect(new Set(state.organizations.map((org) => org.external_id)).size).toBe(ORGS);
    expect(new Set(state.users.map((user) => user.external_id)).size).toBe(USERS);
    // No create was ever sent again for something that existed: Scalekit (and the emulator) answer
    // that with ALREADY_EXISTS, and there is none. (The emulator's per-method counters also count
    // calls whose client was killed before the method ran, so they cannot be compared one to one.)
    const failures = emulator.counters().failures;
    expect(failures.CreateOrganization ?? 0).toBe(0);
    expect(failures.CreateUserAndMembership ?? 0).toBe(0);
    expect(failures.CreateMembership ?? 0).toBe(0);
    expect(emulator.counters().methods.CreateUserAndMembership).toBeGreaterThanOrEqual(USERS);
    // After the kills, the last run created only what was still missing.
    expect(result.counts.users.create + result.counts.users.unchanged).toBe(USERS);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);

    // The journal knows every entity it created, including those whose outcome a kill swallowed.
    const history = await readJournal(journal);
    expect(inFlightOps(history)).toHaveLength(0);
    const owned = ownedByJournal(history);
    expect(owned.organizations.size).toBe(ORGS);
    expect(owned.users.size).toBe(USERS);
    // Both cases of an in-flight call happened: applied before the kill (found by external id and
    // recorded as this journal's) and not applied (created by a later run).
    expect(history.ops.filter((op) => op.recovered).length).toBeGreaterThan(0);
    expect(history.ops.filter((op) => op.outcome === 'absent').length).toBeGreaterThan(0);
  }, 180_000);
});
