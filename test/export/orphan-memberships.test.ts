import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

const SCHEMA = `
CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE roles (id INTEGER, name TEXT NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE memberships (user_id INTEGER, organization_id INTEGER, role_id INTEGER);
INSERT INTO organizations VALUES (10, 'Acme'), (20, 'Globex');
INSERT INTO users VALUES (1, 'ada@example.com'), (2, 'grace@example.com');
`;

/** Exports a SQLite database made of SCHEMA and `rows`; the user keys of the memberships reported as naming no user. */
async function orphansOf(rows: string): Promise<{ orphans: string[]; users: [string, string[]][] }> {
  const ws = tempDir();
  const db = new Database(join(ws, 'app.db'));
  db.exec(SCHEMA + rows);
  db.close();
  const result = await exportUsers({ source: 'sqlite', url: 'app.db' }, { workspace: ws });
  expect(result.countsAddUp).toBe(true);
  const diagnostics = readFileSync(join(result.packageDir!, 'diagnostics.ndjson'), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const pkg = await readPackage(result.packageDir!);
  return {
    orphans: diagnostics.filter((d) => d.kind === 'membership-without-user').map((d) => `${d.user_key}@${d.org_external_id}`),
    users: pkg.users.map((u) => [u.external_id, u.memberships.map((m) => m.org_external_id)]),
  };
}

describe('memberships naming a user the database does not hold', () => {
  it('none: every membership exported with its user', async () => {
    expect(await orphansOf(`INSERT INTO roles VALUES (1, 'admin'); INSERT INTO memberships VALUES (1, 10, 1), (2, 10, NULL), (2, 20, 1);`)).toEqual({
      orphans: [],
      users: [['1', ['10']], ['2', ['10', '20']]],
    });
  });

  it('one, beside a membership the roles table doubles (two roles rows with one id)', async () => {
    // The doubled join rows must not make up for the orphan when the membership rows are counted.
    const { orphans, users } = await orphansOf(`INSERT INTO roles VALUES (1, 'admin'), (1, 'owner'); INSERT INTO memberships VALUES (1, 10, 1), (2, 20, NULL), (3, 10, 1);`);
    expect(orphans).toEqual(['3@10']);
    expect(users).toEqual([['1', ['10']], ['2', ['20']]]);
  });

  it('one, beside a membership without an organization and repeated membership rows', async () => {
    const { orphans } = await orphansOf(`INSERT INTO roles VALUES (1, 'admin'); INSERT INTO memberships VALUES (1, NULL, 1), (1, 10, 1), (1, 10, 1), (9, 20, NULL);`);
    expect(orphans).toEqual(['9@20']);
  });
});
