import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

const exportFrom = (workspace: string, out: string) => exportUsers({ source: 'sqlite', url: 'app.db', out } as Parameters<typeof exportUsers>[0], { workspace });

/**
 * Creates the app's SQLite database in a fresh workspace and, when the tables' names say nothing to the
 * export on its own, shows that an export without an audit finds no organizations; then audits the app
 * written from `files` into the workspace.
 */
async function auditedWorkspace(files: Record<string, string>, databaseScript: string, namesSayNothing = true): Promise<string> {
  const workspace = tempDir();
  const db = new Database(join(workspace, 'app.db'));
  db.exec(databaseScript);
  db.close();
  if (namesSayNothing) {
    const unaided = await exportFrom(workspace, 'without-audit');
    expect(unaided.mapping).toMatchObject({ mapping: { users: { table: 'users' } } });
    expect(unaided.mapping).not.toHaveProperty('mapping.organizations');
    expect(unaided.mapping).not.toHaveProperty('mapping.memberships');
  }
  const app = tempDir();
  writeTree(app, files);
  await writeAuditReports(workspace, await runAudit({ root: app, workers: 0 }));
  return workspace;
}

describe('export picks the tables the audit found in a Rails schema and in Laravel migrations (no mapping file)', () => {
  it('Rails: organizations in `accounts`, memberships in `account_users`', async () => {
    const workspace = await auditedWorkspace(
      {
        'Gemfile': "source 'https://rubygems.org'\ngem 'rails'\ngem 'devise'\n",
        'db/schema.rb': `ActiveRecord::Schema[7.1].define(version: 2024_05_02_101500) do
  create_table "accounts", force: :cascade do |t|
    t.string "name", null: false
    t.string "domain"
  end
  create_table "account_users", id: false, force: :cascade do |t|
    t.references :account, null: false, foreign_key: true
    t.references :user, null: false, foreign_key: true
    t.string "role", null: false
  end
  create_table "users", force: :cascade do |t|
    t.string "email", default: "", null: false
    t.string "encrypted_password", default: "", null: false
    t.string "first_name"
    t.datetime "confirmed_at"
  end
end
`,
      },
      `CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, domain TEXT);
       CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, encrypted_password TEXT, first_name TEXT, confirmed_at TEXT);
       CREATE TABLE account_users (account_id INTEGER NOT NULL REFERENCES accounts(id), user_id INTEGER NOT NULL REFERENCES users(id), role TEXT NOT NULL);
       INSERT INTO accounts VALUES (7, 'Initech', 'initech.example');
       INSERT INTO users VALUES (1, 'peter@initech.example', NULL, 'Peter', '2024-01-02T03:04:05Z'), (2, 'milton@initech.example', NULL, 'Milton', NULL);
       INSERT INTO account_users VALUES (7, 1, 'admin'), (7, 2, 'member');`,
      false, // `accounts` and `account_users` are found by the export's own membership detection too
    );
    const result = await exportFrom(workspace, 'with-audit');
    expect(result.mapping).toHaveProperty(['notes', 0], expect.stringMatching(/^tables chosen with the audit's dataModel/));
    expect(result.mapping).toMatchObject({
      mapping: {
        users: { table: 'users', columns: { external_id: 'id', email: 'email', first_name: 'first_name' } },
        organizations: { table: 'accounts', columns: { external_id: 'id', display_name: 'name' } },
        memberships: { table: 'account_users', columns: { user_id: 'user_id', org_external_id: 'account_id', role: 'role' } },
      },
    });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => [user.email, user.email_verified, user.memberships])).toEqual([
      ['peter@initech.example', true, [{ org_external_id: '7', roles: ['admin'] }]],
      ['milton@initech.example', false, [{ org_external_id: '7', roles: ['member'] }]],
    ]);
  });

  it('Laravel: organizations in `app_tenants` (named from config in the migration), memberships in the `app_tenant_user` pivot', async () => {
    const workspace = await auditedWorkspace(
      {
        'composer.json': '{ "require": { "laravel/framework": "^11.0" } }\n',
        'database/migrations/2014_10_12_000000_create_users_table.php': `<?php
return new class extends Migration {
    public function up(): void
    {
        Schema::create('users', function (Blueprint $table) {
            $table->id();
            $table->string('name');
            $table->string('email')->unique();
            $table->timestamp('email_verified_at')->nullable();
            $table->string('password');
        });
    }
};
`,
        'database/migrations/2020_02_02_000000_create_app_tenants_table.php': `<?php
return new class extends Migration {
    public function up(): void
    {
        Schema::create(config('tenancy.table'), function (Blueprint $table) {
            $table->id();
            $table->string('title');
        });
        Schema::create('app_tenant_user', function (Blueprint $table) {
            $table->foreignId('app_tenant_id')->constrained();
            $table->foreignId('user_id')->constrained();
            $table->string('role');
        });
    }
};
`,
      },
      `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT NOT NULL, email_verified_at TEXT, password TEXT);
       CREATE TABLE app_tenants (id INTEGER PRIMARY KEY, title TEXT);
       CREATE TABLE app_tenant_user (app_tenant_id INTEGER NOT NULL REFERENCES app_tenants(id), user_id INTEGER NOT NULL REFERENCES users(id), role TEXT);
       INSERT INTO app_tenants VALUES (3, 'Research');
       INSERT INTO users VALUES (11, 'Ada Byron', 'ada@lab.example', '2024-02-01 10:00:00', NULL);
       INSERT INTO app_tenant_user VALUES (3, 11, 'owner');`,
    );
    const result = await exportFrom(workspace, 'with-audit');
    expect(result.mapping).toHaveProperty(['notes', 0], expect.stringMatching(/^tables chosen with the audit's dataModel/));
    expect(result.mapping).toMatchObject({
      mapping: {
        organizations: { table: 'app_tenants', columns: { display_name: 'title' } },
        memberships: { table: 'app_tenant_user', columns: { user_id: 'user_id', org_external_id: 'app_tenant_id', role: 'role' } },
      },
    });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users.map((user) => [user.external_id, user.email_verified, user.memberships])).toEqual([['11', true, [{ org_external_id: '3', roles: ['owner'] }]]]);
  });
});
