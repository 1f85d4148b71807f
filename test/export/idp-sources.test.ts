import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src/export/options.js';
import { exportUsers } from '../../src/export/run-export.js';
import { repoRoot } from '../helpers/cli.js';
import { readPackage, reasons } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'export');

/** A workspace holding copies of the named vendor fixtures. */
function workspaceWith(...names: string[]): string {
  const ws = tempDir();
  for (const name of names) cpSync(join(fixtures, name), join(ws, name), { recursive: true });
  return ws;
}

const run = (ws: string, options: ExportOptions) => exportUsers(options, { workspace: ws });

describe('export from identity-provider export files', () => {
  it('Auth0: user export job NDJSON (plain or gzipped) with organizations and their members', async () => {
    const ws = workspaceWith('auth0-users.ndjson', 'auth0-organizations.json');
    writeFileSync(join(ws, 'auth0-users.json.gz'), gzipSync(readFileSync(join(ws, 'auth0-users.ndjson'))));
    for (const file of ['auth0-users.ndjson', 'auth0-users.json.gz']) {
      const result = await run(ws, { source: 'auth0', file, organizationsFile: 'auth0-organizations.json', out: `pkg-${file}`, skipInactive: true });
      expect(result.counts).toEqual({ inputRecords: 5, users: 2, organizations: 2, roles: 2, memberships: 3, rejects: 3, merged: 0 });
      const pkg = await readPackage(result.packageDir!);
      expect(pkg.users).toEqual([
        {
          external_id: 'auth0|5f7c8ec7c33c6c004bbafe82', email: 'ada@acme.test', first_name: 'Ada', last_name: 'Lovelace', email_verified: true,
          memberships: [{ org_external_id: 'org_G1obexQmAbcDEF22', roles: ['member'] }, { org_external_id: 'org_W8fTtwfQmAbcDEF1', roles: ['admin'] }],
          metadata: { theme: 'dark', plan: 'pro', tenant: 'acme' },
        },
        {
          external_id: 'google-oauth2|109837451234567890123', email: 'grace@globex.test', first_name: 'Grace', last_name: 'Hopper', email_verified: true,
          memberships: [{ org_external_id: 'org_G1obexQmAbcDEF22', roles: ['member'] }],
        },
      ]);
      expect(pkg.organizations).toEqual([
        { external_id: 'org_G1obexQmAbcDEF22', display_name: 'Globex' },
        { external_id: 'org_W8fTtwfQmAbcDEF1', display_name: 'Acme Corp', metadata: { tier: 'enterprise' } },
      ]);
      expect(reasons(pkg.rejects)).toEqual({ 'account blocked in the source (skipInactive)': 1, 'missing email': 1, 'no organization for the user': 1 });
      expect(pkg.manifest.passwordHashes.byAlgorithm).toEqual({ none: 2 });
    }
  });

  it("Firebase: auth:export JSON with scrypt hashes, salts and the project's hash parameters", async () => {
    const ws = workspaceWith('firebase-users.json');
    const result = await run(ws, {
      source: 'firebase', file: 'firebase-users.json', defaultOrg: 'main=Main workspace', includePasswordHashes: true, skipInactive: true,
      hashKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==', saltSeparator: 'Bw==', rounds: 8, memCost: 14,
    });
    expect(result.counts).toEqual({ inputRecords: 4, users: 2, organizations: 1, roles: 0, memberships: 2, rejects: 2, merged: 0 });
    expect(result.passwordHashes.byAlgorithm).toEqual({ 'firebase-scrypt': 1, none: 1 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      {
        external_id: '0Rv9yBDqBXRhOt5nRbCGi2yT3Tn2', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', email_verified: true,
        memberships: [{ org_external_id: 'main', roles: [] }], metadata: { plan: 'pro', admin: 'true' },
      },
      // Her Google sign-in (providerUserInfo) is her account's other id; Ada's password entry and the phone user's are not ids.
      {
        external_id: 'Qm2mXK1HFHhnbXJbmBz0c7bB6a33', email: 'grace@example.com', merged_ids: ['google.com|109837451234567890123'], first_name: 'Grace', last_name: 'Brewster Hopper', email_verified: true,
        memberships: [{ org_external_id: 'main', roles: [] }],
      },
    ]);
    expect(pkg.hashes).toEqual([
      {
        external_id: '0Rv9yBDqBXRhOt5nRbCGi2yT3Tn2', algorithm: 'firebase-scrypt',
        value: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==',
        params: { salt: '42xEC+ixf3L2lw==', signer_key: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==', salt_separator: 'Bw==', rounds: 8, mem_cost: 14 },
      },
    ]);
    expect(reasons(pkg.rejects)).toEqual({ 'missing email': 1, 'account inactive in the source (skipInactive)': 1 });
    const rejectsText = readFileSync(join(result.packageDir!, 'rejects.ndjson'), 'utf8');
    expect(rejectsText).not.toContain('bWFsbG9yeS1oYXNo');
    expect(rejectsText).toContain('"passwordHash":"[removed]"');

    const withoutParameters = await run(ws, { source: 'firebase', file: 'firebase-users.json', defaultOrg: 'main', out: 'no-params' });
    expect(withoutParameters.warnings.find((w) => w.code === 'firebase-hash-parameters-missing')).toMatchObject({ count: 2, samples: ['0Rv9yBDqBXRhOt5nRbCGi2yT3Tn2', 'Dis4bledUser00000000000000b'] });
  });

  it('Cognito: ListUsers pages; sub is the external id, custom attributes become metadata, disabled and unconfirmed users carry their status', async () => {
    const ws = workspaceWith('cognito-list-users.json');
    const result = await run(ws, { source: 'cognito', file: 'cognito-list-users.json', defaultOrg: 'pool' });
    expect(result.counts).toEqual({ inputRecords: 4, users: 4, organizations: 1, roles: 0, memberships: 4, rejects: 0, merged: 0, usersByStatus: { inactive: 1, unconfirmed: 1 } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.email_verified, u.first_name, u.last_name, u.metadata, u.status])).toEqual([
      ['9a8b7c6d-1111-4a2b-9c3d-0123456789ab', 'ada@example.com', true, 'Ada', 'Lovelace', { tenant_id: 'acme', plan: 'pro' }, undefined],
      ['1b2c3d4e-2222-4a2b-9c3d-0123456789ab', 'former@example.com', true, undefined, undefined, undefined, 'inactive'],
      ['5c6d7e8f-3333-4a2b-9c3d-0123456789ab', 'grace@example.com', false, 'Grace', 'Hopper', undefined, 'unconfirmed'],
      ['7e8f9a0b-4444-4a2b-9c3d-0123456789ab', 'linus@example.com', false, undefined, undefined, undefined, undefined],
    ]);
    expect(pkg.manifest.counts.usersByStatus).toEqual({ inactive: 1, unconfirmed: 1 });
    expect(pkg.organizations).toEqual([{ external_id: 'pool', display_name: 'pool' }]);
    expect(result.warnings.map((w) => w.code)).toContain('organization-derived');

    const skipping = await run(ws, { source: 'cognito', file: 'cognito-list-users.json', defaultOrg: 'pool', skipInactive: true, out: 'skip' });
    expect((await readPackage(skipping.packageDir!)).rejects.map((r) => [r.source_ref, r.reason])).toEqual([
      ['cognito-list-users.json:19', 'account inactive in the source (skipInactive)'],
      ['cognito-list-users.json:36', 'account unconfirmed in the source (skipInactive)'],
    ]);
  });

  it('Cognito: an attribute listed twice keeps its first place and its last value; a given_name without a value still means no full name', async () => {
    const ws = tempDir();
    const attributes = [
      { Name: 'custom:plan', Value: 'free' },
      { Name: 'sub', Value: 'sub-1' },
      { Name: 'email', Value: 'old@example.com' },
      { Name: 'custom:tenant', Value: 'acme' },
      { Name: 'given_name' },
      { Name: 'name', Value: 'Ada Lovelace' },
      { Name: 'email', Value: 'ada@example.com' },
      { Name: 'custom:plan', Value: 'pro' },
    ];
    writeFileSync(join(ws, 'users.json'), JSON.stringify({ Users: [{ Username: 'ada', Attributes: attributes, Enabled: true, UserStatus: 'CONFIRMED' }] }));
    const result = await run(ws, { source: 'cognito', file: 'users.json', defaultOrg: 'pool' });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.first_name, u.last_name, u.metadata])).toEqual([['sub-1', 'ada@example.com', undefined, undefined, { plan: 'pro', tenant: 'acme' }]]);
    expect(Object.keys(pkg.users[0]!.metadata!)).toEqual(['plan', 'tenant']);
  });

  it('Clerk: dashboard CSV with quoted names, verified addresses and password digests (TOTP secrets never copied)', async () => {
    const ws = workspaceWith('clerk-users.csv');
    const result = await run(ws, { source: 'clerk', file: 'clerk-users.csv', orgPerUser: true, includePasswordHashes: true });
    expect(result.counts).toEqual({ inputRecords: 4, users: 3, organizations: 3, roles: 0, memberships: 3, rejects: 1, merged: 0 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.email_verified, u.first_name, u.last_name, u.memberships[0]!.org_external_id])).toEqual([
      ['user_2ZZa1bC3dE4fG5hI6jK7lM8nO9p', 'ada@example.com', true, 'Ada', 'Lovelace', 'personal-user_2ZZa1bC3dE4fG5hI6jK7lM8nO9p'],
      ['user_2ZZb1bC3dE4fG5hI6jK7lM8nO9q', 'grace@example.com', false, 'Grace', 'Hopper', 'personal-user_2ZZb1bC3dE4fG5hI6jK7lM8nO9q'],
      ['user_2ZZc1bC3dE4fG5hI6jK7lM8nO9r', 'obrien@example.com', true, "O'Brien, Jr.", 'Smith "Smitty"', 'personal-user_2ZZc1bC3dE4fG5hI6jK7lM8nO9r'],
    ]);
    expect(pkg.organizations[0]).toEqual({ external_id: 'personal-user_2ZZa1bC3dE4fG5hI6jK7lM8nO9p', display_name: "Ada Lovelace's workspace" });
    expect(pkg.hashes.map((h) => [h.algorithm, h.params])).toEqual([
      ['bcrypt', { variant: '2a', cost: 10, clerk_hasher: 'bcrypt' }],
      ['argon2', { variant: 'argon2id', version: 19, memoryKiB: 19456, iterations: 2, parallelism: 1, clerk_hasher: 'argon2id' }],
    ]);
    expect(pkg.rejects).toEqual([{ source_ref: 'clerk-users.csv:5', reason: 'missing email', record: expect.objectContaining({ totp_secret: '[removed]', username: 'phoneonly' }) }]);
  });

  it('Keycloak: realm export with organizations, realm roles and pbkdf2 credentials', async () => {
    const ws = workspaceWith('keycloak-realm.json');
    const result = await run(ws, { source: 'keycloak', file: 'keycloak-realm.json', includePasswordHashes: true, skipInactive: true });
    expect(result.counts).toEqual({ inputRecords: 4, users: 2, organizations: 1, roles: 1, memberships: 2, rejects: 2, merged: 0 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.roles).toEqual([{ name: 'admin', description: 'Administrators' }]);
    expect(pkg.organizations).toEqual([{ external_id: '7a3f9c1e-0b2d-4e5f-8a9b-0c1d2e3f4a5b', display_name: 'Acme EU', domains: ['acme.eu'], metadata: { region: 'eu-west-1' } }]);
    expect(pkg.users).toEqual([
      {
        external_id: 'u-ada', email: 'ada@acme.eu', first_name: 'Ada', last_name: 'Lovelace', email_verified: true,
        memberships: [{ org_external_id: '7a3f9c1e-0b2d-4e5f-8a9b-0c1d2e3f4a5b', roles: ['admin'] }], metadata: { locale: 'en', department: 'R&D' },
      },
      { external_id: 'u-grace', email: 'grace@acme.eu', first_name: 'Grace', last_name: 'Hopper', email_verified: false, memberships: [{ org_external_id: '7a3f9c1e-0b2d-4e5f-8a9b-0c1d2e3f4a5b', roles: [] }] },
    ]);
    expect(pkg.hashes).toEqual([
      {
        external_id: 'u-ada', algorithm: 'pbkdf2', value: 'Vk3wq9Jg3nH0aVv0x2cq8S1Q8f3mYy7cQ0u4u2l6Y1o=',
        params: { keycloak_algorithm: 'pbkdf2-sha256', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', iterations: 27500, digest: 'sha256' },
      },
    ]);
    // The client's service account is not a person, whether or not it has an address.
    expect(reasons(pkg.rejects)).toEqual({ "a client's service account, not a person": 1, 'account inactive in the source (skipInactive)': 1 });
  });

  it('Keycloak: directory export (realm file plus user pages) with top-level groups as organizations', async () => {
    const ws = workspaceWith('keycloak-dir');
    const result = await run(ws, { source: 'keycloak', file: 'keycloak-dir', groupsAsOrganizations: true, skipInactive: true });
    expect(result.counts).toEqual({ inputRecords: 4, users: 1, organizations: 1, roles: 1, memberships: 1, rejects: 3, merged: 0 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.organizations).toEqual([{ external_id: 'g-eu', display_name: 'acme-eu' }]);
    expect(pkg.users[0]).toMatchObject({ external_id: 'u-ada', memberships: [{ org_external_id: 'g-eu', roles: ['admin'] }] });
    expect(pkg.rejects.map((r) => [r.source_ref, r.reason])).toEqual([
      ['acme-users-1.json users[0]', "a client's service account, not a person"],
      ['acme-users-1.json users[1]', 'account inactive in the source (skipInactive)'],
      // Users without an organization are decided after merging (a twin could bring one): rejected last.
      ['acme-users-0.json users[1]', 'no organization for the user'],
    ]);
  });
});
