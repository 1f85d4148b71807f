import type { Category } from '../categories.js';
import { comparePaths } from '../engine/discover.js';
import type { TableDraft } from '../engine/file-result.js';
import { ENTITY_KINDS, type AuthTable, type AuthTablePurpose, type DataModel, type Entity, type EntityKind, type Finding } from '../report.js';
import { ruleById } from '../rules/registry.js';
import { classifyTable, normalize } from './classify.js';
import { fieldHints } from './field-hints.js';
import { DJANGO_USER } from './python-models.js';


const KIND_CATEGORY: Record<EntityKind, Category> = { user: 'user-model', organization: 'org-model', role: 'role-model', membership: 'role-model' };
const PURPOSE_CATEGORY: Record<AuthTablePurpose, Category> = {
  session: 'token-issuance',
  'oauth-account': 'oauth-provider',
  'verification-token': 'email-verification',
  'password-reset': 'password-reset',
  'refresh-token': 'refresh-token',
  'api-key': 'api-key',
  mfa: 'mfa',
  'sso-connection': 'oauth-provider',
};
const KIND_LABEL: Record<EntityKind, string> = { user: 'User', organization: 'Organization', role: 'Role', membership: 'Membership' };

/**
 * Turns the tables every file declared into the audit's data model: alterations folded into
 * their table, ORM model names resolved to table names, each table classified, and one finding
 * per entity or auth table (plus column findings for verification, password and MFA columns).
 */
export function buildDataModel(drafts: readonly TableDraft[]): { dataModel: DataModel; findings: Finding[] } {
  // Django's own auth_user (and its groups join table) only when the project has no user model of its own.
  const customDjangoUser = drafts.some((draft) => draft.source === 'django' && draft.kindHint === 'user');
  const tables = foldAlterations(preferSchemaDumps(customDjangoUser ? drafts.filter((draft) => draft.source !== 'django' || (draft.model !== 'auth.User' && draft.model !== 'auth.UserGroups')) : drafts));
  resolveModelNames(tables);
  const classified = tables.map((table) => ({ table, found: table.kindHint ? { kind: table.kindHint } : classifyTable(table.model ? [table.model, table.name] : [table.name], table.columns) }));
  const userTables = new Set(classified.filter((entry) => entry.found?.kind === 'user').map((entry) => normalize(entry.table.name)));
  const groupTables = new Set(
    classified.filter((entry) => entry.found?.kind === 'organization' || entry.found?.kind === 'role').map((entry) => normalize(entry.table.name)),
  );

  const entities: Entity[] = [];
  const authTables: AuthTable[] = [];
  const findings: Finding[] = [];
  for (const { table, found } of classified) {
    const kind = found?.kind ?? (isJoinTable(table, userTables, groupTables) ? 'membership' : undefined);
    if (kind) {
      const entity = toEntity(table, kind);
      entities.push(entity);
      if (!table.reportedByRule) findings.push(...entityFindings(table, entity));
    } else if (found?.purpose) {
      authTables.push({
        purpose: found.purpose,
        table: table.name,
        ...(table.model ? { model: table.model } : {}),
        source: table.source,
        file: table.file,
        line: table.line,
        columns: table.columns.map((column) => column.name),
      });
      if (!table.reportedByRule) findings.push(finding(table, PURPOSE_CATEGORY[found.purpose], `${purposeLabel(found.purpose)} table \`${table.name}\` (${table.source})`, table.line, table.column));
    }
  }
  entities.sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind) || comparePaths(a.table, b.table) || comparePaths(a.file, b.file) || a.line - b.line);
  authTables.sort((a, b) => comparePaths(a.purpose, b.purpose) || comparePaths(a.table, b.table) || comparePaths(a.file, b.file) || a.line - b.line);
  return { dataModel: { entities, authTables }, findings };
}

/** A schema dump declares each table as it is now: the migrations' drafts of those tables are dropped. */
function preferSchemaDumps(drafts: readonly TableDraft[]): readonly TableDraft[] {
  const dumped = new Set(drafts.filter((draft) => draft.schemaDump).map((draft) => `${draft.source}\0${normalize(draft.name)}`));
  if (dumped.size === 0) return drafts;
  return drafts.filter((draft) => draft.schemaDump || !dumped.has(`${draft.source}\0${normalize(draft.name)}`));
}

function foldAlterations(drafts: readonly TableDraft[]): TableDraft[] {
  const ordered = [...drafts].sort((a, b) => comparePaths(a.file, b.file) || a.line - b.line);
  const created = new Map<string, TableDraft>();
  const result: TableDraft[] = [];
  for (const draft of ordered) {
    const key = `${draft.source === 'knex' || draft.source === 'sql' ? 'migration' : draft.source}\0${normalize(draft.name)}`;
    const base = created.get(key);
    if (draft.alteration && base) {
      for (const column of draft.columns) {
        if (!base.columns.some((existing) => existing.name === column.name)) base.columns.push(draft.file === base.file ? column : { ...column, file: draft.file });
      }
      base.foreignKeys.push(...draft.foreignKeys);
      continue;
    }
    const copy: TableDraft = { ...draft, columns: [...draft.columns], foreignKeys: [...draft.foreignKeys], relations: [...draft.relations] };
    delete copy.alteration;
    delete copy.schemaDump;
    if (!created.has(key)) created.set(key, copy);
    result.push(copy);
  }
  return result;
}

/** ORM relations name models (`Organization`); the export needs table names (`organizations`). */
function resolveModelNames(tables: TableDraft[]): void {
  const tableOfModel = new Map<string, string>();
  for (const table of tables) if (table.model) tableOfModel.set(`${table.source}\0${table.model}`, table.name);
  // Django's settings.AUTH_USER_MODEL: the custom user model when there is one, else Django's own auth_user.
  tableOfModel.set(`django\0${DJANGO_USER}`, tables.find((table) => table.source === 'django' && table.kindHint === 'user')?.name ?? 'auth_user');
  for (const table of tables) {
    const resolve = (target: string) => tableOfModel.get(`${table.source}\0${target}`) ?? target;
    for (const key of table.foreignKeys) key.references.table = resolve(key.references.table);
    for (const relation of table.relations) {
      relation.target = resolve(relation.target);
      if (relation.through) relation.through = resolve(relation.through);
    }
  }
}

/** A table that only joins users to organizations or roles: two foreign keys, little else. */
function isJoinTable(table: TableDraft, userTables: Set<string>, groupTables: Set<string>): boolean {
  const targets = table.foreignKeys.map((key) => normalize(key.references.table));
  return targets.some((target) => userTables.has(target)) && targets.some((target) => groupTables.has(target)) && table.columns.length <= 6;
}

function toEntity(table: TableDraft, kind: EntityKind): Entity {
  const primaryKey = table.primaryKey.length ? table.primaryKey : table.columns.filter((column) => column.primaryKey).map((column) => column.name);
  return {
    kind,
    table: table.name,
    ...(table.model ? { model: table.model } : {}),
    source: table.source,
    file: table.file,
    line: table.line,
    columns: table.columns,
    primaryKey,
    foreignKeys: table.foreignKeys,
    relations: table.relations,
    fields: fieldHints(kind, table.columns, primaryKey),
  };
}

function entityFindings(table: TableDraft, entity: Entity): Finding[] {
  const details: string[] = [];
  if (entity.fields.id) details.push(`primary key \`${entity.fields.id}\` (candidate external_id)`);
  if (entity.kind === 'user' && entity.fields.email) details.push(`email \`${entity.fields.email}\``);
  if (entity.fields.organizationId) details.push(`organization key \`${entity.fields.organizationId}\``);
  const label = `${KIND_LABEL[entity.kind]} ${entity.model ? `model \`${entity.model}\` (table \`${entity.table}\`)` : `table \`${entity.table}\``} declared with ${entity.source}`;
  const findings = [finding(table, KIND_CATEGORY[entity.kind], details.length ? `${label}: ${details.join(', ')}` : label, table.line, table.column)];
  if (entity.kind !== 'user') return findings;
  const columnFinding = (column: string | undefined, category: Category, message: string) => {
    const declared = column ? table.columns.find((entry) => entry.name === column) : undefined;
    if (declared?.line) findings.push({ ...finding(table, category, message.replace('%s', column!), declared.line, 1), file: declared.file ?? table.file });
  };
  columnFinding(entity.fields.emailVerified, 'email-verification', 'Email verification column `%s`: exported as email_verified');
  columnFinding(entity.fields.passwordHash, 'password-hashing', 'Password hash column `%s`: Scalekit imports no hashes; decide the password plan');
  columnFinding(entity.fields.mfaSecret, 'mfa', 'MFA column `%s`: factors are not migrated; decide how users re-enrol');
  return findings;
}

function finding(table: TableDraft, category: Category, message: string, line: number, column: number): Finding {
  const rule = ruleById(table.ruleId);
  return { ruleId: table.ruleId, category, file: table.file, line, column, message, confidence: rule?.confidence ?? 'high' };
}

function purposeLabel(purpose: AuthTablePurpose): string {
  const labels: Record<AuthTablePurpose, string> = {
    session: 'Session',
    'oauth-account': 'OAuth account',
    'verification-token': 'Email verification token',
    'password-reset': 'Password reset token',
    'refresh-token': 'Refresh token',
    'api-key': 'API key',
    mfa: 'MFA',
    'sso-connection': 'SSO connection',
  };
  return labels[purpose];
}
