import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Realm files written to be imported into Keycloak (docker-compose set-ups, test suites) rather than
 * exported from it: users without ids, plaintext import passwords, and the service accounts of
 * clients listed among the users. Found in public realm files; the samples here are our own.
 */
describe('Keycloak realm import files', () => {
  it('takes the username as the id when there is none, rejects client service accounts, and never writes a plaintext import password', async () => {
    const ws = tempDir();
    const realm = {
      realm: 'shop',
      enabled: true,
      roles: { realm: [{ name: 'offline_access' }, { name: 'clerk' }] },
      users: [
        { username: 'maria', email: 'Maria@Shop.test', enabled: true, firstName: 'Maria', realmRoles: ['offline_access', 'clerk'], credentials: [{ type: 'password', value: 'plain-import-pass-1' }] },
        {
          id: '5b0f2c1e-8d61-4d7e-9a57-1f6a9d0c3e21', username: 'omar', email: 'omar@shop.test', emailVerified: true, enabled: true,
          credentials: [{ type: 'password', secretData: '{"value":"b64digestvalue==","salt":"b64salt=="}', credentialData: '{"hashIterations":210000,"algorithm":"pbkdf2-sha512"}' }],
        },
        { username: 'service-account-billing', enabled: true, serviceAccountClientId: 'billing', email: 'service-account-billing@placeholder.org', realmRoles: ['clerk'] },
        { username: 'service-account-gateway', enabled: true, serviceAccountClientId: 'gateway' },
      ],
    };
    writeFileSync(join(ws, 'shop-realm.json'), JSON.stringify(realm, null, 2));
    const result = await exportUsers({ source: 'keycloak', file: 'shop-realm.json', defaultOrg: 'shop', includePasswordHashes: true }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);

    expect(pkg.users.map((user) => [user.external_id, user.email, user.first_name, user.memberships])).toEqual([
      ['maria', 'maria@shop.test', 'Maria', [{ org_external_id: 'shop', roles: ['clerk'] }]],
      ['5b0f2c1e-8d61-4d7e-9a57-1f6a9d0c3e21', 'omar@shop.test', undefined, [{ org_external_id: 'shop', roles: [] }]],
    ]);
    expect(pkg.rejects.map((reject) => [reject.source_ref, reject.reason])).toEqual([
      ['shop-realm.json users[2]', "a client's service account, not a person"],
      ['shop-realm.json users[3]', "a client's service account, not a person"],
    ]);
    // Only the real hash is recorded; the plaintext import password is not a hash and appears in no file.
    expect(pkg.hashes.map((hash) => [hash.external_id, hash.algorithm, hash.params?.iterations, hash.params?.digest])).toEqual([['5b0f2c1e-8d61-4d7e-9a57-1f6a9d0c3e21', 'pbkdf2', 210000, 'sha512']]);
    const written = readdirSync(result.packageDir!).map((name) => readFileSync(join(result.packageDir!, name), 'utf8')).join('\n');
    expect(written).not.toContain('plain-import-pass-1');
    expect(result.counts).toMatchObject({ inputRecords: 4, users: 2, rejects: 2, merged: 0 });
    expect(result.countsAddUp).toBe(true);
  });
});
