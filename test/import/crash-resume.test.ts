import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importResultSchema } from '../../src/import/import-result.js';
import { inFlightOps, readJournal } from '../../src/import/journal-read.js';
import { ownedByJournal } from '../../src/import/ownership.js';
import { runVerify } from '../../src/import/verify.js';
import { startCli } from '../helpers/child.js';
import { testEmulator } from '../helpers/emulator.js';
import { importArgs, killImportRepeatedly } from '../helpers/kill-and-resume.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const ORGS = 20;
const USERS = 150;
/**
 * At least 6 kills, more (up to 22) until a kill has landed on each side of a call: applied before the kill and not.
 * `npx tsx bench/crash-resume.ts` runs longer sweeps (22 kills and more, several seeds) and counts both cases.
 */
const MIN_KILLS = 6;
const MAX_KILLS = 22;

describe('crash and resume', () => {
  it(`resumes after SIGKILL at ${MIN_KILLS} to ${MAX_KILLS} random points and ends exactly equal to the package, with zero duplicate creates`, async () => {
    const { emulator, connection, env } = await testEmulator({ latencyMs: 1 });
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: ORGS, users: USERS, membershipsPerUser: 2 }));
    const journal = join(dir, 'journal.ndjson');
    const sweep = await killImportRepeatedly({
      dir,
      env,
      seed: 20261127,
      minKills: MIN_KILLS,
      maxKills: MAX_KILLS,
      afterKill: (run) => {
        expect(run.signal).toBe('SIGKILL');
        // Nothing created twice so far: every successful create is a distinct entity.
        const state = emulator.state();
        expect(new Set(state.users.map((user) => user.external_id)).size).toBe(state.users.length);
        expect(emulator.counters().failures.CreateUserAndMembership ?? 0).toBe(0);
      },
    });
    expect(sweep.finishedEarly).toBe(false);
    expect(sweep.kills).toBeGreaterThanOrEqual(MIN_KILLS);

    const last = await startCli(importArgs(dir, 2000), { env }).done;
    expect(last.status).toBe(0);
    const result = importResultSchema.parse(JSON.parse(last.stdout));
    expect(result.failures.total).toBe(0);
    expect(result.journal.previousRuns).toBe(sweep.kills);

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
