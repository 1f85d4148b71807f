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

describe('providers and identity-provider accounts linked to one account', () => {
  it("Firebase: providerUserInfo's federated providers are the account's ids; the password and phone entries are not", async () => {
    const ws = tempDir();
    // The shape of `firebase auth:export --format=json`: the linked providers sit in providerUserInfo.
    const users = [
      {
        localId: 'Xq3mB7tK9vRz2LwP1nYc8dEf4gH5', email: 'ines@example.com', emailVerified: true, displayName: 'Inès Moreau',
        passwordHash: 'bGVnYWN5LWhhc2gtYnl0ZXM=', salt: 'c2FsdHNhbHQ=', createdAt: '1690000000000',
        providerUserInfo: [
          { providerId: 'password', rawId: 'ines@example.com', email: 'ines@example.com', displayName: 'Inès Moreau' },
          { providerId: 'google.com', rawId: '108877665544332211000', email: 'ines@example.com', displayName: 'Inès Moreau', photoUrl: 'https://example.com/p.png' },
          { providerId: 'phone', rawId: '+33600000000', phoneNumber: '+33600000000' },
        ],
      },
      {
        localId: 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9', email: 'teo@example.com', emailVerified: false,
        providerUserInfo: [{ providerId: 'github.com', rawId: '4242', email: 'teo@example.com' }],
      },
      // Before account linking, the same person signed in with Apple: a second account, no password, same address.
      {
        localId: 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1', email: 'Ines@Example.com', emailVerified: true,
        providerUserInfo: [{ providerId: 'apple.com', rawId: '001234.abcdef0123456789.0042', email: 'Ines@Example.com' }],
      },
      { localId: 'NoProvidersAtAll000000000000', email: 'ola@example.com', emailVerified: true, providerUserInfo: [] },
    ];
    writeFileSync(join(ws, 'users.json'), JSON.stringify({ users }, null, 2));
    const result = await exportUsers({ source: 'firebase', file: 'users.json', defaultOrg: 'main' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => [user.external_id, user.email, user.merged_ids])).toEqual([
      ['Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9', 'teo@example.com', ['github.com|4242']],
      ['NoProvidersAtAll000000000000', 'ola@example.com', undefined],
      // The account with the password keeps its id; the Apple account's id and its provider come with it.
      ['Xq3mB7tK9vRz2LwP1nYc8dEf4gH5', 'ines@example.com', ['Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1', 'apple.com|001234.abcdef0123456789.0042', 'google.com|108877665544332211000']],
    ]);
    expect(JSON.stringify(pkg.users)).not.toContain('+33600000000');
    expect(result.counts).toMatchObject({ inputRecords: 4, users: 3, merged: 1, rejects: 0 });
    expect(result.countsAddUp).toBe(true);
  });

  it("Keycloak: federatedIdentities are the user's ids, named by the identity provider's alias", async () => {
    const ws = tempDir();
    const realm = {
      realm: 'acme', enabled: true,
      roles: { realm: [{ name: 'offline_access' }, { name: 'default-roles-acme' }] },
      users: [
        {
          id: '5b0f1c9e-2a3d-4e8f-9b1a-7c6d5e4f3a2b', username: 'hana', email: 'hana@example.org', emailVerified: true, enabled: true,
          federatedIdentities: [
            { identityProvider: 'github', userId: '9081726', userName: 'hana-gh' },
            { identityProvider: 'corp-oidc', userId: 'f3e2d1c0-aaaa-bbbb-cccc-000000000001', userName: 'hana@corp.example' },
          ],
        },
        { id: '0c1d2e3f-4a5b-4c6d-8e7f-901234567890', username: 'li', email: 'li@example.org', emailVerified: false, enabled: true },
        // A broken entry (no userId) names no account and is left out.
        { id: 'b1b2b3b4-c1c2-4d1d-8e1e-f1f2f3f4f5f6', username: 'oz', email: 'oz@example.org', enabled: false, federatedIdentities: [{ identityProvider: 'github', userName: 'oz' }] },
      ],
    };
    writeFileSync(join(ws, 'acme-realm.json'), JSON.stringify(realm, null, 2));
    const result = await exportUsers({ source: 'keycloak', file: 'acme-realm.json', defaultOrg: 'acme' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => [user.external_id, user.merged_ids, user.status])).toEqual([
      ['5b0f1c9e-2a3d-4e8f-9b1a-7c6d5e4f3a2b', ['corp-oidc|f3e2d1c0-aaaa-bbbb-cccc-000000000001', 'github|9081726'], undefined],
      ['0c1d2e3f-4a5b-4c6d-8e7f-901234567890', undefined, undefined],
      ['b1b2b3b4-c1c2-4d1d-8e1e-f1f2f3f4f5f6', undefined, 'inactive'],
    ]);
    expect(result.counts).toMatchObject({ inputRecords: 3, users: 3, merged: 0, rejects: 0 });
  });
});
