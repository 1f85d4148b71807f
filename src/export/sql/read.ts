import type { UserStatus } from '../../package/records.js';
import type { SourceMembership, SourceSink, SourceUser } from '../model.js';
import { statusWord } from '../normalize/status.js';
import { quoteName, type SqlDatabase } from './database.js';
import type { ColumnRef, SqlMapping } from './mapping.js';
import { plainUserLine } from '../normalize/plain-user.js';

const USER_FIELDS = [
  'external_id', 'email', 'email_verified', 'first_name', 'last_name', 'full_name', 'password_hash',
  'disabled', 'active', 'deleted', 'blocked', 'unconfirmed', 'status', 'org_external_id', 'role',
] as const;

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

/** Where each value sits in a row of the users query; -1 for a field the mapping leaves out (not selected). */
interface UserRowLayout {
  fields: Record<(typeof USER_FIELDS)[number], number>;
  metadata: number;
  membership: number;
  identity: number;
}

/**
 * The users query and where its values sit: only mapped fields are selected (reading a column of
 * NULLs per unmapped field costs as much as reading a real one).
 */
function userQuery(mapping: SqlMapping, rowIdentity?: string): { sql: string; layout: UserRowLayout } {
  const u = mapping.users;
  const select: string[] = [];
  const fields = {} as UserRowLayout['fields'];
  for (const field of USER_FIELDS) {
    const ref = u.columns[field];
    fields[field] = ref === undefined ? -1 : select.push(expr(ref, 'u')) - 1;
  }
  const metadata = select.length;
  for (const column of u.metadata ?? []) select.push(`u.${quoteName(column)}`);
  const membership = mapping.memberships ? select.length : -1;
  let joins = '';
  if (mapping.memberships) {
    const m = mapping.memberships;
    joins += ` LEFT JOIN ${fromClause(m, 'm')} ON ${expr(m.columns.user_id, 'm')} = ${expr(u.columns.external_id, 'u')}`;
    select.push(expr(m.columns.org_external_id, 'm'));
    if (m.columns.role_id !== undefined && mapping.roles?.columns.id !== undefined) {
      joins += ` LEFT JOIN ${fromClause(mapping.roles, 'r')} ON ${expr(mapping.roles.columns.id, 'r')} = ${expr(m.columns.role_id, 'm')}`;
      select.push(expr(mapping.roles.columns.name, 'r'), expr(m.columns.role_id, 'm'));
    } else select.push(expr(m.columns.role, 'm'), 'NULL');
  }
  const order = [expr(u.columns.external_id, 'u')];
  let identity = -1;
  if (rowIdentity) {
    identity = select.push(`u.${rowIdentity}`) - 1;
    order.push(`u.${rowIdentity}`);
  }
  return { sql: `SELECT ${select.join(', ')} FROM ${fromClause(u, 'u')}${joins} ORDER BY ${order.join(', ')}`, layout: { fields, metadata, membership, identity } };
}

export interface DatabaseQueries {
  users: string;
  organizations?: string;
  roles?: string;
  /** Counts the membership rows that name a user: when the users query met them all with an organization, none is an orphan. */
  memberships?: string;
  /** Membership rows naming a user the users table does not hold (reported, not exported). */
  orphanMemberships?: string;
}

/**
 * The queries an export runs for a mapping: shown to the person with the proposal. `rowIdentity`
 * (SQLite's rowid, PostgreSQL's ctid) is selected when the user key is not the table's primary
 * key, so two rows with one user id are told apart instead of read as one user.
 */
export function buildQueries(mapping: SqlMapping, rowIdentity?: string): DatabaseQueries {
  const u = mapping.users;
  const result: DatabaseQueries = { users: userQuery(mapping, rowIdentity).sql };
  if (mapping.memberships) {
    const m = mapping.memberships;
    result.memberships = `SELECT count(*) FROM ${fromClause(m, 'm')} WHERE ${expr(m.columns.user_id, 'm')} IS NOT NULL`;
    result.orphanMemberships =
      `SELECT ${expr(m.columns.user_id, 'm')}, ${expr(m.columns.org_external_id, 'm')} FROM ${fromClause(m, 'm')}` +
      ` WHERE ${expr(m.columns.user_id, 'm')} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${fromClause(u, 'u')} WHERE ${expr(u.columns.external_id, 'u')} = ${expr(m.columns.user_id, 'm')})`;
  }
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
export async function readDatabase(db: SqlDatabase, mapping: SqlMapping, sink: SourceSink, rowIdentity?: string): Promise<void> {
  const queries = buildQueries(mapping, rowIdentity);
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
  const { layout } = userQuery(mapping, rowIdentity);
  const at = layout.fields;
  const membershipAt = layout.membership;
  const hasMemberships = membershipAt >= 0;
  const identityAt = layout.identity;
  const secretFields = secretColumns(mapping);
  let current: unknown[] | undefined;
  let currentKey: unknown;
  let currentRow: unknown;
  let repeatedRow: unknown;
  let memberships: SourceMembership[] = [];
  /**
   * Membership rows the users query met with an organization, each naming a user it holds: counted once per
   * user, organization and role (id, else name), so a membership joined to two roles rows of one id is not counted twice.
   */
  let membershipRowsMet = 0;
  const metOfUser: unknown[] = [];
  const value = (row: unknown[], index: number): unknown => (index < 0 ? null : row[index]);

  /** A joined users row as the source user both ways take: the short way (plain-user.ts) and normalizeUser. */
  const userOf = (row: unknown[]): SourceUser => {
    const externalId = value(row, at.external_id);
    const metadata = metadataColumns.map((column, i): [string, unknown] => [column, row[layout.metadata + i]]);
    const passwordHash = value(row, at.password_hash);
    return {
      sourceRef: `${usersLabel} id ${String(externalId)}`,
      record: new UserRow(row, layout, memberships),
      externalId,
      email: value(row, at.email),
      emailVerified: value(row, at.email_verified),
      firstName: value(row, at.first_name),
      lastName: value(row, at.last_name),
      fullName: value(row, at.full_name),
      status: statusOf(row, at),
      secretFields,
      memberships,
      metadata: metadata.length > 0 ? metadata : undefined,
      passwordHash: passwordHash === null || passwordHash === undefined ? undefined : { value: passwordHash },
    };
  };

  /** Plain users go as their package line when the sink takes them (never with a users-table organization column). */
  const plainWay = sink.plainUsers !== undefined && sink.plainUser !== undefined && at.org_external_id < 0;
  const emit = () => {
    if (!current) return;
    const row = current;
    const userOrg = value(row, at.org_external_id);
    if (userOrg !== null && userOrg !== undefined) memberships.unshift({ orgExternalId: userOrg, roles: value(row, at.role) });
    const user = userOf(row);
    const plain = plainWay ? plainUserLine(user, sink.plainUsers!) : undefined;
    if (plain !== undefined) sink.plainUser!(plain);
    else sink.user(user);
    memberships = [];
    metOfUser.length = 0;
  };

  await db.stream(queries.users, async (rows) => {
    for (const row of rows) {
      const key = value(row, at.external_id);
      if (current === undefined || !sameKey(key, currentKey)) {
        emit();
        current = row;
        currentKey = key;
        currentRow = rowIdentity ? row[identityAt] : undefined;
        repeatedRow = undefined;
      } else if (rowIdentity && String(row[identityAt]) !== String(currentRow)) {
        // A second row of the table with the same user id: its own input record, rejected once.
        if (String(row[identityAt]) !== String(repeatedRow)) {
          repeatedRow = row[identityAt];
          sink.unreadable(`${usersLabel} id ${String(key)} (another row)`, `a second row in ${usersLabel} with the same user id: ids must be unique, the first row was exported`, new UserRow(row, layout, []));
        }
        continue;
      }
      if (hasMemberships) {
        const org = row[membershipAt];
        const roleId = row[membershipAt + 2];
        if (org !== null && org !== undefined) {
          const roleName = row[membershipAt + 1];
          const unknownRole = (roleName === null || roleName === undefined) && roleId !== null && roleId !== undefined ? String(roleId) : undefined;
          memberships.push({ orgExternalId: org, roles: roleName, unknownRoleId: unknownRole });
          const role = roleId ?? roleName;
          if (!pairAmong(metOfUser, org, role)) {
            metOfUser.push(org, role);
            membershipRowsMet += 1;
          }
        }
      }
    }
    await sink.checkpoint();
  });
  emit();
  // The search for orphans costs as much as reading the users again (0.4-0.8 s a million memberships): it runs only
  // when some membership row naming a user was not met above with its organization.
  if (queries.orphanMemberships && (await countOf(db, queries.memberships!)) !== membershipRowsMet) {
    const name = label(mapping.memberships!, 'memberships');
    await db.stream(queries.orphanMemberships, async (rows) => {
      for (const [userKey, org] of rows) sink.membershipWithoutUser(`${name} user_id ${String(userKey)}`, String(userKey), org);
      await sink.checkpoint();
    });
  }
}

/** Whether [a, b] is among the pairs laid out flat in `pairs`. */
function pairAmong(pairs: unknown[], a: unknown, b: unknown): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === a && pairs[i + 1] === b) return true;
  return false;
}

async function countOf(db: SqlDatabase, sql: string): Promise<number> {
  const [row] = await db.all(sql);
  return Number(Object.values(row!)[0]);
}

/** Rows belong to the same user when their keys match; rows without a key are each their own record. */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (a === b) return true;
  return String(a) === String(b);
}

/** The user's status from the mapped columns: an explicit status word, then deleted, blocked, disabled, unconfirmed. */
function statusOf(row: unknown[], at: UserRowLayout['fields']): UserStatus | undefined {
  const word = at.status >= 0 ? statusWord(row[at.status]) : undefined;
  if (word) return word === 'active' ? undefined : word;
  if (at.deleted >= 0 && isSet(row[at.deleted])) return 'deleted';
  if (at.blocked >= 0 && isSet(row[at.blocked])) return 'blocked';
  const active = at.active >= 0 ? row[at.active] : undefined;
  if ((at.disabled >= 0 && isSet(row[at.disabled])) || active === false || active === 0 || active === 'false' || active === 'f') return 'inactive';
  if (at.unconfirmed >= 0 && isSet(row[at.unconfirmed])) return 'unconfirmed';
  return undefined;
}

/** Mapped columns that hold secrets whatever they are called (a `user_pass` mapped as password_hash). */
function secretColumns(mapping: SqlMapping): string[] {
  const column = mapping.users.columns.password_hash;
  return typeof column === 'string' ? [column, 'password_hash'] : ['password_hash'];
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
    private readonly layout: UserRowLayout,
    private readonly memberships: SourceMembership[],
  ) {}

  toJSON(): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (const field of USER_FIELDS) {
      const at = this.layout.fields[field];
      if (at >= 0 && this.row[at] !== null && this.row[at] !== undefined) record[field] = this.row[at];
    }
    record.memberships = this.memberships;
    return record;
  }
}
