import type { Category } from '../../categories.js';
import { laravelMigrationDraft } from '../../data-model/orm/laravel-migration.js';
import { codeLinesOf } from '../../text/file-lines.js';
import type { TextRule } from '../types.js';

/** Auth tables a Laravel migration creates, by table name; every `Schema::create`/`Schema::table` goes into the data model. */
const TABLES: ReadonlyArray<readonly [RegExp, Category, string]> = [
  [/^(?:users|admins|accounts_users)$/, 'user-model', 'Users table: export users from it; its primary key becomes external_id'],
  [/^password_(?:resets|reset_tokens)$/, 'password-reset', 'Password reset tokens table: retired with the reset flow'],
  [/^(?:roles|permissions|role_user|permission_role|permission_user|model_has_roles|model_has_permissions|role_has_permissions|user_roles)$/, 'role-model', 'Roles/permissions table: map roles to Scalekit'],
  [/^(?:organizations|teams|tenants|workspaces|companies|team_user|organization_user|memberships)$/, 'org-model', 'Organization/team table: becomes Scalekit organizations and memberships'],
  [/(?:^social|oauth|_providers?$|^linked_accounts$)/, 'oauth-provider', 'Linked social/OAuth accounts: set up the same providers in Scalekit'],
  [/(?:activations|email_verifications|verify_emails)$/, 'email-verification', 'Email verification/activation table: Scalekit verifies addresses itself'],
  [/^(?:personal_access_tokens|api_tokens|api_keys)$/, 'api-key', 'API tokens table: keep API keys working in dual and scalekit modes'],
  [/(?:two_step|two_factor|2fa|laravel2step|mfa)/, 'mfa', 'Two-factor table: factors are not migrated; decide how users re-enrol'],
];

const rule: TextRule = {
  id: 'php.laravel.migration-table',
  kind: 'text',
  ecosystem: 'php',
  category: TABLES.map(([, category]) => category),
  confidence: 'high',
  message: 'Auth table created by a Laravel migration',
  keywords: ['Schema::create', 'Schema::table', 'Schema::connection'],
  pattern: /\bSchema::(?:connection\((?:[^()]|\([^()]*\))*\)\s*->\s*)?(create|table)\s*\(\s*(?:['"](\w+)['"]|\$\w+|config\()/,
  classify(match, _line, context) {
    const draft = laravelMigrationDraft(codeLinesOf(context.text, 'php'), context.line - 1, context.file);
    if (draft) context.table({ ...draft, reportedByRule: true });
    const table = draft?.name;
    if (match[1] !== 'create' || !table) return null;
    const entry = TABLES.find(([name]) => name.test(table));
    return entry ? { column: match.index + 1, overrides: { category: entry[1], message: `${entry[2]} (${table})` } } : null;
  },
};

export default rule;
