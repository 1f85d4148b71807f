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

  it('Cognito: a federated identity linked to a native user is kept with it', async () => {
    const ws = tempDir();
    const attribute = (Name: string, Value: string) => ({ Name, Value });
    const page = {
      Users: [
        {
          Username: 'wren', UserStatus: 'CONFIRMED', Enabled: true,
          Attributes: [
            attribute('sub', '4e1c2a9b-0d3f-4b6a-8c71-2f5e9d0a1b3c'), attribute('email', 'wren@example.net'), attribute('email_verified', 'true'),
            attribute('identities', JSON.stringify([{ userId: '113355779', providerName: 'Google', providerType: 'Google', primary: false, dateCreated: 1700000000000 }])),
          ],
        },
        {
          Username: 'Google_224466', UserStatus: 'EXTERNAL_PROVIDER', Enabled: true,
          Attributes: [
            attribute('sub', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'), attribute('email', 'kit@example.net'),
            attribute('identities', JSON.stringify([{ userId: '224466', providerName: 'Google', providerType: 'Google', primary: true }])),
          ],
        },
      ],
    };
    writeFileSync(join(ws, 'list-users.json'), JSON.stringify(page));
    const result = await exportUsers({ source: 'cognito', file: 'list-users.json', defaultOrg: 'pool' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    // The federated user's own identity is its username, not another id.
    expect(pkg.users.map((user) => [user.external_id, user.merged_ids])).toEqual([
      ['4e1c2a9b-0d3f-4b6a-8c71-2f5e9d0a1b3c', ['Google_113355779']],
      ['9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', undefined],
    ]);
  });
});
