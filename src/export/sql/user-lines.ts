import { DISPLAY_NAME_MAX } from '../../package/records.js';
import { STATUS_WORDS } from '../normalize/status.js';
import { EXTERNAL_ID_MAX } from '../normalize/user.js';
import { quoteName } from './database.js';
import type { ColumnRef, SqlMapping } from './mapping.js';

/**
 * SQLite starts the package line of every user it can prove plain (ASCII ids, an address of the usual
 * shape, ASCII names, integer flags, no metadata) and vouches for membership rows with plain organization
 * ids and canonical role names. read.ts finishes those users' lines (memberships, status) without
 * normalizing them in JS; every other user takes the JS path. The rows are read.ts's joined rows with
 * these columns in front, in the same order, so the package does not change.
 */
export const USER_LINE_COLUMNS = ['line_start', 'email', 'status', 'membership_ok'] as const;

const MAX_SAFE = '9007199254740991';

export interface UserLinesOptions {
  /** The export leaves inactive users out (skipInactive): those take the JS path, which rejects them. */
  skipInactive: boolean;
}

/** The parts of read.ts's joined users query this one is built around. */
export interface JoinedUserQuery {
  userExprs: string[];
  /** Organization id, role name, role id. */
  membershipExprs: string[];
  usersFrom: string;
  orderKey: string;
  membershipJoins: (key: string) => string;
}

/** Printable ASCII without `"` or `\`: copied into a JSON string as is, and trimmed by SQL as JS trims it. */
function plain(x: string): string {
  // The class lists what may appear: "]" (first, so literal), space, "!", "#" to "[", "^" to "~".
  return `${x} NOT GLOB '*[^] !#-[^-~]*'`;
}

/** Printable ASCII: SQL's trim() and lower() then do what JS's trim() and toLowerCase() do. */
function printable(x: string): string {
  return `${x} NOT GLOB '*[^ -~]*'`;
}

/** An id coerceId turns into the same text SQL does: a safe integer, or plain text without edge spaces. */
function plainId(x: string): string {
  return `(CASE typeof(${x}) WHEN 'integer' THEN ${x} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} WHEN 'text' THEN ${plain(x)} AND ${x} = trim(${x}) AND ${x} <> '' AND length(${x}) <= ${EXTERNAL_ID_MAX} ELSE 0 END)`;
}

/** Scalekit's canonical role name (normalize/role-name.ts CANONICAL): one name per value, mapped to itself. */
function canonicalRole(x: string): string {
  return `(typeof(${x}) = 'text' AND ${x} NOT GLOB '*[^a-z0-9_]*' AND length(${x}) <= 64 AND (${x} GLOB '[a-z0-9]*[a-z0-9]' OR ${x} GLOB '[a-z0-9]'))`;
}

/**
 * An address `e` (already lower(trim())) that normalize/email.ts COMMON_ADDRESS accepts: a strict
 * subset of it (the domain at most 63 characters, so no label is longer). test/export/user-lines.test.ts
 * checks the two on edge cases.
 */
export function commonAddressSql(e: string): string {
  const at = `instr(${e}, '@')`;
  return [
    `${e} NOT GLOB '*[^a-z0-9_%+.@-]*'`,
    // The local part starts with a character other than a dot; the top-level domain is two letters or more after a dot.
    `${e} GLOB '[a-z0-9_%+-]*@*.[a-z][a-z]*'`,
    `rtrim(${e}, 'abcdefghijklmnopqrstuvwxyz') GLOB '*@*.'`,
    // One "@", no empty part around a dot, no dot at the end of the local part.
    `${e} NOT GLOB '*@*@*'`,
    `${e} NOT GLOB '*..*'`,
    `${e} NOT GLOB '*.@*'`,
    // The domain: only letters, digits, dots and hyphens; no label starts or ends with a hyphen.
    `${e} NOT GLOB '*@*[_%+]*'`,
    `${e} NOT GLOB '*@[.-]*'`,
    `${e} NOT GLOB '*@*-.*'`,
    `${e} NOT GLOB '*@*.-*'`,
    `${at} BETWEEN 2 AND 65`,
    `length(${e}) - ${at} <= 63`,
  ].join(' AND ');
}

/** read.ts isSet(); NULL when the value's type is left to JS. */
function isSet(x: string): string {
  return `(CASE typeof(${x}) WHEN 'null' THEN 0 WHEN 'integer' THEN ${x} <> 0 WHEN 'real' THEN ${x} <> 0 WHEN 'text' THEN CASE WHEN ${printable(x)} THEN ${x} <> '' AND lower(trim(${x})) NOT IN ('false', 'f', '0', 'no', 'n') END END)`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function ref(column: ColumnRef | undefined, alias: string): string | undefined {
  if (column === undefined) return undefined;
  return typeof column === 'string' ? `${alias}.${quoteName(column)}` : `(${column.sql})`;
}

/** read.ts statusOf() in SQL, for values its conditions let through. */
function statusSql(c: SqlMapping['users']['columns'], named: (column: ColumnRef | undefined) => string | undefined): string {
  const whenFlag = (flag: 'deleted' | 'blocked' | 'disabled' | 'unconfirmed', status: string) => {
    const x = named(c[flag]);
    return x === undefined ? '' : ` WHEN ${isSet(x)} THEN '${status}'`;
  };
  const active = named(c.active);
  const activeFalse = active === undefined ? '' : ` WHEN (typeof(${active}) IN ('integer', 'real') AND ${active} = 0) OR (typeof(${active}) = 'text' AND ${active} IN ('false', 'f')) THEN 'inactive'`;
  const word = named(c.status);
  const wordCase =
    word === undefined
      ? ''
      : Object.entries(STATUS_WORDS)
          .map(([text, status]) => ` WHEN typeof(${word}) = 'text' AND lower(trim(${word})) = ${literal(text)} THEN ${status === 'active' ? 'NULL' : literal(status)}`)
          .join('');
  const whens = `${wordCase}${whenFlag('deleted', 'deleted')}${whenFlag('blocked', 'blocked')}${whenFlag('disabled', 'inactive')}${activeFalse}${whenFlag('unconfirmed', 'unconfirmed')}`;
  return whens === '' ? 'NULL' : `CASE${whens} END`;
}

/**
 * read.ts's joined users query with USER_LINE_COLUMNS in front, for SQLite; undefined when the mapping
 * leaves nothing for SQL to build (no memberships table, an organization on the user row).
 */
export function sqliteUserLinesQuery(mapping: SqlMapping, joined: JoinedUserQuery, options: UserLinesOptions): string | undefined {
  const u = mapping.users;
  const c = u.columns;
  if (!mapping.memberships || c.org_external_id !== undefined || c.role !== undefined) return undefined;
  // The user columns once each, in key order: a co-routine SQLite does not flatten, so the checks below read them, not the expressions.
  const level0 = `SELECT ${joined.userExprs.map((e, i) => `${e} AS c${i}`).join(', ')}, lower(trim(${ref(c.email, 'u')})) AS e FROM ${joined.usersFrom} ORDER BY ${joined.orderKey} LIMIT -1`;
  const named = (column: ColumnRef | undefined) => {
    const e = ref(column, 'u');
    const at = e === undefined ? -1 : joined.userExprs.indexOf(e);
    return at === -1 ? undefined : `x.c${at}`;
  };
  const email = named(c.email)!;
  const id = named(c.external_id)!;
  const first = named(c.first_name);
  const last = named(c.last_name);
  const full = named(c.full_name);
  const verified = named(c.email_verified);
  const word = named(c.status);
  const status = statusSql(c, named);
  const name = (x: string | undefined) => (x === undefined ? [] : [`(typeof(${x}) = 'null' OR (typeof(${x}) = 'text' AND ${plain(x)} AND length(trim(${x})) <= ${DISPLAY_NAME_MAX}))`]);
  const present = (x: string | undefined) => (x === undefined ? 'FALSE' : `coalesce(trim(${x}), '') <> ''`);
  const flags = (['deleted', 'blocked', 'disabled', 'unconfirmed', 'active'] as const).map((flag) => named(c[flag])).filter((x): x is string => x !== undefined);
  const conditions = [
    plainId(id),
    `typeof(${email}) = 'text'`,
    printable(email),
    commonAddressSql('x.e'),
    ...name(first),
    ...name(last),
    ...(full === undefined ? [] : [`(${full} IS NULL OR ${present(first)} OR ${present(last)})`]),
    ...(verified === undefined ? [] : [`typeof(${verified}) IN ('null', 'integer')`]),
    ...flags.map((x) => `${isSet(x)} IS NOT NULL`),
    ...(word === undefined ? [] : [`(${word} IS NULL OR (typeof(${word}) = 'text' AND ${printable(word)} AND lower(trim(${word})) IN (${Object.keys(STATUS_WORDS).map(literal).join(', ')})))`]),
    ...(u.metadata ?? []).map((column) => `x.c${joined.userExprs.indexOf(`u.${quoteName(column)}`)} IS NULL`),
    ...(options.skipInactive ? [`(${status}) IS NULL`] : []),
  ];
  const idText = `CASE WHEN typeof(${id}) = 'integer' THEN CAST(${id} AS TEXT) ELSE ${id} END`;
  const nameField = (x: string | undefined, field: string) => (x === undefined ? '' : ` || CASE WHEN ${present(x)} THEN ',"${field}":"' || trim(${x}) || '"' ELSE '' END`);
  const verifiedJson = verified === undefined ? `'false'` : `CASE WHEN ${verified} IS NOT NULL AND ${verified} <> 0 THEN 'true' ELSE 'false' END`;
  const start = `'{"external_id":"' || ${idText} || '","email":"' || x.e || '"'${nameField(first, 'first_name')}${nameField(last, 'last_name')} || ',"email_verified":' || ${verifiedJson} || ',"memberships":['`;

  // A membership row SQL vouches for: no organization (skipped), or a safe integer or plain text id; a canonical role name or none.
  const [org, role, roleId] = joined.membershipExprs as [string, string, string];
  const orgOk = `(CASE typeof(${org}) WHEN 'integer' THEN ${org} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} WHEN 'text' THEN ${plain(org)} AND length(trim(${org})) <= ${EXTERNAL_ID_MAX} WHEN 'null' THEN 1 ELSE 0 END)`;
  const roleOk = `((${role} IS NULL AND ${roleId} IS NULL) OR ${canonicalRole(role)})`;
  const front = [`CASE WHEN ${conditions.join(' AND ')} THEN ${start} END`, 'x.e', status, `${orgOk} AND ${roleOk}`];
  const select = [...front, ...joined.userExprs.map((_, i) => `x.c${i}`), ...joined.membershipExprs];
  return `SELECT ${select.join(', ')} FROM (${level0}) AS x${joined.membershipJoins(id)} ORDER BY ${id}`;
}
