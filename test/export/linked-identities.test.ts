import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('one person with two identities comes out as one user with both ids', () => {
  it("Auth0: identities linked to an account are the same person; an unlinked record with the address merges too", async () => {
    const ws = tempDir();
    const users = [
      {
        user_id: 'auth0|65a1b2c3d4e5f60718293a4b', email: 'Noor@Example.org', email_verified: true, given_name: 'Noor', family_name: 'Haddad',
        identities: [
          { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: '65a1b2c3d4e5f60718293a4b', isSocial: false },
          { connection: 'google-oauth2', provider: 'google-oauth2', user_id: '104729000000000000001', isSocial: true },
        ],
      },
      // The same person signed in with GitHub before linking existed: a second record, unlinked.
      { user_id: 'github|5550123', email: 'noor@example.org', email_verified: true, identities: [{ connection: 'github', provider: 'github', user_id: 5550123, isSocial: true }] },
      { user_id: 'github|777', email: 'sam@example.org', email_verified: false, identities: [{ connection: 'github', provider: 'github', user_id: 777, isSocial: true }] },
    ];
    writeFileSync(join(ws, 'users.ndjson'), users.map((user) => JSON.stringify(user)).join('\n') + '\n');
    const result = await exportUsers({ source: 'auth0', file: 'users.ndjson', defaultOrg: 'main' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    // Records that merge are written after the others (the merge happens once the whole source is read).
    expect(pkg.users.map((user) => [user.external_id, user.email, user.merged_ids])).toEqual([
      ['github|777', 'sam@example.org', undefined],
      ['auth0|65a1b2c3d4e5f60718293a4b', 'noor@example.org', ['github|5550123', 'google-oauth2|104729000000000000001']],
    ]);
    expect(result.counts).toMatchObject({ inputRecords: 3, users: 2, merged: 1, rejects: 0 });
    expect(result.countsAddUp).toBe(true);
  });
});
