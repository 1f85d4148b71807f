import { describe, expect, it } from 'vitest';
import { classifyTable } from '../../src/audit/data-model/classify.js';
import { parseSqlSchema } from '../../src/audit/data-model/sql-schema.js';
import { parsePrismaSchema } from '../../src/audit/data-model/prisma-schema.js';
import { durationSeconds, keywordDurationSeconds } from '../../src/audit/facts/durations.js';
import { authPathCategory } from '../../src/audit/shared/auth-paths.js';
import { isAuthEnvName, isSecretEnvName } from '../../src/audit/shared/auth-env.js';
import { codeLines } from '../../src/audit/text/code-lines.js';

describe('lifetimes', () => {
  it('reads the ways code writes durations', () => {
    expect(durationSeconds('15m')).toBe(900);
    expect(durationSeconds('7 days')).toBe(604800);
    expect(durationSeconds('3600')).toBe(3600);
    expect(durationSeconds('1000 * 60 * 60 * 24', 'milliseconds')).toBe(86400);
    expect(durationSeconds('(60 * 60) * 2')).toBe(7200);
    expect(durationSeconds('process.env.TTL')).toBeNull();
    expect(durationSeconds('5 constructor')).toBeNull();
    expect(keywordDurationSeconds('timedelta(days=1, hours=2)')).toBe(93600);
    expect(keywordDurationSeconds('now()->addDays(15)')).toBe(15 * 86400);
    expect(keywordDurationSeconds('Duration.ofMinutes(30)')).toBe(1800);
  });
});

describe('auth route paths', () => {
  it.each([
    ['/login', 'login'],
    ['/api/v1/auth/sign-in', 'login'],
    ['/token', 'login'],
    ['/auth/register', 'signup'],
    ['/signup', 'signup'],
    ['/devices/register', undefined],
    ['/auth/logout', 'logout'],
    ['/forgot-password', 'password-reset'],
    ['/verify-email/:token', 'email-verification'],
    ['/auth/refresh', 'refresh-token'],
    ['/cache/refresh', undefined],
    ['/auth/google/callback', 'oauth-provider'],
    ['/sso/saml', 'oauth-provider'],
    ['/2fa/verify', 'mfa'],
    ['/settings/api-keys', 'api-key'],
    ['/todos/:id', undefined],
    ['login/', 'login'],
  ])('%s -> %s', (path, category) => {
    expect(authPathCategory(path)).toBe(category);
  });
});

describe('auth environment variables', () => {
  it('tells legacy auth settings and secrets from the rest, and leaves Scalekit and the rollback flag alone', () => {
    expect(isSecretEnvName('JWT_SECRET')).toBe(true);
    expect(isSecretEnvName('NEXTAUTH_SECRET')).toBe(true);
    expect(isAuthEnvName('GOOGLE_CLIENT_ID')).toBe(true);
    expect(isSecretEnvName('GOOGLE_CLIENT_ID')).toBe(false);
    expect(isAuthEnvName('SCALEKIT_CLIENT_SECRET')).toBe(false);
    expect(isAuthEnvName('AUTH_PROVIDER')).toBe(false);
    expect(isAuthEnvName('AUTHOR_EMAIL')).toBe(false);
    expect(isAuthEnvName('DATABASE_URL')).toBe(false);
    expect(isAuthEnvName('STRIPE_SECRET_KEY')).toBe(false);
  });
});

describe('table classification', () => {
  it.each([
    [['users'], 'user'],
    [['User', 'users'], 'user'],
    [['auth_user'], 'user'],
    [['organizations'], 'organization'],
    [['Workspace'], 'organization'],
    [['team_members'], 'membership'],
    [['user_roles'], 'membership'],
    [['role_user'], 'membership'],
    [['roles_permissions'], 'role'],
    [['permissions'], 'role'],
    [['user_profiles'], undefined],
    [['team_invitations'], undefined],
    [['sessions'], 'session'],
    [['refresh_tokens'], 'refresh-token'],
    [['password_resets'], 'password-reset'],
    [['personal_access_tokens'], 'api-key'],
    [['two_factor_secrets'], 'mfa'],
  ])('%j -> %s', (names, expected) => {
    const found = classifyTable(names, []);
    expect(found?.kind ?? found?.purpose).toBe(expected);
  });

  it('tells an OAuth accounts table from an organization accounts table by its columns', () => {
    expect(classifyTable(['accounts'], [{ name: 'provider' }, { name: 'providerAccountId' }, { name: 'userId' }])).toEqual({ purpose: 'oauth-account' });
    expect(classifyTable(['accounts'], [{ name: 'id' }, { name: 'name' }])).toEqual({ kind: 'organization' });
  });
});

describe('SQL schema parser', () => {
  it('handles comments, quoted and qualified names, MySQL enums, Postgres enum types and multi-column keys', () => {
    const tables = parseSqlSchema(
      [
        "CREATE TYPE member_role AS ENUM ('owner', 'member');",
        '/* accounts of the app',
        '   (multi-line comment) */',
        'CREATE TABLE IF NOT EXISTS "public"."Users" (',
        '  "Id" uuid PRIMARY KEY, -- the id',
        "  `kind` enum('Person','Bot') NOT NULL,",
        "  note text DEFAULT 'it''s, fine',",
        '  role member_role NOT NULL',
        ');',
        'CREATE TABLE `org_members` (user_id INT, org_id INT, PRIMARY KEY (user_id, org_id), FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE SET NULL);',
      ].join('\n'),
    );
    expect(tables.map((table) => table.name)).toEqual(['Users', 'org_members']);
    expect(tables[0]!.line).toBe(4);
    expect(tables[0]!.columns).toEqual([
      { name: 'Id', type: 'uuid', line: 5, nullable: false, primaryKey: true },
      { name: 'kind', type: "enum('person','bot')", line: 6, nullable: false, enumValues: ['Person', 'Bot'] },
      { name: 'note', type: 'text', line: 7, nullable: true, default: "'it''s, fine'" },
      { name: 'role', type: 'member_role', line: 8, nullable: false, enumValues: ['owner', 'member'] },
    ]);
    expect(tables[1]).toMatchObject({ primaryKey: ['user_id', 'org_id'], foreignKeys: [{ columns: ['org_id'], references: { table: 'orgs', columns: ['id'] }, onDelete: 'set null' }] });
  });
});

describe('Prisma schema parser', () => {
  it('reads models with comments, mapped names, optional and list fields, native types and composite ids', () => {
    const [team] = parsePrismaSchema(
      [
        'model Team { // teams of the app',
        '  id    Int     @id @default(autoincrement())',
        '  slug  String  @unique @db.VarChar(64) // url part',
        '  // name String',
        '  tags  String[]',
        '  owner String? @map("owner_email")',
        '  @@map("teams")',
        '}',
      ].join('\n'),
    );
    expect(team).toMatchObject({ name: 'teams', model: 'Team', line: 1, primaryKey: ['id'] });
    expect(team!.columns.map((column) => `${column.name}:${column.type}:${column.nullable}`)).toEqual(['id:Int:false', 'slug:String (VarChar(64)):false', 'tags:String[]:false', 'owner_email:String:true']);
  });
});

describe('code lines of the other stacks', () => {
  it('blanks comments, docstrings and imports but keeps strings and columns', () => {
    const python = codeLines('import jwt\nx = "# not a comment"  # comment\n"""\nlogin(request, user)\n"""\nlogin(request, user)', 'python');
    expect(python).toEqual(['          ', 'x = "# not a comment"           ', '   ', '                    ', '   ', 'login(request, user)']);
    const php = codeLines("#[IsGranted('ROLE_ADMIN')]\n# Auth::attempt($x)\nuse App\\Models\\User;", 'php');
    expect(php[0]).toBe("#[IsGranted('ROLE_ADMIN')]");
    expect(php[1]!.trim()).toBe('');
    expect(php[2]!.trim()).toBe('');
    const go = codeLines('import (\n\t"github.com/golang-jwt/jwt/v5"\n)\n/* jwt.Parse( */ x := 1', 'go');
    expect(go.map((line) => line.trim())).toEqual(['', '', '', 'x := 1']);
  });
});
