import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
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
