import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/import/journal-read.js';
import { JournalWriter } from '../../src/import/journal-write.js';
import { ownedByJournal } from '../../src/import/ownership.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('what a journal owns', () => {
  it('counts only completed creates, minus completed deletes, and memberships added to users it did not create', async () => {
    const path = join(tempDir(), 'journal.ndjson');
    const run1 = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'd' });
    const role = await run1.intent('role.create', { role: 'admin' });
    run1.done(role, 'role_1');
    const org = await run1.intent('org.create', { orgExternalId: 'o1' });
    run1.done(org, 'org_1');
    const created = await run1.intent('user.create', { userExternalId: 'u1', org: 'org_1', orgExternalId: 'o1' });
    run1.done(created, 'usr_1');
    const failed = await run1.intent('user.create', { userExternalId: 'u2', org: 'org_1' });
    run1.failed(failed, 'ALREADY_EXISTS');
    await run1.intent('user.create', { userExternalId: 'u3', org: 'org_1' }); // in flight when the process died
    const added = await run1.intent('membership.create', { user: 'usr_pre', userExternalId: 'p1', org: 'org_1', orgExternalId: 'o1' });
    run1.done(added);
    const ownUpdate = await run1.intent('membership.update', { user: 'usr_1', org: 'org_1' });
    run1.done(ownUpdate);
    const foreignUpdate = await run1.intent('org.update', { org: 'org_pre' });
    run1.done(foreignUpdate, 'org_pre');
    await run1.close();

    const owned = ownedByJournal(await readJournal(path));
    expect([...owned.roles]).toEqual(['admin']);
    expect([...owned.organizations]).toEqual([['org_1', 'o1']]);
    expect([...owned.users]).toEqual([['usr_1', 'u1']]);
    expect([...owned.memberships.keys()]).toEqual(['usr_pre|org_1']);
    expect(owned.updatesToOthers).toBe(1);

    const run2 = await JournalWriter.start(path, await readJournal(path), { command: 'rollback', packageDigest: 'd' });
    const deleted = await run2.intent('user.delete', { user: 'usr_1' });
    run2.done(deleted);
    const removed = await run2.intent('membership.delete', { user: 'usr_pre', org: 'org_1' });
    run2.done(removed);
    await run2.close();
    const after = ownedByJournal(await readJournal(path));
    expect(after.users.size).toBe(0);
    expect(after.memberships.size).toBe(0);
    expect([...after.organizations.keys()]).toEqual(['org_1']);
  });
});
