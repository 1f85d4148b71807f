import type { SourceMembership, SourceSink } from '../model.js';
import { quoteName, type SqlDatabase } from './database.js';
import type { ColumnRef, SqlMapping } from './mapping.js';

const USER_FIELDS = ['external_id', 'email', 'email_verified', 'first_name', 'last_name', 'full_name', 'password_hash', 'disabled', 'active', 'org_external_id', 'role'] as const;

function fromClause(entity: { table?: string; query?: string }, alias: string): string {
  return entity.table !== undefined ? `${quoteName(entity.table, true)} AS ${alias}` : `(${entity.query}) AS ${alias}`;
}

function expr(ref: ColumnRef | undefined, alias: string): string {
  if (ref === undefined) return 'NULL';
  return typeof ref === 'string' ? `${alias}.${quoteName(ref)}` : `(${ref.sql})`;
}

function label(entity: { table?: string; query?: string }, fallback: string): string {
  return entity.table ?? `${fallback} query`;
}

/** The queries an export runs for a mapping: shown to the person with the proposal. */
export function buildQueries(mapping: SqlMapping): { users: string; organizations?: string; roles?: string } {
  const u = mapping.users;
  const select = USER_FIELDS.map((field) => expr(u.columns[field], 'u'));
  for (const column of u.metadata ?? []) select.push(`u.${quoteName(column)}`);
  let joins = '';
  if (mapping.memberships) {
    const m = mapping.memberships;
    joins += ` LEFT JOIN ${fromClause(m, 'm')} ON ${expr(m.columns.user_id, 'm')} = ${expr(u.columns.external_id, 'u')}`;
    select.push(expr(m.columns.org_external_id, 'm'));
    if (m.columns.role_id !== undefined && mapping.roles?.columns.id !== undefined) {
      joins += ` LEFT JOIN ${fromClause(mapping.roles, 'r')} ON ${expr(mapping.roles.columns.id, 'r')} = ${expr(m.columns.role_id, 'm')}`;
      select.push(expr(mapping.roles.columns.name, 'r'));
    } else select.push(expr(m.columns.role, 'm'));
  }
  const users = `SELECT ${select.join(', ')} FROM ${fromClause(u, 'u')}${joins} ORDER BY ${expr(u.columns.external_id, 'u')}`;
  const result: { users: string; organizations?: string; roles?: string } = { users };
  if (mapping.organizations) {
    const o = mapping.organizations;
    const columns = [expr(o.columns.external_id, 'o'), expr(o.columns.display_name, 'o'), expr(o.columns.domains, 'o'), ...(o.metadata ?? []).map((c) => `o.${quoteName(c)}`)];
    result.organizations = `SELECT ${columns.join(', ')} FROM ${fromClause(o, 'o')}`;
  }
  if (mapping.roles) {
    const r = mapping.roles;
    result.roles = `SELECT ${[r.columns.name, r.columns.display_name, r.columns.description, r.columns.permissions].map((c) => expr(c, 'r')).join(', ')} FROM ${fromClause(r, 'r')}`;
  }
  return result;
}

/**
 * Reads roles, organizations, then users joined with their memberships, ordered by user key:
 * the rows of one user arrive together and become one input record with all its memberships.
 */
export async function readDatabase(db: SqlDatabase, mapping: SqlMapping, sink: SourceSink): Promise<void> {
  const queries = buildQueries(mapping);
  if (queries.roles && mapping.roles) {
    const name = label(mapping.roles, 'roles');
    await db.stream(queries.roles, async (rows) => {
      for (const [roleName, displayName, description, permissions] of rows) {
        sink.role({ sourceRef: `${name} ${String(roleName)}`, record: { name: roleName, display_name: displayName, description, permissions }, name: roleName, displayName, description, permissions });
      }
      await sink.checkpoint();
    });
  }
  if (queries.organizations && mapping.organizations) {
    const o = mapping.organizations;
    const name = label(o, 'organizations');
    const metadataColumns = o.metadata ?? [];
    await db.stream(queries.organizations, async (rows) => {
      for (const row of rows) {
        const [id, displayName, domains] = row;
        const metadata = metadataColumns.map((column, i): [string, unknown] => [column, row[3 + i]]);
        sink.organization({ sourceRef: `${name} id ${String(id)}`, record: { external_id: id, display_name: displayName, domains, metadata: Object.fromEntries(metadata) }, externalId: id, displayName, domains, metadata });
      }
      await sink.checkpoint();
    });
  }

  const u = mapping.users;
  const usersLabel = label(u, 'users');
  const metadataColumns = u.metadata ?? [];
  const membershipAt = USER_FIELDS.length + metadataColumns.length;
  const hasMemberships = mapping.memberships !== undefined;
  let current: unknown[] | undefined;
  let currentKey: unknown;
  let memberships: SourceMembership[] = [];

  const emit = () => {
    if (!current) return;
    const row = current;
    const [externalId, email, emailVerified, firstName, lastName, fullName, passwordHash, disabled, active, userOrg, userRole] = row;
    if (userOrg !== null && userOrg !== undefined) memberships.unshift({ orgExternalId: userOrg, roles: userRole });
    const metadata = metadataColumns.map((column, i): [string, unknown] => [column, row[USER_FIELDS.length + i]]);
    sink.user({
      sourceRef: `${usersLabel} id ${String(externalId)}`,
      record: new UserRow(row, memberships),
      externalId,
      email,
      emailVerified,
      firstName,
      lastName,
      fullName,
      disabled: isSet(disabled) || active === false || active === 0 || active === 'false' || active === 'f',
      memberships,
      metadata: metadata.length > 0 ? metadata : undefined,
      passwordHash: passwordHash === null || passwordHash === undefined ? undefined : { value: passwordHash },
    });
    memberships = [];
  };

  await db.stream(queries.users, async (rows) => {
    for (const row of rows) {
      const key = row[0];
      if (current === undefined || !sameKey(key, currentKey)) {
        emit();
        current = row;
        currentKey = key;
      }
      if (hasMemberships) {
        const org = row[membershipAt];
        if (org !== null && org !== undefined) memberships.push({ orgExternalId: org, roles: row[membershipAt + 1] });
      }
    }
    await sink.checkpoint();
  });
  emit();
}

/** Rows belong to the same user when their keys match; rows without a key are each their own record. */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (a === b) return true;
  return String(a) === String(b);
}

function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (typeof value === 'string') return !['false', 'f', '0', 'no', 'n'].includes(value.trim().toLowerCase());
  return true;
}

/** A user row as rejects.ndjson shows it; named only when written (most rows never are). */
class UserRow {
  constructor(
    private readonly row: unknown[],
    private readonly memberships: SourceMembership[],
  ) {}

  toJSON(): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    USER_FIELDS.forEach((field, i) => {
      if (this.row[i] !== null && this.row[i] !== undefined) record[field] = this.row[i];
    });
    record.memberships = this.memberships;
    return record;
  }
}
