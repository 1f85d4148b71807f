import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportOptions } from '../../src/export/options.js';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Samples shaped as each vendor documents its export (field names, nesting, quirks), written by us,
 * with the edge cases of real tenants: one person under two identities, blocked and unconfirmed
 * accounts, hashes in odd places. Each package is read back record by record.
 */
const BCRYPT = '$2b$10$Vz3m8yJc1o1tUaPq9F9S7eQeXnYhCkq0oV1hJm3wQ2r4t5u6v7w8y';
const HASH_PREFIXES = ['$2b$', '$2a$', '$2y$', '$argon2', 'pbkdf2_', '$P$', '$wp$', 'bcrypt$', 'argon2$', 'JBSWY3DP', 'c2VjcmV0c2FsdA=='];

const run = (ws: string, options: ExportOptions) => exportUsers(options, { workspace: ws });

/** Everything the export wrote besides password_hashes.ndjson, and everything it returned: none of it may carry a hash or secret. */
function assertNoSecrets(dir: string, result: unknown): void {
  const text = readdirSync(dir).filter((name) => name !== 'password_hashes.ndjson').map((name) => readFileSync(join(dir, name), 'utf8')).join('\n') + JSON.stringify(result);
  for (const prefix of HASH_PREFIXES) expect(text, `found ${prefix}`).not.toContain(prefix);
}

function write(ws: string, name: string, text: string): void {
  writeFileSync(join(ws, name), text);
}

describe('vendor export formats with the quirks of real tenants', () => {
  it('Auth0: unlinked database + social identities merge (database id kept), name equal to email is no name, app_metadata first, blocked users keep their status, hashes from the support export join their user', async () => {
    const ws = tempDir();
    const users = [
      {
        user_id: 'google-oauth2|1098374512', email: 'Ada@Example.com', email_verified: true, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace',
        identities: [{ provider: 'google-oauth2', user_id: '1098374512', connection: 'google-oauth2', isSocial: true }], user_metadata: { theme: 'dark' },
      },
      {
        user_id: 'auth0|64f1c0ffee00112233445566', email: 'ada@example.com', email_verified: false, name: 'ada@example.com', nickname: 'ada',
        identities: [{ provider: 'auth0', user_id: '64f1c0ffee00112233445566', connection: 'Username-Password-Authentication', isSocial: false }],
        user_metadata: { a01: '1', a02: '2', a03: '3', a04: '4', a05: '5', a06: '6', a07: '7', a08: '8', a09: '9', a10: '10' },
        app_metadata: { plan: 'enterprise', tenant: 'acme' },
      },
      { user_id: 'auth0|64f1c0ffee00112233445577', email: 'mallory@example.com', email_verified: true, name: 'mallory@example.com', blocked: true },
    ];
    write(ws, 'users.ndjson', users.map((u) => JSON.stringify(u)).join('\n') + '\n');
    write(
      ws,
      'hashes.ndjson',
      [
        { _id: { $oid: '64f1c0ffee00112233445566' }, email_verified: false, email: 'ada@example.com', passwordHash: BCRYPT, password_set_date: { $date: '2024-01-02T03:04:05.000Z' }, tenant: 'acme', connection: 'Username-Password-Authentication', _tmp_is_unique: true },
      ]
        .map((u) => JSON.stringify(u))
        .join('\n'),
    );
    // An organization member whose user is not in the export (deleted since): reported, not dropped silently.
    write(ws, 'orgs.json', JSON.stringify([{ id: 'org_1', name: 'acme', display_name: 'Acme', members: [{ user_id: 'auth0|gone', roles: [{ id: 'rol_1', name: 'admin' }] }] }]));
    const result = await run(ws, { source: 'auth0', file: 'users.ndjson', passwordHashesFile: 'hashes.ndjson', organizationsFile: 'orgs.json', defaultOrg: 'acme', includePasswordHashes: true });
    expect(result.warnings.find((w) => w.code === 'membership-without-user')).toMatchObject({ count: 1, samples: ['auth0|gone'] });
    expect(result.counts).toEqual({ inputRecords: 4, users: 2, organizations: 2, roles: 1, memberships: 2, rejects: 0, merged: 2, usersByStatus: { blocked: 1 } });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    // Users whose records merge are written after the others.
    expect(pkg.users).toEqual([
      { external_id: 'auth0|64f1c0ffee00112233445577', email: 'mallory@example.com', email_verified: true, memberships: [{ org_external_id: 'acme', roles: [] }], status: 'blocked' },
      {
        external_id: 'auth0|64f1c0ffee00112233445566', email: 'ada@example.com', merged_ids: ['google-oauth2|1098374512'], first_name: 'Ada', last_name: 'Lovelace', email_verified: true,
        memberships: [{ org_external_id: 'acme', roles: [] }],
        metadata: { plan: 'enterprise', tenant: 'acme', a01: '1', a02: '2', a03: '3', a04: '4', a05: '5', a06: '6', a07: '7', a08: '8' },
      },
    ]);
    expect(pkg.hashes).toEqual([{ external_id: 'auth0|64f1c0ffee00112233445566', algorithm: 'bcrypt', value: BCRYPT, params: { variant: '2b', cost: 10, auth0_connection: 'Username-Password-Authentication' } }]);
    const diagnostics = readFileSync(join(result.packageDir!, 'diagnostics.ndjson'), 'utf8');
    expect(diagnostics).toContain('"kind":"identity-merged","external_id":"auth0|64f1c0ffee00112233445566","source_ref":"hashes.ndjson:1","merged_id":"google-oauth2|1098374512","merged_source_ref":"users.ndjson:1"');
    assertNoSecrets(result.packageDir!, result);
  });

  it("Auth0: the CSV export's ' prefix is dropped, user_metadata.* columns are metadata; custom_password_hash (import format) is kept with its parameters", async () => {
    const ws = tempDir();
    write(ws, 'users.csv', "user_id,email,email_verified,name,user_metadata.plan\r\n'auth0|111,'grace@example.com,true,Grace Hopper,'gold\r\n'auth0|222,'linus@example.com,false,'linus@example.com,\r\n");
    const csv = await run(ws, { source: 'auth0', file: 'users.csv', defaultOrg: 'main', out: 'csv' });
    expect(csv.countsAddUp).toBe(true);
    const csvPkg = await readPackage(csv.packageDir!);
    expect(csvPkg.users).toEqual([
      { external_id: 'auth0|111', email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', email_verified: true, memberships: [{ org_external_id: 'main', roles: [] }], metadata: { plan: 'gold' } },
      { external_id: 'auth0|222', email: 'linus@example.com', email_verified: false, memberships: [{ org_external_id: 'main', roles: [] }] },
    ]);

    write(
      ws,
      'import-format.json',
      JSON.stringify([
        {
          user_id: 'auth0|legacy-7', email: 'ken@example.com', email_verified: true,
          custom_password_hash: { algorithm: 'pbkdf2', hash: { value: '$pbkdf2-sha512$i=100000,l=64$c2FsdHNhbHQ$aGFzaA', encoding: 'utf8' } },
        },
      ]),
    );
    const custom = await run(ws, { source: 'auth0', file: 'import-format.json', defaultOrg: 'main', out: 'custom', includePasswordHashes: true });
    const customPkg = await readPackage(custom.packageDir!);
    expect(customPkg.hashes).toEqual([
      { external_id: 'auth0|legacy-7', algorithm: 'pbkdf2', value: '$pbkdf2-sha512$i=100000,l=64$c2FsdHNhbHQ$aGFzaA', params: { auth0_algorithm: 'pbkdf2', hash_encoding: 'utf8' } },
    ]);
  });

  it('Cognito: a native user and the federated user linked to it are one person; the native sub is kept', async () => {
    const ws = tempDir();
    const user = (username: string, sub: string, email: string, status: string, extra: object[] = []) => ({
      Username: username, Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, ...extra],
      UserCreateDate: '2024-01-01T00:00:00.000Z', UserLastModifiedDate: '2024-01-01T00:00:00.000Z', Enabled: true, UserStatus: status,
    });
    write(
      ws,
      'pages.json',
      JSON.stringify({ Users: [user('Google_1185', 'fed-sub-1', 'joan@example.com', 'EXTERNAL_PROVIDER'), user('joan', 'native-sub-1', 'Joan@example.com', 'CONFIRMED', [{ Name: 'given_name', Value: 'Joan' }])] }) +
        '\n' + JSON.stringify({ Users: [user('new', 'sub-new', 'new@example.com', 'UNCONFIRMED')] }),
    );
    const result = await run(ws, { source: 'cognito', file: 'pages.json', defaultOrg: 'pool' });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.merged_ids, u.first_name, u.status])).toEqual([
      ['sub-new', 'new@example.com', undefined, undefined, 'unconfirmed'],
      ['native-sub-1', 'joan@example.com', ['fed-sub-1'], 'Joan', undefined],
    ]);
    expect(result.counts).toMatchObject({ inputRecords: 3, users: 2, merged: 1, rejects: 0 });
  });

  it('Firebase: the email/password account keeps its id over a provider-only account with the same address; disabled is inactive', async () => {
    const ws = tempDir();
    write(
      ws,
      'auth.json',
      JSON.stringify({
        users: [
          { localId: 'phoneless-google', email: 'sam@example.com', emailVerified: true, displayName: 'Sam Lee', providerUserInfo: [{ providerId: 'google.com', rawId: '555' }] },
          { localId: 'pw-account', email: 'SAM@example.com', emailVerified: false, passwordHash: 'c2NyeXB0aGFzaA==', salt: 'c2FsdA==', providerUserInfo: [{ providerId: 'password' }] },
          { localId: 'gone', email: 'gone@example.com', disabled: true },
        ],
      }),
    );
    const result = await run(ws, { source: 'firebase', file: 'auth.json', defaultOrg: 'main' });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.merged_ids, u.email_verified, u.first_name, u.status])).toEqual([
      ['gone', undefined, false, undefined, 'inactive'],
      // The Google account merged in brings its linked provider id along.
      ['pw-account', ['google.com|555', 'phoneless-google'], true, 'Sam', undefined],
    ]);
  });

  it("Clerk: a ragged row of the dashboard CSV is rejected with its line and never with its bcrypt digest or TOTP secret", async () => {
    const ws = tempDir();
    const header = 'id,first_name,last_name,username,primary_email_address,primary_phone_number,verified_email_addresses,unverified_email_addresses,verified_phone_numbers,unverified_phone_numbers,totp_secret,password_digest,password_hasher';
    write(
      ws,
      'clerk.csv',
      `${header}\nuser_2a,Ada,Lovelace,,ada@example.com,,ada@example.com,,,,,${BCRYPT},bcrypt\nuser_2b,Grace,Hopper,,grace@example.com,,grace@example.com,extra,,,,JBSWY3DPEHPK3PXP,${BCRYPT},bcrypt\n`,
    );
    const result = await run(ws, { source: 'clerk', file: 'clerk.csv', defaultOrg: 'main' });
    expect(result.counts).toMatchObject({ inputRecords: 2, users: 1, rejects: 1 });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.rejects).toEqual([{ source_ref: 'clerk.csv:3', reason: 'wrong number of CSV fields: 14, the header has 13', record: { line: 3, fields: 14 } }]);
    assertNoSecrets(result.packageDir!, result);
  });

  it('Keycloak: the all-realms array, roles through groups and composites, Keycloak 10 credentials', async () => {
    const ws = tempDir();
    const realm = (name: string, users: object[], extra: object = {}) => ({
      id: name, realm: name, enabled: true,
      roles: {
        realm: [
          { name: 'offline_access', composite: false },
          { name: `default-roles-${name}`, composite: true, composites: { realm: ['offline_access'] } },
          { name: 'editor', composite: false },
          { name: 'viewer', composite: false },
          { name: 'manager', composite: true, composites: { realm: ['editor'] } },
        ],
      },
      groups: [{ id: 'g1', name: 'staff', path: '/staff', realmRoles: ['viewer'], subGroups: [{ id: 'g2', name: 'leads', path: '/staff/leads', realmRoles: ['manager'], subGroups: [] }] }],
      users,
      ...extra,
    });
    const all = [
      realm('master', []),
      realm('acme', [
        {
          id: 'u-1', username: 'ann', email: 'ann@acme.test', emailVerified: true, enabled: true, realmRoles: [`default-roles-acme`], groups: ['/staff/leads'],
          credentials: [{ type: 'password', algorithm: 'pbkdf2-sha256', hashIterations: 27500, hashedSaltedValue: 'SGFzaGVkU2FsdGVkVmFsdWU=', salt: 'c2VjcmV0c2FsdA==' }],
        },
        { id: 'u-2', username: 'bob', email: 'bob@acme.test', emailVerified: false, enabled: false, realmRoles: ['viewer'] },
      ]),
    ];
    write(ws, 'realms.json', JSON.stringify(all, null, 2));
    const result = await run(ws, { source: 'keycloak', file: 'realms.json', defaultOrg: 'acme', includePasswordHashes: true });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.roles.map((r) => r.name)).toEqual(['editor', 'manager', 'viewer']);
    // ann's roles come from /staff/leads (manager), its parent /staff (viewer) and manager's composite (editor).
    expect(pkg.users.map((u) => [u.external_id, u.memberships, u.status])).toEqual([
      ['u-1', [{ org_external_id: 'acme', roles: ['editor', 'manager', 'viewer'] }], undefined],
      ['u-2', [{ org_external_id: 'acme', roles: ['viewer'] }], 'inactive'],
    ]);
    expect(pkg.hashes).toEqual([
      { external_id: 'u-1', algorithm: 'pbkdf2', value: 'SGFzaGVkU2FsdGVkVmFsdWU=', params: { keycloak_algorithm: 'pbkdf2-sha256', salt: 'c2VjcmV0c2FsdA==', iterations: 27500, digest: 'sha256' } },
    ]);
    expect(result.counts).toMatchObject({ inputRecords: 2, users: 2, rejects: 0 });
    assertNoSecrets(result.packageDir!, result);
  });

  it('CSV: mixed line endings, comment lines, a singular role column, a status column, a password column named user_pass kept out of rejects', async () => {
    const ws = tempDir();
    write(
      ws,
      'wp-users.csv',
      '\uFEFF# exported from wp_users\r\nID,user_login,user_pass,user_email,display_name,role,user_status\r\n' +
        `1,admin,$wp$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy,admin@blog.test,Site Admin,administrator,active\n` +
        `2,writer,$P$BQ1p6fRl0d9k5mQ2xbC7H8uYzWvTt0.,not-an-email,Writer,author,active\n` +
        '# a note in the middle\n' +
        `3,ghost,$P$BQ1p6fRl0d9k5mQ2xbC7H8uYzWvTt1.,ghost@blog.test,Ghost,subscriber,suspended\r` +
        `4,dave,,dave@blog.test,Dave,editor,active\n`,
    );
    write(ws, 'map.json', JSON.stringify({ columns: { external_id: 'ID', email: 'user_email', name: 'display_name', password_hash: 'user_pass', role: 'role', status: 'user_status' } }));
    const result = await run(ws, { source: 'csv', file: 'wp-users.csv', mapping: 'map.json', defaultOrg: 'blog', includePasswordHashes: true });
    expect(result.counts).toMatchObject({ inputRecords: 4, users: 3, rejects: 1, usersByStatus: { blocked: 1 } });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.memberships, u.status])).toEqual([
      ['1', [{ org_external_id: 'blog', roles: ['administrator'] }], undefined],
      ['3', [{ org_external_id: 'blog', roles: ['subscriber'] }], 'blocked'],
      ['4', [{ org_external_id: 'blog', roles: ['editor'] }], undefined],
    ]);
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm, h.params?.format])).toEqual([
      ['1', 'bcrypt', 'wordpress'],
      ['3', 'phpass', undefined],
    ]);
    expect(pkg.rejects).toEqual([{ source_ref: 'wp-users.csv:4', reason: 'malformed email', record: expect.objectContaining({ user_login: 'writer', user_pass: '[removed]' }) }]);
    assertNoSecrets(result.packageDir!, result);
  });
});
