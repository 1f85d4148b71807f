import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNMAPPABLE_ROLE_NAME } from '../../src/export/normalize/role-name.js';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage, reasons } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createLegacyRolesDatabase } from './fixtures/legacy-roles.js';

function diagnostics(packageDir: string): Record<string, unknown>[] {
  return readFileSync(join(packageDir, 'diagnostics.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('export maps legacy role names onto Scalekit role names', () => {
  it('from a real SQLite database: renames, merges two spellings, rejects a role with no usable name and drops it from memberships', async () => {
    const ws = tempDir();
    const url = createLegacyRolesDatabase(ws);
    const result = await exportUsers({ source: 'sqlite', url }, { workspace: ws });

    expect(result.counts).toEqual({ inputRecords: 7, users: 6, organizations: 2, roles: 5, memberships: 8, rejects: 1, merged: 0 });
    expect(result.countsAddUp).toBe(true);
    expect(result.rejectReasons).toEqual([{ reason: UNMAPPABLE_ROLE_NAME, count: 1, sampleRefs: ['roles !!!'] }]);

    const pkg = await readPackage(result.packageDir!);
    expect(pkg.roles).toEqual([
      { name: 'admin', legacy_name: 'Admin', display_name: 'Administrator', description: 'Full access', permissions: ['billing:read', 'users:read', 'users:write'] },
      { name: 'billing_manager', legacy_name: 'billing-manager', display_name: 'Billing manager' },
      { name: 'gerant_d_equipe', legacy_name: "Gérant d'équipe", display_name: "Gérant d'équipe" },
      { name: 'member' },
      { name: 'org_admin', legacy_name: 'Org Admin', legacy_aliases: ['org:admin'], display_name: 'Org Admin', description: 'Runs the organization', permissions: ['org:manage'] },
    ]);
    expect(pkg.users.map((user) => [user.external_id, user.memberships])).toEqual([
      ['1', [{ org_external_id: '1', roles: ['org_admin'] }, { org_external_id: '2', roles: ['admin'] }]],
      ['2', [{ org_external_id: '1', roles: ['admin'] }]],
      ['3', [{ org_external_id: '1', roles: ['billing_manager'] }, { org_external_id: '2', roles: ['org_admin'] }]],
      ['4', [{ org_external_id: '2', roles: [] }]],
      ['5', [{ org_external_id: '1', roles: ['gerant_d_equipe'] }]],
      ['6', [{ org_external_id: '2', roles: ['member'] }]],
    ]);
    expect(reasons(pkg.rejects)).toEqual({ [UNMAPPABLE_ROLE_NAME]: 1 });
    expect(pkg.rejects[0]).toMatchObject({ source_ref: 'roles !!!', record: { name: '!!!' } });

    const warnings = Object.fromEntries(result.warnings.map((warning) => [warning.code, warning]));
    expect(Object.keys(warnings).sort()).toEqual(['membership-role-dropped', 'role-names-merged', 'role-renamed']);
    expect(warnings['role-renamed']).toEqual({
      code: 'role-renamed',
      message:
        'legacy role names renamed to valid Scalekit role names (^[a-zA-Z0-9_]{1,64}$: lowercased, other characters to "_"); each original is kept as legacy_name in roles.ndjson, and code comparing legacy role strings needs that map',
      count: 5,
      samples: ['"Admin" -> admin', '"billing-manager" -> billing_manager', `"Gérant d'équipe" -> gerant_d_equipe`],
    });
    expect(warnings['role-names-merged']).toEqual({
      code: 'role-names-merged',
      message:
        'different legacy role names map to one Scalekit role name and were merged into one role (first display name and description kept, permissions combined, their users keep the merged role): check they are meant to be one role',
      count: 2,
      samples: ['"Admin" + "admin" -> admin', '"Org Admin" + "org:admin" -> org_admin'],
    });
    expect(warnings['membership-role-dropped']).toEqual({
      code: 'membership-role-dropped',
      message:
        'membership roles with no valid Scalekit name (no letter or digit, or too long) left out of the membership, which keeps its other roles; each listed in diagnostics.ndjson',
      count: 2,
      samples: ['2: "!!!"', '4: "!!!"'],
    });
    expect(pkg.manifest.warnings).toEqual(result.warnings);
    expect(diagnostics(result.packageDir!).filter((entry) => entry.kind === 'membership-role-dropped')).toEqual([
      { source_ref: 'users id 2', external_id: '2', kind: 'membership-role-dropped', org_external_id: '1', role: '!!!', reason: UNMAPPABLE_ROLE_NAME },
      { source_ref: 'users id 4', external_id: '4', kind: 'membership-role-dropped', org_external_id: '2', role: '!!!', reason: UNMAPPABLE_ROLE_NAME },
    ]);
  });

  it('from a flat file: one membership naming two spellings of a role holds it once; roles only memberships name get a legacy_name too', async () => {
    const ws = tempDir();
    writeFileSync(
      join(ws, 'users.json'),
      JSON.stringify([
        { external_id: 'u1', email: 'ada@example.com', org_external_id: 'o1', roles: ['Org Admin', 'org-admin', '???', 'Support Agent'] },
        { external_id: 'u2', email: 'grace@example.com', org_external_id: 'o1', roles: 'support agent; member' },
        { external_id: 'u3', email: 'linus@example.com', org_external_id: 'o1', roles: [`${'R'.repeat(256)}`] },
      ]),
    );
    const result = await exportUsers({ source: 'json', file: 'users.json' }, { workspace: ws });
    expect(result.counts).toEqual({ inputRecords: 3, users: 3, organizations: 1, roles: 3, memberships: 3, rejects: 0, merged: 0 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => user.memberships[0]!.roles)).toEqual([['org_admin', 'support_agent'], ['member', 'support_agent'], []]);
    expect(pkg.roles).toEqual([
      { name: 'member' },
      { name: 'org_admin', legacy_name: 'Org Admin', legacy_aliases: ['org-admin'], display_name: 'Org Admin' },
      { name: 'support_agent', legacy_name: 'Support Agent', legacy_aliases: ['support agent'], display_name: 'Support Agent' },
    ]);
    const warnings = Object.fromEntries(result.warnings.map((warning) => [warning.code, warning]));
    expect(warnings['role-renamed']).toMatchObject({ count: 4, samples: ['"Org Admin" -> org_admin', '"org-admin" -> org_admin', '"Support Agent" -> support_agent'] });
    expect(warnings['role-names-merged']).toMatchObject({ count: 2, samples: ['"Org Admin" + "org-admin" -> org_admin', '"Support Agent" + "support agent" -> support_agent'] });
    expect(warnings['membership-role-dropped']).toMatchObject({ count: 2, samples: ['u1: "???"', `u3: "${'R'.repeat(39)}…"`] });
    expect(diagnostics(result.packageDir!).map((entry) => [entry.external_id, entry.role === '???' ? '???' : `${String(entry.role).length} chars`, entry.reason])).toEqual([
      ['u1', '???', UNMAPPABLE_ROLE_NAME],
      ['u3', '256 chars', 'role name longer than 255 characters'],
    ]);
  });

  it("cuts role display names to Scalekit's 100 characters, a legacy name standing in as display name too", async () => {
    const ws = tempDir();
    const db = new Database(join(ws, 'long.db'));
    const longName = `Regional ${'Sales '.repeat(20)}Manager`;
    const longLabel = 'Operations '.repeat(15).trim();
    db.exec(`
      CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE roles (id INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT);
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
      CREATE TABLE memberships (user_id INTEGER NOT NULL REFERENCES users(id), organization_id INTEGER NOT NULL REFERENCES organizations(id), role_id INTEGER REFERENCES roles(id));
      INSERT INTO organizations VALUES (1, 'Acme');
      INSERT INTO roles VALUES (1, '${longName}', NULL), (2, 'ops', '${longLabel}');
      INSERT INTO users VALUES (1, 'ada@acme.test'), (2, 'grace@acme.test');
      INSERT INTO memberships VALUES (1, 1, 1), (2, 1, 2);
    `);
    db.close();
    const result = await exportUsers({ source: 'sqlite', url: 'long.db' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    expect([longName.length, longLabel.length]).toEqual([136, 164]);
    expect(pkg.roles.map((role) => [role.name, role.legacy_name, role.display_name])).toEqual([
      ['ops', undefined, `${'Operations '.repeat(9)}O`],
      [expect.stringMatching(/^regional_(sales_){7}sale_[0-9a-f]{8}$/), longName, longName.slice(0, 100).trimEnd()],
    ]);
    expect(result.warnings.find((warning) => warning.code === 'role-display-name-shortened')).toEqual({
      code: 'role-display-name-shortened',
      message: "role display names cut to Scalekit's 100 characters",
      count: 2,
      samples: ['ops', pkg.roles[1]!.name],
    });
  });

  it("leaves permission names over Scalekit's 64 characters out of their role and cuts long descriptions, with warnings", async () => {
    const ws = tempDir();
    const db = new Database(join(ws, 'perms.db'));
    const longPermission = `reports:${'quarterly-'.repeat(6)}export`;
    db.exec(`
      CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE roles (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT, permissions TEXT);
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
      CREATE TABLE memberships (user_id INTEGER NOT NULL REFERENCES users(id), organization_id INTEGER NOT NULL REFERENCES organizations(id), role_id INTEGER REFERENCES roles(id));
      INSERT INTO organizations VALUES (1, 'Acme');
      INSERT INTO roles VALUES (1, 'analyst', '${'Reads reports. '.repeat(140)}', '["reports:read","${longPermission}"]');
      INSERT INTO users VALUES (1, 'ada@acme.test');
      INSERT INTO memberships VALUES (1, 1, 1);
    `);
    db.close();
    const result = await exportUsers({ source: 'sqlite', url: 'perms.db' }, { workspace: ws });
    const pkg = await readPackage(result.packageDir!);
    expect(longPermission.length).toBe(74);
    expect(pkg.roles).toEqual([{ name: 'analyst', description: 'Reads reports. '.repeat(140).slice(0, 2000), permissions: ['reports:read'] }]);
    expect(result.warnings.find((warning) => warning.code === 'role-description-shortened')).toMatchObject({ count: 1, samples: ['analyst'] });
    expect(result.warnings.find((warning) => warning.code === 'permission-dropped')).toEqual({
      code: 'permission-dropped',
      message: "permission names longer than Scalekit's 64 characters left out of their roles",
      count: 1,
      samples: [`analyst: ${longPermission.slice(0, 40)}...`],
    });
  });

  it('from Auth0 organization members: roles announced apart from their users are mapped the same way', async () => {
    const ws = tempDir();
    writeFileSync(
      join(ws, 'users.ndjson'),
      [
        { user_id: 'auth0|ada', email: 'ada@acme.test', email_verified: true },
        { user_id: 'auth0|grace', email: 'grace@acme.test', email_verified: true },
      ]
        .map((user) => JSON.stringify(user))
        .join('\n'),
    );
    writeFileSync(
      join(ws, 'organizations.json'),
      JSON.stringify([
        {
          id: 'org_acme',
          display_name: 'Acme',
          members: [
            { user_id: 'auth0|ada', roles: [{ id: 'rol_1', name: 'Org Admin' }, { id: 'rol_2', name: '***' }] },
            { user_id: 'auth0|grace', roles: [{ id: 'rol_3', name: 'Billing-Manager' }] },
          ],
        },
      ]),
    );
    const result = await exportUsers({ source: 'auth0', file: 'users.ndjson', organizationsFile: 'organizations.json' }, { workspace: ws });
    expect(result.counts).toMatchObject({ users: 2, roles: 2, memberships: 2, rejects: 0 });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => [user.external_id, user.memberships])).toEqual([
      ['auth0|ada', [{ org_external_id: 'org_acme', roles: ['org_admin'] }]],
      ['auth0|grace', [{ org_external_id: 'org_acme', roles: ['billing_manager'] }]],
    ]);
    expect(pkg.roles.map((role) => [role.name, role.legacy_name])).toEqual([
      ['billing_manager', 'Billing-Manager'],
      ['org_admin', 'Org Admin'],
    ]);
    expect(result.warnings.find((warning) => warning.code === 'membership-role-dropped')).toMatchObject({ count: 1, samples: ['auth0|ada: "***"'] });
    expect(diagnostics(result.packageDir!).find((entry) => entry.kind === 'membership-role-dropped')).toEqual({
      source_ref: 'membership of auth0|ada',
      user_key: 'auth0|ada',
      kind: 'membership-role-dropped',
      org_external_id: 'org_acme',
      role: '***',
      reason: UNMAPPABLE_ROLE_NAME,
    });
  });
});
