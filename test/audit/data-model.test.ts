import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import type { Entity } from '../../src/audit/report.js';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

const app = (name: string) => join(repoRoot, 'test', 'fixtures', 'apps', name);

async function entities(name: string): Promise<Entity[]> {
  return (await runAudit({ root: app(name), workers: 0 })).dataModel.entities;
}

function byKind(list: Entity[], kind: Entity['kind']): Entity {
  const found = list.filter((entity) => entity.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('dataModel: users, organizations, roles and memberships with columns, keys and where they are declared', () => {
  it('Prisma (NextAuth adapter tables plus organizations): @@map/@map names, composite ids, enums, relations', async () => {
    const report = await runAudit({ root: app('nextjs-next-auth'), workers: 0 });
    const { entities: list, authTables } = report.dataModel;
    expect(list.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users', 'organization:organizations', 'membership:memberships']);
    const user = byKind(list, 'user');
    expect(user).toMatchObject({ model: 'User', source: 'prisma', file: 'prisma/schema.prisma', line: 17, primaryKey: ['id'] });
    expect(user.columns.find((column) => column.name === 'email_verified')).toMatchObject({ field: 'emailVerified', type: 'DateTime', nullable: true, line: 22 });
    expect(user.fields).toEqual({ id: 'id', email: 'email', emailVerified: 'email_verified', name: 'name', passwordHash: 'password_hash' });
    const membership = byKind(list, 'membership');
    expect(membership.primaryKey).toEqual(['user_id', 'organization_id']);
    expect(membership.foreignKeys).toEqual([
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'Cascade' },
      { columns: ['organization_id'], references: { table: 'organizations', columns: ['id'] }, onDelete: 'Cascade' },
    ]);
    expect(membership.columns.find((column) => column.name === 'role')).toMatchObject({ type: 'MemberRole', enumValues: ['OWNER', 'ADMIN', 'MEMBER'], default: 'MEMBER' });
    expect(membership.fields).toEqual({ userId: 'user_id', organizationId: 'organization_id', role: 'role' });
    expect(authTables.map((table) => `${table.purpose}:${table.table}`)).toEqual(['oauth-account:accounts', 'session:sessions', 'verification-token:verification_tokens']);
  });

  it('TypeORM: entity names, join columns, a ManyToMany join table, enum values', async () => {
    const list = await entities('nestjs-passport-jwt');
    expect(list.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users', 'organization:organizations', 'role:roles', 'membership:user_roles']);
    const user = byKind(list, 'user');
    expect(user.foreignKeys).toEqual([{ columns: ['organization_id'], references: { table: 'organizations', columns: ['id'] }, onDelete: 'CASCADE' }]);
    expect(user.relations).toContainEqual({ name: 'roles', target: 'roles', cardinality: 'many', through: 'user_roles' });
    expect(user.fields).toMatchObject({ id: 'id', email: 'email', emailVerified: 'email_verified', passwordHash: 'password_hash', deletedAt: 'deleted_at', organizationId: 'organization_id' });
    expect(byKind(list, 'role').columns.find((column) => column.name === 'name')).toMatchObject({ enumValues: ['admin', 'member'], unique: true });
    expect(byKind(list, 'membership')).toMatchObject({ primaryKey: ['user_id', 'role_id'], fields: { userId: 'user_id', roleId: 'role_id' } });
  });

  it('Knex migrations and SQL: a later alterTable adds its column (with the file it came from); other auth tables are listed', async () => {
    const report = await runAudit({ root: app('express-jsonwebtoken'), workers: 0 });
    const user = byKind(report.dataModel.entities, 'user');
    expect(user).toMatchObject({ table: 'users', source: 'knex', file: 'src/db/migrations/20240101_init.js', primaryKey: ['id'] });
    expect(user.columns.find((column) => column.name === 'email_verified')).toMatchObject({ type: 'boolean', nullable: false, file: 'src/db/migrations/20240301_email_verified.js' });
    expect(user.columns.find((column) => column.name === 'role')).toMatchObject({ enumValues: ['owner', 'admin', 'member'], default: "'member'" });
    expect(user.foreignKeys).toEqual([{ columns: ['organization_id'], references: { table: 'organizations', columns: ['id'] }, onDelete: 'cascade' }]);
    expect(user.fields).toMatchObject({ firstName: 'first_name', lastName: 'last_name', role: 'role', organizationId: 'organization_id' });
    expect(report.dataModel.authTables.map((table) => `${table.purpose}:${table.table}:${table.source}`)).toEqual(['api-key:api_keys:sql', 'refresh-token:refresh_tokens:knex']);
  });

  it('SQL: CHECK (... IN ...) enums, table-level foreign keys, ALTER TABLE ADD COLUMN', async () => {
    const user = byKind((await entities('spring')).filter((entity) => entity.source === 'sql'), 'user');
    expect(user.columns.find((column) => column.name === 'role')).toMatchObject({ type: 'varchar(20)', enumValues: ['ADMIN', 'ACCOUNTANT', 'VIEWER'], default: "'ACCOUNTANT'" });
    expect(user.foreignKeys).toEqual([{ columns: ['company_id'], references: { table: 'companies', columns: ['id'] }, onDelete: 'cascade' }]);
    expect(user.columns.at(-1)).toMatchObject({ name: 'email_verified', type: 'boolean', line: 19 });
  });

  it('Mongoose: collection names, embedded membership sub-documents with their references', async () => {
    const list = await entities('express-passport-session');
    expect(list.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users', 'organization:organizations']);
    const user = byKind(list, 'user');
    expect(user.primaryKey).toEqual(['_id']);
    expect(user.columns.find((column) => column.name === 'memberships.role')).toMatchObject({ enumValues: ['owner', 'admin', 'member'] });
    expect(user.relations).toEqual([{ name: 'memberships.organization', target: 'organizations', cardinality: 'many' }]);
    expect(user.fields).toMatchObject({ mfaSecret: 'totpSecret', disabled: 'disabled', emailVerified: 'emailVerified' });
  });

  it('Drizzle and Sequelize: references, composite keys, pgEnum values, implicit ids, belongsToMany join tables', async () => {
    const drizzle = await entities('fastify-jwt');
    expect(byKind(drizzle, 'membership')).toMatchObject({
      table: 'memberships',
      primaryKey: ['user_id', 'organization_id'],
      foreignKeys: [
        { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'cascade' },
        { columns: ['organization_id'], references: { table: 'organizations', columns: ['id'] } },
      ],
    });
    expect(byKind(drizzle, 'user').columns.find((column) => column.name === 'role')).toMatchObject({ enumValues: ['admin', 'staff', 'viewer'] });
    const sequelize = await entities('koa');
    expect(sequelize.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users', 'organization:tenants', 'role:roles', 'membership:user_roles']);
    expect(byKind(sequelize, 'role').columns[0]).toMatchObject({ name: 'id', primaryKey: true });
    expect(byKind(sequelize, 'user').foreignKeys).toEqual([{ columns: ['tenant_id'], references: { table: 'tenants', columns: ['id'] } }]);
  });

  it('Python: Django models (custom user via AbstractBaseUser, db_table, app-label names, through tables), SQLAlchemy 2.0 and SQLModel tables', async () => {
    const list = await entities('python-hand-rolled');
    const person = list.find((entity) => entity.model === 'Person')!;
    expect(person).toMatchObject({ kind: 'user', table: 'people', source: 'django', file: 'accounts/models.py', primaryKey: ['id'] });
    expect(person.columns.map((column) => column.name)).toEqual(['id', 'email', 'display_name', 'is_active', 'password', 'last_login', 'is_superuser']);
    expect(person.columns.find((column) => column.name === 'email')).toMatchObject({ type: 'EmailField', unique: true });
    expect(person.fields).toMatchObject({ email: 'email', passwordHash: 'password' });
    const membership = list.find((entity) => entity.model === 'Membership')!;
    expect(membership).toMatchObject({ kind: 'membership', table: 'accounts_membership' });
    expect(membership.foreignKeys).toEqual([
      { columns: ['person_id'], references: { table: 'people', columns: ['id'] }, onDelete: 'CASCADE' },
      { columns: ['organization_id'], references: { table: 'accounts_organization', columns: ['id'] }, onDelete: 'CASCADE' },
    ]);
    expect(membership.fields).toMatchObject({ organizationId: 'organization_id', role: 'role' });
    expect(list.find((entity) => entity.model === 'Organization')!.relations).toEqual([{ name: 'members', target: 'people', cardinality: 'many', through: 'accounts_membership' }]);
    expect(list.some((entity) => entity.model === 'Stamp')).toBe(false);
    const appUser = list.find((entity) => entity.table === 'app_users')!;
    expect(appUser).toMatchObject({ kind: 'user', source: 'sqlmodel', primaryKey: ['id'] });
    expect(appUser.columns.map((column) => column.name).sort()).toEqual(['email', 'full_name', 'hashed_password', 'id']);
    expect(appUser.fields).toMatchObject({ email: 'email', passwordHash: 'hashed_password' });
    const workspace = list.find((entity) => entity.table === 'workspaces')!;
    expect(workspace).toMatchObject({ kind: 'organization', source: 'sqlalchemy' });
    expect(workspace.foreignKeys).toEqual([{ columns: ['owner_id'], references: { table: 'app_users', columns: ['id'] } }]);
    expect(workspace.columns.find((column) => column.name === 'slug')).toMatchObject({ type: 'String', unique: true });
  });

  it("Django without a user model of its own: Django's auth_user (and auth_user_groups) from INSTALLED_APPS, AUTH_USER_MODEL keys resolved to it", async () => {
    const list = await entities('django-builtin-users');
    const user = list.find((entity) => entity.kind === 'user')!;
    expect(user).toMatchObject({ table: 'auth_user', source: 'django', file: 'site/settings.py', primaryKey: ['id'] });
    expect(user.fields).toMatchObject({ email: 'email', passwordHash: 'password', username: 'username', firstName: 'first_name', lastName: 'last_name' });
    expect(list.find((entity) => entity.table === 'teams_team')!.foreignKeys).toEqual([{ columns: ['owner_id'], references: { table: 'auth_user', columns: ['id'] }, onDelete: 'PROTECT' }]);
    expect(list.find((entity) => entity.table === 'auth_user_groups')!.foreignKeys[0]).toEqual({ columns: ['user_id'], references: { table: 'auth_user', columns: ['id'] } });
    // With a custom user model, auth_user is not part of the data model and keys point at the custom table.
    const custom = await entities('django');
    expect(custom.some((entity) => entity.table === 'auth_user')).toBe(false);
  });

  it('recognizes a join table by its foreign keys when its name says nothing', async () => {
    const root = tempDir();
    writeTree(root, {
      'schema.sql': [
        'CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);',
        'CREATE TABLE workspaces (id uuid PRIMARY KEY, title text NOT NULL);',
        'CREATE TABLE seats (user_id uuid REFERENCES users(id), workspace_id uuid REFERENCES workspaces(id), PRIMARY KEY (user_id, workspace_id));',
      ].join('\n'),
    });
    const list = (await runAudit({ root, workers: 0 })).dataModel.entities;
    expect(list.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users', 'organization:workspaces', 'membership:seats']);
    expect(byKind(list, 'organization').fields).toEqual({ id: 'id', name: 'title' });
  });
});
