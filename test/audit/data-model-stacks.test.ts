import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import type { Entity } from '../../src/audit/report.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

async function audit(files: Record<string, string>) {
  const root = tempDir();
  writeTree(root, files);
  return runAudit({ root, workers: 0 });
}

function only(list: Entity[], kind: Entity['kind']): Entity {
  const found = list.filter((entity) => entity.kind === kind);
  expect(found.map((entity) => entity.table)).toHaveLength(1);
  return found[0]!;
}

const RAILS_SCHEMA = `ActiveRecord::Schema[7.1].define(version: 2024_05_02_101500) do
  enable_extension "plpgsql"

  create_table "accounts", force: :cascade do |t|
    t.string "name", null: false
    t.string "domain"
    t.datetime "discarded_at"
    t.timestamps
  end

  create_table "account_users", id: false, force: :cascade do |t|
    t.references :account, null: false, foreign_key: true
    t.bigint "user_id", null: false
    t.string "role", default: "member", null: false
  end

  create_table "users", id: :uuid, force: :cascade do |t|
    t.string "email", default: "", null: false
    t.string "encrypted_password", default: "", null: false
    t.string :first_name, :last_name
    t.datetime "confirmed_at"
    t.string "otp_secret"
    t.timestamps null: false
    t.index ["email"], name: "index_users_on_email", unique: true
  end

  create_table "invoices", force: :cascade do |t|
    t.references :account
    t.integer "amount_cents"
  end

  add_foreign_key "account_users", "users", on_delete: :cascade
end
`;

describe('dataModel for Rails, Laravel, gorm and JPA: tables, columns, keys and their part in auth', () => {
  it('Rails db/schema.rb: typed columns with null/default, uuid ids, references, add_foreign_key, unique indexes; migrations superseded', async () => {
    const report = await audit({
      'db/schema.rb': RAILS_SCHEMA,
      'db/migrate/20240101000000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n',
    });
    const list = report.dataModel.entities;
    expect(list.map((entity) => `${entity.kind}:${entity.table}:${entity.source}`)).toEqual(['user:users:activerecord', 'organization:accounts:activerecord', 'membership:account_users:activerecord']);
    const user = only(list, 'user');
    expect(user).toMatchObject({ file: 'db/schema.rb', line: 17, primaryKey: ['id'] });
    expect(user.columns.map((column) => column.name)).toEqual(['id', 'email', 'encrypted_password', 'first_name', 'last_name', 'confirmed_at', 'otp_secret', 'created_at', 'updated_at']);
    expect(user.columns[0]).toMatchObject({ name: 'id', type: 'uuid', primaryKey: true });
    expect(user.columns[1]).toMatchObject({ name: 'email', type: 'string', nullable: false, unique: true, default: '""', line: 18 });
    expect(user.fields).toEqual({ id: 'id', email: 'email', emailVerified: 'confirmed_at', firstName: 'first_name', lastName: 'last_name', passwordHash: 'encrypted_password', mfaSecret: 'otp_secret' });
    const membership = only(list, 'membership');
    expect(membership.primaryKey).toEqual([]);
    expect(membership.foreignKeys).toEqual([
      { columns: ['account_id'], references: { table: 'accounts', columns: ['id'] } },
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'cascade' },
    ]);
    expect(membership.fields).toEqual({ userId: 'user_id', organizationId: 'account_id', role: 'role' });
    expect(only(list, 'organization').fields).toMatchObject({ id: 'id', name: 'name', domain: 'domain' });
  });

  it('columns settle ambiguous names: an `accounts` table owned by one user is no organization; sessions holding refresh tokens are refresh-token storage', async () => {
    const report = await audit({
      'db/schema.rb': `ActiveRecord::Schema[7.1].define(version: 2024_06_01_000000) do
  create_table "accounts", force: :cascade do |t|
    t.references :user, null: false
    t.decimal "balance"
  end
  create_table "sessions", force: :cascade do |t|
    t.references :user, null: false
    t.string "refresh_token", null: false
    t.datetime "expires_at"
  end
  create_table "users", force: :cascade do |t|
    t.string "email", null: false
  end
end
`,
    });
    expect(report.dataModel.entities.map((entity) => `${entity.kind}:${entity.table}`)).toEqual(['user:users']);
    expect(report.dataModel.authTables.map((table) => `${table.purpose}:${table.table}`)).toEqual(['refresh-token:sessions']);
    expect(report.findings.filter((finding) => finding.file === 'db/schema.rb').map((finding) => `${finding.line}:${finding.category}`)).toEqual(['11:user-model']);
  });

  it('Rails migrations without a schema dump: create_table, then add_column and add_reference fold into the table', async () => {
    const report = await audit({
      'db/migrate/20230101000000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.0]\n  def change\n    create_table(:users) do |t|\n      t.string :email, null: false\n      t.string :password_digest\n    end\n    create_table :teams do |t|\n      t.string :name\n    end\n  end\nend\n',
      'db/migrate/20230301000000_add_team_to_users.rb': 'class AddTeamToUsers < ActiveRecord::Migration[7.0]\n  def change\n    add_reference :users, :team, foreign_key: true\n    add_column :users, :role, :string, default: "viewer"\n  end\nend\n',
    });
    const user = only(report.dataModel.entities, 'user');
    expect(user.file).toBe('db/migrate/20230101000000_create_users.rb');
    expect(user.columns.map((column) => `${column.name}${column.file ? '@' + column.file.slice(11, 25) : ''}`)).toEqual(['id', 'email', 'password_digest', 'team_id@20230301000000', 'role@20230301000000']);
    expect(user.foreignKeys).toEqual([{ columns: ['team_id'], references: { table: 'teams', columns: ['id'] } }]);
    expect(user.fields).toMatchObject({ passwordHash: 'password_digest', organizationId: 'team_id', role: 'role' });
    expect(only(report.dataModel.entities, 'organization').table).toBe('teams');
  });

  it('Laravel migrations: Blueprint columns and modifiers, foreignId()->constrained(), a pivot table, Schema::table additions, config-named tables', async () => {
    const report = await audit({
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
            $table->enum('status', ['active', 'blocked'])->default('active');
            $table->rememberToken();
            $table->timestamps();
            $table->softDeletes();
        });
    }
};
`,
      'database/migrations/2020_02_02_000000_create_workspaces_table.php': `<?php
class CreateWorkspacesTable extends Migration
{
    public function up()
    {
        Schema::create(config('tenancy.table'), function (Blueprint $table) {
            $table->bigIncrements('id');
            $table->string('title');
        });
        Schema::create('workspace_user', function (Blueprint $table) {
            $table->foreignId('workspace_id')->constrained()->cascadeOnDelete();
            $table->unsignedBigInteger('user_id');
            $table->string('role', 20)
                ->default('member');
            $table->foreign('user_id')->references('id')->on('users')->onDelete('cascade');
            $table->primary(['workspace_id', 'user_id']);
        });
    }
}
`,
      'database/migrations/2021_01_01_000000_add_two_factor_to_users_table.php': `<?php
return new class extends Migration {
    public function up()
    {
        Schema::table('users', function (Blueprint $table) {
            $table->text('two_factor_secret')->nullable();
        });
    }
};
`,
    });
    const list = report.dataModel.entities;
    expect(list.map((entity) => `${entity.kind}:${entity.table}:${entity.source}`)).toEqual(['user:users:eloquent', 'organization:workspaces:eloquent', 'membership:workspace_user:eloquent']);
    const user = only(list, 'user');
    expect(user.columns.map((column) => column.name)).toEqual(['id', 'name', 'email', 'email_verified_at', 'password', 'status', 'remember_token', 'created_at', 'updated_at', 'deleted_at', 'two_factor_secret']);
    expect(user.columns.find((column) => column.name === 'status')).toMatchObject({ type: 'enum', enumValues: ['active', 'blocked'], default: "'active'", nullable: false });
    expect(user.columns.find((column) => column.name === 'email')).toMatchObject({ unique: true, nullable: false, line: 8 });
    expect(user.columns.at(-1)).toMatchObject({ name: 'two_factor_secret', nullable: true, file: 'database/migrations/2021_01_01_000000_add_two_factor_to_users_table.php' });
    expect(user.fields).toEqual({ id: 'id', email: 'email', emailVerified: 'email_verified_at', name: 'name', passwordHash: 'password', disabled: 'status', deletedAt: 'deleted_at', mfaSecret: 'two_factor_secret' });
    const membership = only(list, 'membership');
    expect(membership.primaryKey).toEqual(['workspace_id', 'user_id']);
    expect(membership.foreignKeys).toEqual([
      { columns: ['workspace_id'], references: { table: 'workspaces', columns: ['id'] }, onDelete: 'cascade' },
      { columns: ['user_id'], references: { table: 'users', columns: ['id'] }, onDelete: 'cascade' },
    ]);
    expect(membership.columns.find((column) => column.name === 'role')).toMatchObject({ default: "'member'", line: 13 });
    expect(only(list, 'organization')).toMatchObject({ primaryKey: ['id'], fields: { id: 'id', name: 'title' } });
  });

  it('gorm: table names gorm derives or TableName() returns, tags, gorm.Model, belongs-to keys and many2many join tables', async () => {
    const report = await audit({
      'go.mod': 'module example.com/crm\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.10\n',
      'internal/store/models.go': `package store

import (
	"time"

	"gorm.io/gorm"
)

type Organization struct {
	gorm.Model
	DisplayName string \`gorm:"size:120;not null"\`
	Domain      *string
}

type Person struct {
	ID             uint   \`gorm:"primaryKey"\`
	Email          string \`gorm:"uniqueIndex;not null"\`
	PasswordHash   string \`gorm:"column:pw_hash"\`
	EmailConfirmed bool   \`gorm:"default:false"\`
	OrganizationID uint
	Organization   Organization
	Roles          []Role \`gorm:"many2many:person_roles;"\`
	LastSeenAt     *time.Time
	Scratch        string \`gorm:"-"\`
}

func (Person) TableName() string { return "users" }

type Role struct {
	ID   uint
	Name string \`gorm:"unique"\`
}

type Ledger struct {
	ID    uint
	Total int64
}
`,
    });
    const list = report.dataModel.entities;
    expect(list.map((entity) => `${entity.kind}:${entity.table}:${entity.model ?? ''}`)).toEqual(['user:users:Person', 'organization:organizations:Organization', 'role:roles:Role', 'membership:person_roles:']);
    const user = only(list, 'user');
    expect(user.columns.map((column) => column.name)).toEqual(['id', 'email', 'pw_hash', 'email_confirmed', 'organization_id', 'last_seen_at']);
    expect(user.columns.find((column) => column.name === 'email')).toMatchObject({ type: 'string', nullable: false, unique: true, line: 17 });
    expect(user.foreignKeys).toEqual([{ columns: ['organization_id'], references: { table: 'organizations', columns: ['id'] } }]);
    expect(user.relations).toEqual([
      { name: 'Organization', target: 'organizations', cardinality: 'one' },
      { name: 'Roles', target: 'roles', cardinality: 'many', through: 'person_roles' },
    ]);
    expect(user.fields).toEqual({ id: 'id', email: 'email', emailVerified: 'email_confirmed', passwordHash: 'pw_hash', organizationId: 'organization_id' });
    expect(only(list, 'organization').columns.map((column) => column.name)).toEqual(['id', 'created_at', 'updated_at', 'deleted_at', 'display_name', 'domain']);
    expect(only(list, 'membership')).toMatchObject({ primaryKey: ['person_id', 'role_id'], foreignKeys: [
      { columns: ['person_id'], references: { table: 'users', columns: ['id'] } },
      { columns: ['role_id'], references: { table: 'roles', columns: ['id'] } },
    ] });
  });

  it('JPA: @Table names or the snake_case class name, @Column options, @ManyToOne join columns, @JoinTable, transient and static fields left out', async () => {
    const report = await audit({
      'src/main/java/com/example/crm/model/Customer.java': `package com.example.crm.model;

import jakarta.persistence.*;
import java.util.Set;

@Entity
@Table(
    name = "app_users",
    uniqueConstraints = {
        @UniqueConstraint(columnNames = "login")
    })
public class Customer {
    private static final long serialVersionUID = 1L;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String login;

    @Column(name = "mail", unique = true)
    private String emailAddress;

    private String passwordHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "customer_grants",
        joinColumns = @JoinColumn(name = "customer_id"),
        inverseJoinColumns = { @JoinColumn(name = "grant_id") })
    private Set<Permission> grants;

    @Transient
    private String plainPassword;

    public String getLogin() {
        return login;
    }
}
`,
      'src/main/java/com/example/crm/model/Tenant.java': 'package com.example.crm.model;\n\nimport jakarta.persistence.*;\n\n@Entity\npublic class Tenant {\n    @Id\n    private java.util.UUID id;\n    private String companyName;\n}\n',
      'src/main/java/com/example/crm/model/Permission.java': 'package com.example.crm.model;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = "permissions")\npublic class Permission {\n    @Id\n    private Long id;\n    @Column(nullable = false)\n    private String name;\n}\n',
    });
    const list = report.dataModel.entities;
    expect(list.map((entity) => `${entity.kind}:${entity.table}:${entity.model ?? ''}`)).toEqual(['user:app_users:Customer', 'organization:tenant:Tenant', 'role:permissions:Permission', 'membership:customer_grants:']);
    const user = only(list, 'user');
    expect(user.columns.map((column) => column.name)).toEqual(['id', 'login', 'mail', 'password_hash', 'tenant_id']);
    expect(user.columns.find((column) => column.name === 'login')).toMatchObject({ type: 'String', nullable: false, unique: true, line: 20 });
    expect(user.columns.find((column) => column.name === 'mail')).toMatchObject({ field: 'emailAddress', unique: true, nullable: true });
    expect(user.foreignKeys).toEqual([{ columns: ['tenant_id'], references: { table: 'tenant', columns: ['id'] } }]);
    expect(user.relations).toEqual([
      { name: 'tenant', target: 'tenant', cardinality: 'one' },
      { name: 'grants', target: 'permissions', cardinality: 'many', through: 'customer_grants' },
    ]);
    expect(user.fields).toEqual({ id: 'id', email: 'mail', username: 'login', passwordHash: 'password_hash', organizationId: 'tenant_id' });
    expect(only(list, 'membership')).toMatchObject({ primaryKey: ['customer_id', 'grant_id'] });
    expect(only(list, 'organization').fields).toEqual({ id: 'id', name: 'company_name' });
  });
});
