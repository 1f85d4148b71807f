import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalOp } from '../../src/import/journal-read.js';
import { OwnershipReplay } from '../../src/import/ownership.js';
import { RemoteUserIndex } from '../../src/import/remote-user-index.js';
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { SCRATCH_PREFIX, WorkDb } from '../../src/import/work-db.js';
import type { RemoteUser } from '../../src/scalekit/remote.js';
import { sdkFor, successfulCalls, testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 10_000, concurrency: 16 };
/** Several chunks of the package (100 users each); the index's own pages (1,000 rows) are crossed in the first tests. */
const USERS = 450;
const CHUNK = 100;

const scratchFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.work-'));

function remoteUser(n: number): RemoteUser {
  return {
    id: `usr_${String(n).padStart(18, '0')}`,
    email: `Person${n}@Example.com`,
    externalId: `ext-${n}`,
    givenName: `Given${n}`,
    familyName: '',
    emailVerified: n % 2 === 0,
    metadata: { n: String(n) },
    memberships: [{ organizationId: `org_${n % 7}`, roles: ['member'], status: 'ACTIVE', invited: false, metadata: {} }],
  };
}

function packageDir(): string {
  const dir = tempDir();
  writeTestPackage(dir, syntheticPackage({ organizations: 12, users: USERS, roles: ['lead', 'viewer'] }));
  return dir;
}

describe('the scratch index on disk (bounded memory for import, verify and rollback)', () => {
  it('lives beside the package owner-only, answers by id, external id and email across its pages, and is removed on close', () => {
    const dir = tempDir();
    const work = WorkDb.open(dir);
    const [file] = scratchFiles(dir);
    expect(file).toMatch(/^\.work-.+\.sqlite$/);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
    const index = new RemoteUserIndex(work);
    for (let page = 0; page < 2_500; page += 100) index.add(Array.from({ length: 100 }, (_, i) => remoteUser(page + i)));
    expect(index.byId.size).toBe(2_500);
    expect(index.byExternalId.get('ext-1234')).toEqual(remoteUser(1234));
    expect(index.byEmail.get('PERSON2001@example.COM')?.externalId).toBe('ext-2001');
    expect(index.byId.has('usr_000000000000002499')).toBe(true);
    expect(index.byExternalId.has('ext-2500')).toBe(false);
    const all = [...index.all()];
    expect(all).toHaveLength(2_500);
    expect(all.map((user) => user.externalId)).toEqual(Array.from({ length: 2_500 }, (_, n) => `ext-${n}`));
    // Adding a user again replaces it in place (what a rollback's restore of membership roles does).
    index.add([{ ...remoteUser(1000), memberships: [{ ...remoteUser(1000).memberships[0]!, roles: ['admin'] }] }]);
    expect(index.byId.get('usr_000000000000001000')?.memberships[0]?.roles).toEqual(['admin']);
    expect([...index.all()][1000]?.externalId).toBe('ext-1000');
    work.close();
    expect(scratchFiles(dir)).toEqual([]);
  });

  it("replays the journal's creates and deletes on disk and hands the owned users back a page at a time, in order", () => {
    const work = WorkDb.open(tempDir());
    const replay = new OwnershipReplay(work);
    const done = (action: string, id: string, target: object) => ({ outcome: 'done', command: 'import', action, id, target }) as unknown as JournalOp;
    for (let n = 0; n < 2_500; n += 1) replay.add(done('user.create', `usr_${n}`, { userExternalId: `ext-${n}` }));
    replay.add(done('user.delete', 'usr_3', { user: 'usr_3' }));
    replay.add(done('user.update', 'usr_pre', { user: 'usr_pre' }));
    replay.add(done('user.update', 'usr_5', { user: 'usr_5' }));
    const owned = replay.result();
    expect(owned.users.size).toBe(2_499);
    expect(owned.users.has('usr_3')).toBe(false);
    expect(owned.users.has('usr_2499')).toBe(true);
    const pairs = [...owned.users];
    expect(pairs).toHaveLength(2_499);
    expect(pairs[3]).toEqual(['usr_4', 'ext-4']);
    expect(pairs.at(-1)).toEqual(['usr_2499', 'ext-2499']);
    // Only the update to a user the journal did not create is someone else's.
    expect(owned.updatesToOthers).toBe(1);
    work.close();
  });

  it('removes a scratch file a killed run of this host left, never one whose process still runs', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, `${SCRATCH_PREFIX}${dead}-0badc0de.sqlite`), '', { mode: 0o600 });
    writeFileSync(join(dir, `${SCRATCH_PREFIX}${process.ppid}-0badc0de.sqlite`), '', { mode: 0o600 });
    writeFileSync(join(dir, `.work-other-host-${dead}-0badc0de.sqlite`), '', { mode: 0o600 });
    const work = WorkDb.open(dir);
    expect(scratchFiles(dir).sort()).toEqual([`${SCRATCH_PREFIX}${process.ppid}-0badc0de.sqlite`, `.work-other-host-${dead}-0badc0de.sqlite`, work.path!.split('/').at(-1)].sort());
    work.close();
  });

  it('resumes an import stopped part-way: users already there come from the index, none is created twice', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = packageDir();
    const stop = new AbortController();
    const first = await runImport({
      packageDir: dir,
      apply: true,
      connection,
      ...FAST,
      userChunkSize: CHUNK,
      signal: stop.signal,
      progress: (event) => {
        if (event.kind === 'advance' && event.phase === 'users' && event.done >= 150) stop.abort();
      },
    });
    expect(first.run?.interrupted).toBe(true);
    const createdBefore = emulator.state().users.length;
    expect(createdBefore).toBeGreaterThanOrEqual(150);
    expect(createdBefore).toBeLessThan(USERS);

    const resumed = await runImport({ packageDir: dir, apply: true, connection, ...FAST, userChunkSize: CHUNK });
    expect(resumed.counts.users.unchanged).toBe(createdBefore);
    expect(resumed.counts.users.create).toBe(USERS - createdBefore);
    expect(resumed.failures.total).toBe(0);
    expect(successfulCalls(emulator).CreateUserAndMembership).toBe(USERS);
    expect(emulator.state().users).toHaveLength(USERS);
    expect(scratchFiles(dir)).toEqual([]);
  });

  it('verify finds every mismatch on both sides of chunk and index-page boundaries, and only those', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = packageDir();
    expect((await runImport({ packageDir: dir, apply: true, connection, ...FAST, userChunkSize: CHUNK })).failures.total).toBe(0);
    const idOf = (externalId: string) => emulator.state().users.find((user) => user.external_id === externalId)!.id;
    const sdk = sdkFor(emulator);
    for (const n of [99, 100, 299, 300]) await sdk.user.updateUser(idOf(`t-user-${n}`), { userProfile: { firstName: 'Changed' } });
    await sdk.user.deleteUser(idOf('t-user-449'));

    const verified = await runVerify({ packageDir: dir, connection, rate: 10_000, userChunkSize: CHUNK });
    expect(verified.ok).toBe(false);
    expect(verified.mismatches.byKind).toEqual({ 'user.first_name': 4, 'user.missing': 1, 'membership.missing': 1 });
    expect(verified.mismatches.samples.map((mismatch) => `${mismatch.kind} ${mismatch.key}`).sort()).toEqual(
      [
        'user.first_name t-user-99',
        'user.first_name t-user-100',
        'user.first_name t-user-299',
        'user.first_name t-user-300',
        'user.missing t-user-449',
        'membership.missing t-user-449@t-org-' + (449 % 12),
      ].sort(),
    );
    expect(scratchFiles(dir)).toEqual([]);
  });

  it('rollback reads what it created and who stays from the index: an organization and a role kept by a bystander, everything else deleted', async () => {
    // The emulator's on-disk users go to a temporary folder of this test's own, so other files' emulators do not count.
    const ownTmp = tempDir('work-index-tmp-');
    const previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp;
    const { emulator, connection } = await testEmulator({ usersOnDisk: true }).finally(() => {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    });
    expect(readdirSync(ownTmp).filter((name) => name.startsWith('skm-emulator-users-'))).toHaveLength(1);
    const dir = packageDir();
    expect((await runImport({ packageDir: dir, apply: true, connection, ...FAST, userChunkSize: CHUNK })).failures.total).toBe(0);
    // After the import: someone else joins one of its organizations with one of its roles, and one of its users is gone.
    emulator.arrange({ users: [{ email: 'bystander@example.com', memberships: [{ organization_external_id: 't-org-3', roles: ['lead'] }] }] });
    await sdkFor(emulator).user.deleteUser(emulator.state().users.find((user) => user.external_id === 't-user-7')!.id);

    const plan = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.counts.users).toMatchObject({ delete: USERS - 1, alreadyGone: 1, blocked: 0 });
    expect(plan.counts.organizations).toMatchObject({ delete: 11, blocked: 1 });
    expect(plan.counts.roles).toMatchObject({ delete: 1, blocked: 1 });
    expect(plan.blocked.samples.map((entry) => `${entry.code} ${entry.key}`).sort()).toEqual(['organization-has-other-members t-org-3', 'role-in-use lead']);
    expect(emulator.state().users).toHaveLength(USERS);

    const applied = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.counts.users.delete).toBe(USERS - 1);
    expect(applied.complete).toBe(false);
    const state = emulator.state();
    expect(state.users.map((user) => user.email)).toEqual(['bystander@example.com']);
    expect(state.organizations.map((org) => org.external_id)).toEqual(['t-org-3']);
    expect(state.roles.map((role) => role.name)).toContain('lead');
    expect(state.roles.map((role) => role.name)).not.toContain('viewer');
    expect(scratchFiles(dir)).toEqual([]);
    await emulator.stop();
    expect(readdirSync(ownTmp)).toEqual([]);
  });
});
