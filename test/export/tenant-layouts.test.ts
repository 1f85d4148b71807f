import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { BCRYPT_A, DJANGO, JETSTREAM, JUMPSTART, NEXTAUTH_TEAMS, ONLY_INVITATIONS, REPEATED_IDS, TWO_MEMBERSHIP_TABLES, WORDPRESS } from './fixtures/tenant-schemas.js';

function database(script: string): { ws: string; url: string } {
  const ws = tempDir();
  const db = new Database(join(ws, 'app.db'));
  db.exec(script);
  db.close();
  return { ws, url: 'app.db' };
}

/** Everything export wrote, as text: what must never hold a hash or secret. */
function packageText(dir: string): string {
  return readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
}

describe('tenant layouts of public SaaS starters: memberships by evidence, never guessed', () => {
  it('Jetstream: team_user members plus team owners from teams.user_id with the role owner; invitations are not members', async () => {
    const { ws, url } = database(JETSTREAM);
    const result = await exportUsers({ source: 'sqlite', url }, { workspace: ws });
    expect(result.mapping).toMatchObject({ mapping: { organizations: { table: 'teams' }, memberships: { query: expect.stringContaining('UNION') } } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.first_name, u.last_name, u.email_verified, u.memberships])).toEqual([
      ['1', 'Taylor', 'Otwell', true, [{ org_external_id: '1', roles: ['owner'] }]],
      ['2', 'Dries', 'Vints', false, [{ org_external_id: '1', roles: ['editor'] }]],
      ['3', 'Nuno', 'Maduro', true, [{ org_external_id: '1', roles: ['admin'] }, { org_external_id: '2', roles: ['owner'] }]],
    ]);
    expect(pkg.organizations).toEqual([
      { external_id: '1', display_name: 'Laravel' },
      { external_id: '2', display_name: "Nuno's Team" },
    ]);
    const text = packageText(result.packageDir!);
    expect(text).not.toContain('$2y$');
    expect(text).not.toContain('eyJpdiI6');
  });

  it('NextAuth with teams: TeamMember (singular) is the membership, the Invitation table is not, OAuth accounts are not organizations', async () => {
    const { ws, url } = database(NEXTAUTH_TEAMS);
    const result = await exportUsers({ source: 'sqlite', url }, { workspace: ws });
    expect(result.mapping).toMatchObject({ preset: 'nextauth', mapping: { organizations: { table: 'Team' }, memberships: { table: 'TeamMember', columns: { user_id: 'userId', org_external_id: 'teamId', role: 'role' } } } });
    const pkg = await readPackage(result.packageDir!);
    // cl1 only invited someone: no membership, so rejected for want of an organization, never made an ADMIN of Boxy.
    expect(pkg.users).toEqual([{ external_id: 'cl2', email: 'deepak@boxy.test', first_name: 'Deepak', last_name: 'P', email_verified: false, memberships: [{ org_external_id: 't1', roles: ['member'] }] }]);
    expect(pkg.rejects.map((r) => [r.source_ref, r.reason])).toEqual([['User id cl1', 'no organization for the user']]);
    expect(pkg.roles.map((r) => [r.name, r.legacy_name])).toEqual([['member', 'MEMBER']]);
  });

  it('Jumpstart: accounts are the tenants, JSON role flags become roles, unconfirmed Devise users carry their status, OTP secrets stay out', async () => {
    const { ws, url } = database(JUMPSTART);
    const result = await exportUsers({ source: 'sqlite', url }, { workspace: ws });
    expect(result.mapping).toMatchObject({ mapping: { organizations: { table: 'accounts' }, memberships: { table: 'account_users', columns: { user_id: 'user_id', org_external_id: 'account_id', role: 'roles' } } } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      { external_id: '1', email: 'chris@gorails.test', first_name: 'Chris', last_name: 'Oliver', email_verified: true, memberships: [{ org_external_id: '1', roles: ['admin'] }] },
      { external_id: '2', email: 'pending@gorails.test', first_name: 'Pat', last_name: 'Pending', email_verified: false, memberships: [{ org_external_id: '1', roles: ['member'] }], status: 'unconfirmed' },
    ]);
    expect(pkg.manifest.counts.usersByStatus).toEqual({ unconfirmed: 1 });
    expect(packageText(result.packageDir!)).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('stops (exit 2 material) when two tables fit, naming both and the mapping lines to write', async () => {
    const { ws, url } = database(TWO_MEMBERSHIP_TABLES);
    const attempt = exportUsers({ source: 'sqlite', url }, { workspace: ws });
    await expect(attempt).rejects.toThrow(/cannot tell which table holds organization memberships: org_members \(its name says member, it has a role column\); organization_users \(its name joins organizations and users, it has a role column\)\. Several fit/);
    await expect(exportUsers({ source: 'sqlite', url, out: 'b' }, { workspace: ws })).rejects.toThrow(/"memberships": \{ "table": "org_members", "columns": \{ "user_id": "user_id", "org_external_id": "organization_id", "role": "role" \} \}/);
  });

  it('stops when only an invitation table links users and organizations', async () => {
    const { ws, url } = database(ONLY_INVITATIONS);
    await expect(exportUsers({ source: 'sqlite', url }, { workspace: ws })).rejects.toThrow(/invitations \(but its name says invitation, request or token, but it has email, token, expires_at\)\. None fits/);
  });

  it('rejects the second row of a repeated user id, reports a membership whose role id matches no role and one whose user does not exist', async () => {
    const { ws, url } = database(REPEATED_IDS);
    const result = await exportUsers({ source: 'sqlite', url }, { workspace: ws });
    expect(result.counts).toMatchObject({ inputRecords: 3, users: 2, rejects: 1, merged: 0 });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.memberships])).toEqual([
      ['1', 'first@example.com', [{ org_external_id: '10', roles: ['admin'] }]],
      ['2', 'two@example.com', [{ org_external_id: '10', roles: [] }]],
    ]);
    expect(pkg.rejects).toEqual([
      {
        source_ref: 'users id 1 (another row)',
        reason: 'a second row in users with the same user id: ids must be unique, the first row was exported',
        record: { external_id: 1, email: 'second@example.com', password_hash: '[removed]', memberships: [] },
      },
    ]);
    expect(result.warnings.find((w) => w.code === 'membership-role-dropped')).toMatchObject({ count: 1, samples: ['2: "role id 99"'] });
    const diagnostics = readFileSync(join(result.packageDir!, 'diagnostics.ndjson'), 'utf8');
    expect(diagnostics).toContain('the membership names a role id that matches no role');
    expect(diagnostics).toContain('{"source_ref":"memberships user_id 3","kind":"membership-without-user","user_key":"3","org_external_id":"10"}');
    expect(result.warnings.find((w) => w.code === 'membership-without-user')).toMatchObject({ count: 1, samples: ['3'] });
    expect(packageText(result.packageDir!)).not.toContain(BCRYPT_A);
  });

  it('Django auth_user: case-variant duplicates are one person, is_active = 0 is inactive, "!" passwords are no password, framework hashes named', async () => {
    const { ws, url } = database(DJANGO);
    const result = await exportUsers({ source: 'sqlite', url, defaultOrg: 'main', includePasswordHashes: true }, { workspace: ws });
    expect(result.mapping).toMatchObject({ mapping: { users: { table: 'auth_user', columns: { password_hash: 'password', active: 'is_active' } } } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.merged_ids, u.status])).toEqual([
      ['3', 'sam@python.test', undefined, undefined],
      ['4', 'gone@python.test', undefined, 'inactive'],
      ['1', 'guido@python.test', ['2'], undefined],
    ]);
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm, h.params?.format])).toEqual([
      ['4', 'pbkdf2', undefined],
      ['1', 'argon2', 'django'],
    ]);
    expect(result.passwordHashes.byAlgorithm).toEqual({ none: 1, pbkdf2: 1, argon2: 1 });
  });

  it('WordPress wp_users: found by name, user_pass read as the hash and kept out of everything but the hash file', async () => {
    const { ws, url } = database(WORDPRESS);
    const result = await exportUsers({ source: 'sqlite', url, defaultOrg: 'blog', includePasswordHashes: true }, { workspace: ws });
    expect(result.mapping).toMatchObject({ mapping: { users: { table: 'wp_users', columns: { external_id: 'ID', email: 'user_email', password_hash: 'user_pass', full_name: 'display_name' } } } });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((u) => [u.external_id, u.email, u.first_name, u.last_name])).toEqual([
      ['1', 'admin@blog.test', 'Site', 'Admin'],
      ['2', 'editor@blog.test', 'Eddie', 'Editor'],
    ]);
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm, h.params?.format])).toEqual([
      ['1', 'bcrypt', 'wordpress'],
      ['2', 'phpass', undefined],
    ]);
    const text = packageText(result.packageDir!).replace(readFileSync(join(result.packageDir!, 'password_hashes.ndjson'), 'utf8'), '');
    expect(text).not.toContain('$wp$');
    expect(text).not.toContain('$P$');
  });
});
