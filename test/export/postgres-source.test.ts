import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { quoteName } from '../../src/export/sql/database.js';
import type { SqlMapping } from '../../src/export/sql/mapping.js';
import { plainUserLine } from '../../src/export/sql/plain-user.js';
import { openPostgres } from '../../src/export/sql/postgres-database.js';
import { serverLineColumns } from '../../src/export/sql/postgres-user-lines.js';
import { createDatabase, startTestPostgres, type TestPostgres } from '../helpers/postgres-server.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { databaseCases } from './database-cases.js';
import { BCRYPT, SUPABASE_SCHEMA } from './fixtures/databases.js';
import { BASEJUMP } from './fixtures/tenant-schemas.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describe('export from PostgreSQL (a real server through the pg driver)', () => {
  databaseCases({
    source: 'postgres',
    create: (_workspace, name, script) => createDatabase(server, name, script),
  });

  it("starts in the server exactly the line plainUserLine writes, for the printable ASCII values it takes (edges of JSON, trim, lower, addresses)", async () => {
    // [id, email, first name, last name, verified, whether the server should take it]
    const edges: [string, string | null, string | null, string | null, boolean | null, boolean][] = [
      ['1', 'ada@example.com', 'Ada', 'Lovelace', true, true],
      ['  2 ', '  Upper@Example.COM ', ' Pad ', '', null, true],
      ['3', 'a@b.co', null, null, false, true],
      ['4', 'x_%+-@sub-1.d0main.example', '~]^[`{|}', '!#$%&()*', true, true],
      ['5', 'quote@example.com', 'Say "hi"', 'x', true, false],
      ['6', 'slash@example.com', 'Back\\slash', 'x', true, false],
      ['7', 'tab@example.com', 'Tab\there', 'x', true, false],
      ['8', 'zoe@example.com', 'Zoë', 'x', true, false],
      ['9', 'del@example.com', 'del\u007f', 'x', true, false],
      ['10', 'josé@example.com', 'x', 'x', true, false],
      ['11', 'zoe@bücher.test', 'x', 'x', true, false],
      ['12', '.dot@example.com', 'x', 'x', true, false],
      ['13', 'a..b@example.com', 'x', 'x', true, false],
      ['14', 'a@-b.example.com', 'x', 'x', true, false],
      ['15', 'a@b.c', 'x', 'x', true, false],
      ['16', `${'l'.repeat(64)}@example.com`, 'x', 'x', true, true],
      ['17', `${'l'.repeat(65)}@example.com`, 'x', 'x', true, false],
      ['18', `a@${'d'.repeat(59)}.com`, 'x', 'x', true, true],
      // A domain over 63 characters is left to JS (which takes it), a label over 63 is refused by both.
      ['19', `a@${'d'.repeat(60)}.com`, 'x', 'x', true, false],
      ['19b', `a@${'d'.repeat(64)}.example.com`, 'x', 'x', true, false],
      ['20', 'two@at@example.com', 'x', 'x', true, false],
      ['21', '', 'x', 'x', true, false],
      ['22', null, 'x', 'x', true, false],
      ['   ', 'blank-id@example.com', 'x', 'x', true, false],
      ['id"q', 'quoted-id@example.com', 'x', 'x', true, false],
      ['23', 'long@example.com', 'n'.repeat(200), 'x', true, true],
      ['24', 'longer@example.com', 'n'.repeat(201), 'x', true, false],
      ['25', 'ISTANBUL@EXAMPLE.COM', 'I', 'i', true, true],
    ];
    const literal = (v: string | boolean | null) => (v === null ? 'NULL' : typeof v === 'boolean' ? String(v) : `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
    const rows = edges.map(([id, email, first, last, verified], i) => `(${i}, ${[id, email, first, last, verified].map(literal).join(', ')})`);
    const url = await createDatabase(server, 'serverlines', `CREATE TABLE edges (ord INTEGER, id TEXT, email TEXT, first_name TEXT, last_name TEXT, email_verified BOOLEAN); INSERT INTO edges VALUES ${rows.join(', ')}; CREATE TABLE m (user_id TEXT, org_id INTEGER);`);
    const mapping: SqlMapping = {
      users: { table: 'edges', columns: { external_id: 'id', email: 'email', first_name: 'first_name', last_name: 'last_name', email_verified: 'email_verified' } },
      memberships: { table: 'm', columns: { user_id: 'user_id', org_external_id: 'org_id' } },
    } as SqlMapping;
    const db = await openPostgres(url);
    try {
      const columns = await serverLineColumns(db, mapping, (field) => (mapping.users.columns[field] === undefined ? undefined : `u.${quoteName(mapping.users.columns[field] as string)}`), 'edges AS u');
      expect(columns).toHaveLength(1);
      const read = await db.all(`SELECT ${columns!.map((c, i) => `${c} AS c${i}`).join(', ')}, u.* FROM edges AS u ORDER BY ord`);
      const membership = '{"org_external_id":"1","roles":[]}';
      const taken = read.map((row) => {
        const js = plainUserLine({ externalId: row.id, email: row.email, emailVerified: row.email_verified, firstName: row.first_name, lastName: row.last_name, fullName: null, status: undefined, hasMetadata: false, passwordHash: null, memberships: [{ orgExternalId: 1, roles: null }] }, 'x', false);
        if (row.c0 === null) return false;
        expect(row.c0 + membership + ']}').toEqual(js?.line);
        return true;
      });
      expect(taken).toEqual(edges.map((edge) => edge[5]));
    } finally {
      await db.close();
    }
  });

  it('reads the Supabase layout: auth.users with the app tables, bans and unanswered invitations as statuses, never echoing a password', async () => {
    const url = (await createDatabase(server, 'supabase', SUPABASE_SCHEMA)).replace('postgres@', 'postgres:s3cret@');
    const ws = tempDir();
    const result = await exportUsers({ source: 'postgres', url, includePasswordHashes: true }, { workspace: ws });
    expect(result.source.ref).not.toContain('s3cret');
    expect(result.mapping).toMatchObject({ preset: 'supabase', mapping: { users: { table: 'auth.users' }, memberships: { table: 'organization_members' } } });
    expect(result.counts).toEqual({ inputRecords: 4, users: 3, organizations: 1, roles: 2, memberships: 3, rejects: 1, merged: 0, usersByStatus: { blocked: 1, unconfirmed: 1 } });
    expect(Object.fromEntries(result.rejectReasons.map((r) => [r.reason, r.count]))).toEqual({ 'missing email': 1 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      {
        external_id: '11111111-1111-1111-1111-111111111111', email: 'gavin@hooli.test', first_name: 'Gavin', last_name: 'Belson', email_verified: true,
        memberships: [{ org_external_id: '00000000-0000-0000-0000-0000000000a1', roles: ['owner'] }],
      },
      {
        external_id: '22222222-2222-2222-2222-222222222222', email: 'richard@hooli.test', first_name: 'Richard', last_name: 'Hendricks', email_verified: false,
        memberships: [{ org_external_id: '00000000-0000-0000-0000-0000000000a1', roles: ['member'] }], status: 'blocked',
      },
      {
        external_id: '44444444-4444-4444-4444-444444444444', email: 'jared@hooli.test', email_verified: false,
        memberships: [{ org_external_id: '00000000-0000-0000-0000-0000000000a1', roles: ['member'] }], status: 'unconfirmed',
      },
    ]);
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm])).toEqual([['11111111-1111-1111-1111-111111111111', 'bcrypt'], ['22222222-2222-2222-2222-222222222222', 'bcrypt']]);
    expect(JSON.stringify(pkg.rejects)).not.toContain(BCRYPT);
  });

  it('reads basejump on Supabase: accounts are the tenants, owners from primary_owner_user_id, invitations are not members, an SSO twin merges', async () => {
    const url = await createDatabase(server, 'basejump', BASEJUMP);
    const ws = tempDir();
    const result = await exportUsers({ source: 'postgres', url }, { workspace: ws });
    expect(result.mapping).toMatchObject({ preset: 'supabase', mapping: { organizations: { table: 'basejump.accounts' }, memberships: { query: expect.stringContaining('"basejump"."account_user"') } } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      {
        external_id: 'aaaaaaaa-0000-0000-0000-000000000001', email: 'owner@basejump.test', first_name: 'Olive', last_name: 'Owner', email_verified: true,
        memberships: [{ org_external_id: 'bbbbbbbb-0000-0000-0000-000000000001', roles: ['owner'] }],
      },
      {
        // The SSO user with the same address (no membership of its own) is the same person; the verified email user keeps its id.
        external_id: 'aaaaaaaa-0000-0000-0000-000000000002', email: 'member@basejump.test', merged_ids: ['aaaaaaaa-0000-0000-0000-000000000003'], email_verified: true,
        memberships: [{ org_external_id: 'bbbbbbbb-0000-0000-0000-000000000001', roles: ['member'] }],
      },
    ]);
    expect(pkg.organizations).toEqual([{ external_id: 'bbbbbbbb-0000-0000-0000-000000000001', display_name: 'Basejump Inc' }]);
  });

  it('names an unreachable server clearly, without the password', async () => {
    await expect(exportUsers({ source: 'postgres', url: 'postgres://app:hunter2@127.0.0.1:1/app' }, { workspace: tempDir() })).rejects.toThrow(
      /cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/app/,
    );
  });
});
