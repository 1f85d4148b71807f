import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import type { ExportOptions } from '../../src/export/options.js';
import { readPackage, reasons } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { databaseSource } from '../../src/export/sources/database.js';
import { readUserWays } from '../helpers/user-ways.js';
import { AUDITED_SCHEMA, AUDIT_REPORT, CUSTOM_MAPPING, CUSTOM_SCHEMA, MIXED_PLAIN_IDS, MIXED_SCHEMA, NEXTAUTH_SCHEMA, SAAS_EXPECTED, SAAS_SCHEMA } from './fixtures/databases.js';

export interface Engine {
  source: 'sqlite' | 'postgres';
  /** Creates a database holding `script` and returns what --url takes (a file inside `workspace`, or a URL). */
  create(workspace: string, name: string, script: string): Promise<string>;
}

/** The same legacy databases, exported through each engine: the packages must be identical. */
export function databaseCases(engine: Engine): void {
  const run = (workspace: string, options: Partial<ExportOptions>) => exportUsers({ source: engine.source, ...options } as ExportOptions, { workspace });

  it('proposes the SaaS mapping from the schema and exports exactly the importable users', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'saas', SAAS_SCHEMA);
    const result = await run(ws, { url, includePasswordHashes: true });
    expect(result.counts).toEqual(SAAS_EXPECTED.counts);
    expect(result.countsAddUp).toBe(true);
    expect(Object.fromEntries(result.rejectReasons.map((entry) => [entry.reason, entry.count]))).toEqual(SAAS_EXPECTED.reasons);
    expect(result.passwordHashes.byAlgorithm).toEqual(SAAS_EXPECTED.byAlgorithm);
    expect(result.warnings.find((w) => w.code === 'password-hashes-not-importable')).toMatchObject({ count: 4, message: expect.stringContaining('bcrypt 1') });
    expect(result.mapping).toMatchObject({
      preset: 'saas',
      mapping: {
        users: { table: 'users', columns: { external_id: 'id', email: 'email', email_verified: 'email_verified', first_name: 'first_name', last_name: 'last_name', password_hash: 'password_hash', deleted: 'deleted_at' } },
        organizations: { table: 'organizations', columns: { external_id: 'id', display_name: 'name', domains: 'domain' } },
        memberships: { table: 'memberships', columns: { user_id: 'user_id', org_external_id: 'organization_id', role_id: 'role_id' } },
        roles: { table: 'roles', columns: { name: 'name', id: 'id', description: 'description', permissions: 'permissions' } },
      },
    });

    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual(SAAS_EXPECTED.users);
    expect(pkg.organizations).toEqual(SAAS_EXPECTED.organizations);
    expect(pkg.roles).toEqual(SAAS_EXPECTED.roles);
    expect(reasons(pkg.rejects)).toEqual(SAAS_EXPECTED.reasons);
    expect(pkg.rejects.find((r) => r.reason === 'missing email')?.source_ref).toBe('users id 9');
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm])).toEqual([['1', 'bcrypt'], ['2', 'argon2'], ['3', 'md5'], ['10', 'phpass']]);
    expect(pkg.hashes[0]!.params).toEqual({ variant: '2b', cost: 10 });
    expect(pkg.hashes[1]!.params).toMatchObject({ variant: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    const pointer = JSON.parse(readFileSync(join(ws, '.scalekit-migration', 'last-package.json'), 'utf8'));
    expect(pointer).toEqual({ path: result.packageDir });
  });

  it('writes the same bytes whatever the rows read per batch and the memory limits (merges, memberships, statuses, rejects)', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'saasbytes', SAAS_SCHEMA);
    const runs = [
      { out: 'default', hooks: {} },
      { out: 'one-row-batches', hooks: { readBatchRows: 1 } },
      // Tiny key filters and almost no remembered keys: every repeat goes the exact way, through staging.
      { out: 'tiny-limits', hooks: { readBatchRows: 3, limits: { keyFilterBits: 9, maxRepeatedKeys: 1 } } },
    ];
    const packages: Record<string, string>[] = [];
    for (const { out, hooks } of runs) {
      const result = await exportUsers({ source: engine.source, url, out, includePasswordHashes: true } as ExportOptions, { workspace: ws, ...hooks });
      expect(result.counts).toEqual(SAAS_EXPECTED.counts);
      const files = readdirSync(result.packageDir!).filter((name) => name.endsWith('.ndjson')).sort();
      packages.push(Object.fromEntries(files.map((name) => [name, readFileSync(join(result.packageDir!, name), 'utf8')])));
    }
    expect(Object.keys(packages[0]!)).toEqual(['diagnostics.ndjson', 'organizations.ndjson', 'password_hashes.ndjson', 'rejects.ndjson', 'roles.ndjson', 'users.ndjson']);
    expect(packages[0]!['users.ndjson']!.trim().split('\n')).toHaveLength(SAAS_EXPECTED.users.length);
    expect(packages[1]).toEqual(packages[0]);
    expect(packages[2]).toEqual(packages[0]);
  });

  it('writes the same bytes whether plain users take the short way or normalizeUser (both ways in one database)', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'mixed', MIXED_SCHEMA);
    // Tiny key filters stage every row after the first repeat, which orders lines differently: compared with the same limits.
    const tiny = { readBatchRows: 2, limits: { keyFilterBits: 9, maxRepeatedKeys: 1 } };
    const runs = [
      { out: 'general', hooks: { plainUsers: false } },
      { out: 'plain', hooks: {} },
      { out: 'general-tiny', hooks: { ...tiny, plainUsers: false } },
      { out: 'plain-tiny', hooks: tiny },
    ];
    const packages: Record<string, string>[] = [];
    for (const { out, hooks } of runs) {
      const result = await exportUsers({ source: engine.source, url, out, includePasswordHashes: true } as ExportOptions, { workspace: ws, ...hooks });
      expect(result.counts).toEqual({ inputRecords: 14, users: 10, organizations: 3, roles: 4, memberships: 13, rejects: 3, merged: 1, usersByStatus: { deleted: 1 } });
      const files = readdirSync(result.packageDir!).filter((name) => name.endsWith('.ndjson')).sort();
      packages.push(Object.fromEntries(files.map((name) => [name, readFileSync(join(result.packageDir!, name), 'utf8')])));
    }
    expect(packages[1]).toEqual(packages[0]);
    expect(packages[3]).toEqual(packages[2]);
    const users = packages[0]!['users.ndjson']!.trim().split('\n').map((line) => JSON.parse(line));
    expect(users.find((user) => user.external_id === '4')).toEqual({ external_id: '4', email: 'zoe@xn--bcher-kva.test', first_name: 'Zoë', last_name: 'Ünal', email_verified: true, memberships: [{ org_external_id: '3', roles: [] }] });
    expect(users.find((user) => user.external_id === '5')).toMatchObject({ first_name: 'Say "hi"', last_name: 'Back\\slash' });
    expect(users.find((user) => user.external_id === '13')).toEqual({ external_id: '13', email: 'spaced@acme.test', first_name: 'Padded', email_verified: true, memberships: [{ org_external_id: '3', roles: ['viewer'] }] });
    expect(users.find((user) => user.external_id === '14')?.memberships).toEqual([
      { org_external_id: '1', roles: ['member'] },
      { org_external_id: '2', roles: ['admin', 'viewer'] },
      { org_external_id: '3', roles: [] },
    ]);
    // The verified record keeps its id; the other fills in the first name and brings its organization.
    expect(users.find((user) => user.external_id === '10')).toMatchObject({ merged_ids: ['9'], first_name: 'Twin', last_name: 'Two', email_verified: true });
    expect(users.find((user) => user.external_id === '6')?.memberships).toEqual([{ org_external_id: '1', roles: ['org_admin'] }]);
    expect(users.find((user) => user.external_id === '7')?.memberships).toEqual([{ org_external_id: '2', roles: [] }]);
    const rejects = packages[0]!['rejects.ndjson']!.trim().split('\n').map((line) => JSON.parse(line));
    expect(rejects.map((reject) => [reject.source_ref, reject.reason])).toEqual([
      ['users id 3', 'email has non-ASCII characters before the @'],
      ['users id 11', 'first name longer than 200 characters'],
      ['users id 12', 'no organization for the user'],
    ]);
  });

  it('writes the same bytes both ways when users carry metadata columns (text, timestamp, blank)', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'mixedmeta', MIXED_SCHEMA);
    writeFileSync(join(ws, 'mapping.json'), JSON.stringify({
      users: { table: 'users', columns: { external_id: 'id', email: 'email', email_verified: 'email_verified', first_name: 'first_name', password_hash: 'password_hash' }, metadata: ['last_name', 'deleted_at'] },
      organizations: { table: 'organizations', columns: { external_id: 'id', display_name: 'name' } },
      memberships: { table: 'memberships', columns: { user_id: 'user_id', org_external_id: 'organization_id', role_id: 'role_id' } },
      roles: { table: 'roles', columns: { name: 'name', id: 'id' } },
    }));
    const packages: Record<string, string>[] = [];
    for (const plainUsers of [false, true]) {
      const result = await exportUsers({ source: engine.source, url, mapping: 'mapping.json', out: `meta-${plainUsers}`, includePasswordHashes: true } as ExportOptions, { workspace: ws, plainUsers });
      const files = readdirSync(result.packageDir!).filter((name) => name.endsWith('.ndjson')).sort();
      packages.push(Object.fromEntries(files.map((name) => [name, readFileSync(join(result.packageDir!, name), 'utf8')])));
    }
    expect(packages[1]).toEqual(packages[0]);
    const users = packages[0]!['users.ndjson']!.trim().split('\n').map((line) => JSON.parse(line));
    expect(users.find((user) => user.external_id === '1')?.metadata).toEqual({ last_name: 'User' });
    expect(users.find((user) => user.external_id === '8')?.metadata).toEqual({ deleted_at: expect.stringMatching(/^2024-02-02/) });
  });

  it('takes the short way exactly for the plain users, and normalizeUser for the rest', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'mixedways', MIXED_SCHEMA);
    const ways = await readWays(engine.source === 'sqlite' ? join(ws, url) : url, engine.source);
    expect(ways.plain).toEqual(MIXED_PLAIN_IDS);
    expect(ways.general).toEqual(['3', '7', '11', '12']);
  });

  it('only proposes the mapping with mappingOnly, writing nothing', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'saasprop', SAAS_SCHEMA);
    const result = await run(ws, { url, mappingOnly: true });
    expect(result.packageDir).toBeNull();
    expect(result.mapping).toMatchObject({ preset: 'saas', queries: { users: expect.stringContaining('LEFT JOIN "memberships" AS m') } });
    expect(existsSync(join(ws, '.scalekit-migration', 'package'))).toBe(false);
  });

  it('recognizes Auth.js adapter tables and needs an organization for their users', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'nextauth', NEXTAUTH_SCHEMA);
    const without = await run(ws, { url, out: 'pkg-none' });
    expect(without.mapping).toMatchObject({ preset: 'nextauth', mapping: { users: { columns: { email_verified: 'emailVerified', full_name: 'name' } } } });
    expect(without.counts).toMatchObject({ inputRecords: 3, users: 0, rejects: 3 });
    expect(without.rejectReasons).toEqual([{ reason: 'no organization for the user', count: 3, sampleRefs: ['users id ckada', 'users id ckgrace', 'users id cklinus'] }]);

    const result = await run(ws, { url, out: 'pkg', defaultOrg: 'acme=Acme Inc' });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      { external_id: 'ckada', email: 'ada@example.com', first_name: 'Ada', last_name: 'King Lovelace', email_verified: true, memberships: [{ org_external_id: 'acme', roles: [] }] },
      { external_id: 'ckgrace', email: 'grace@example.com', first_name: 'Grace', email_verified: false, memberships: [{ org_external_id: 'acme', roles: [] }] },
      { external_id: 'cklinus', email: 'linus@example.com', email_verified: false, memberships: [{ org_external_id: 'acme', roles: [] }] },
    ]);
    expect(pkg.organizations).toEqual([{ external_id: 'acme', display_name: 'Acme Inc' }]);
  });

  it('follows a mapping file: tables, a membership query, metadata columns within the limits', async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'custom', CUSTOM_SCHEMA);
    writeFileSync(join(ws, 'mapping.json'), JSON.stringify(CUSTOM_MAPPING));
    const result = await run(ws, { url, mapping: 'mapping.json', out: 'pkg' });
    expect(result.counts).toEqual({ inputRecords: 3, users: 2, organizations: 2, roles: 3, memberships: 3, rejects: 1, merged: 0 });
    expect(result.rejectReasons).toEqual([{ reason: 'email_verified is not a boolean or timestamp', count: 1, sampleRefs: ['people id 102'] }]);
    expect(result.warnings.find((w) => w.code === 'user-metadata-overflow')).toMatchObject({ count: 1, samples: ['101'] });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      {
        external_id: '100', email: 'alice@umbrella.test', first_name: 'Alice', last_name: 'Abernathy', email_verified: true,
        memberships: [{ org_external_id: 'c-1', roles: ['admin', 'billing'] }], metadata: { country: 'FR', plan: 'enterprise' },
      },
      {
        external_id: '101', email: 'miles@cyberdyne.test', first_name: 'Miles', last_name: 'Dyson', email_verified: false,
        memberships: [{ org_external_id: 'c-1', roles: [] }, { org_external_id: 'c-2', roles: ['member'] }],
      },
    ]);
    expect(pkg.organizations).toEqual([
      { external_id: 'c-1', display_name: 'Umbrella', metadata: { industry: 'pharma' } },
      { external_id: 'c-2', display_name: 'Cyberdyne' },
    ]);
    const diagnostics = readFileSync(join(result.packageDir!, 'diagnostics.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(diagnostics).toContainEqual({ source_ref: 'people id 101', external_id: '101', kind: 'user-metadata-left-out', key: 'plan', reason: 'value-too-long', value_length: 300 });

    const strict = await run(ws, { url, mapping: 'mapping.json', out: 'strict', rejectMetadataOverflow: true });
    expect(Object.fromEntries(strict.rejectReasons.map((r) => [r.reason, r.count]))).toEqual({ 'email_verified is not a boolean or timestamp': 1, 'metadata over the limits': 1 });
  });

  it("finds oddly named tables through the audit's dataModel, and says what is missing without it", async () => {
    const ws = tempDir();
    const url = await engine.create(ws, 'audited', AUDITED_SCHEMA);
    await expect(run(ws, { url, out: 'pkg0' })).rejects.toThrow(/no users table found/);
    mkdirSync(join(ws, '.scalekit-migration'), { recursive: true });
    writeFileSync(join(ws, '.scalekit-migration', 'audit.json'), JSON.stringify(AUDIT_REPORT));
    const result = await run(ws, { url, out: 'pkg' });
    expect(result.mapping).toMatchObject({
      mapping: { users: { table: 'app_member' }, organizations: { table: 'app_group', columns: { display_name: 'title' } }, memberships: { table: 'app_member_group', columns: { user_id: 'member_id', org_external_id: 'group_id', role: 'role' } } },
    });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.first_name, u.memberships])).toEqual([
      ['1', 'Kim', [{ org_external_id: '10', roles: ['partner'] }]],
      ['2', 'Jimmy', [{ org_external_id: '10', roles: ['partner'] }]],
    ]);
  });
}

/** Which way each user of a database comes: as a plain line, or for normalizeUser. */
async function readWays(location: string, kind: 'sqlite' | 'postgres'): Promise<{ plain: string[]; general: string[] }> {
  return readUserWays(await databaseSource({ kind, location, ref: kind }), { skipInactive: false });
}
