import { DISPLAY_NAME_MAX } from '../../package/records.js';
import { EXTERNAL_ID_MAX } from '../normalize/user.js';
import type { SqlDatabase } from './database.js';
import type { SqlMapping } from './mapping.js';

/**
 * PostgreSQL starts the package line of every user whose id, address, names and verified flag it
 * can prove plain: the text plainUserLine (plain-user.ts) would write up to `"memberships":[`.
 * read.ts puts this column in front of its joined rows and finishes those users' lines (memberships,
 * status) in JS; for every other row it is NULL and the row takes
 * today's JS way. The expressions run in the server process, beside Node rather than in it.
 */
/** The value types the server's text of a column equals what the pg driver and the JS coercions make of it. */
const ID_TYPES = ['integer', 'smallint', 'bigint', 'text', 'character varying', 'uuid'];
const TEXT_TYPES = ['text', 'character varying'];
const FLAG_TYPES = ['boolean', 'integer', 'smallint', 'timestamp with time zone', 'timestamp without time zone', 'date'];

/**
 * normalize/email.ts COMMON_ADDRESS without its lookahead and counted repeats (PostgreSQL's regular
 * expressions take ~10 µs an address with them, ~1 µs without); the lengths are checked apart.
 */
const COMMON_SHAPE = '^[a-z0-9_%+-]+(?:[.][a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?[.])+[a-z][a-z]+$';

/** Printable ASCII without `"` or `\`: copied into a JSON string as JSON.stringify would write it, and trimmed as JS trims it. */
export function jsonSafeSql(x: string): string {
  return `(${x} COLLATE "C" !~ '[^] !#-[^-~]')`;
}

/** Printable ASCII: PostgreSQL's trim() and lower() then do what JS's trim() and toLowerCase() do. */
function printableSql(x: string): string {
  return `(${x} COLLATE "C" !~ '[^ -~]')`;
}

/** The address as normalizeEmail makes it when it is printable ASCII. */
export function lowerTrimSql(x: string): string {
  return `lower(trim(${x}) COLLATE "C")`;
}

/**
 * An address (already lower(trim())) that normalizeEmail accepts at once, a strict subset of COMMON_ADDRESS:
 * its shape, a local part of 1 to 64 characters, a domain of at most 63 (so no label is longer, and the
 * whole address is far below 254).
 */
export function commonAddressSql(e: string): string {
  return `(${e} COLLATE "C" ~ '${COMMON_SHAPE}' AND position('@' in ${e}) BETWEEN 2 AND 65 AND length(${e}) - position('@' in ${e}) <= 63)`;
}

/** The front column for a mapping, or undefined when a mapped column's type keeps the fast path out. */
export async function serverLineColumns(db: SqlDatabase, mapping: SqlMapping, expr: (field: keyof SqlMapping['users']['columns']) => string | undefined, usersFrom: string): Promise<string[] | undefined> {
  const c = mapping.users.columns;
  if (!mapping.memberships || c.org_external_id !== undefined || c.role !== undefined) return undefined;
  const id = expr('external_id')!;
  const email = expr('email');
  if (email === undefined) return undefined;
  const first = expr('first_name');
  const last = expr('last_name');
  const full = expr('full_name');
  const verified = expr('email_verified');
  const probe = [id, email, first ?? 'NULL', last ?? 'NULL', verified ?? 'NULL'].map((e, i) => `pg_typeof(${e})::text AS t${i}`);
  const types = await db.all(`SELECT ${probe.join(', ')} FROM ${usersFrom} LIMIT 1`);
  if (types.length === 0) return undefined;
  const [idType, emailType, firstType, lastType, verifiedType] = Object.values(types[0]!) as string[];
  if (!ID_TYPES.includes(idType!) || !TEXT_TYPES.includes(emailType!)) return undefined;
  if ((first !== undefined && !TEXT_TYPES.includes(firstType!)) || (last !== undefined && !TEXT_TYPES.includes(lastType!))) return undefined;
  if (verified !== undefined && !FLAG_TYPES.includes(verifiedType!)) return undefined;

  const textId = TEXT_TYPES.includes(idType!);
  const e = lowerTrimSql(email);
  const present = (x: string | undefined) => (x === undefined ? 'FALSE' : `coalesce(trim(${x}), '') <> ''`);
  const nameOk = (x: string | undefined) => (x === undefined ? [] : [`(${x} IS NULL OR (${jsonSafeSql(x)} AND length(trim(${x})) <= ${DISPLAY_NAME_MAX}))`]);
  const conditions = [
    `${id} IS NOT NULL`,
    ...(textId ? [jsonSafeSql(id), `trim(${id}) <> ''`, `length(trim(${id})) <= ${EXTERNAL_ID_MAX}`] : []),
    `${email} IS NOT NULL`,
    printableSql(email),
    commonAddressSql(e),
    ...nameOk(first),
    ...nameOk(last),
    ...(full === undefined ? [] : [`(${full} IS NULL OR ${present(first)} OR ${present(last)})`]),
  ];
  const idText = textId ? `trim(${id})` : `${id}::text`;
  const nameField = (x: string | undefined, field: string) => (x === undefined ? '' : ` || CASE WHEN ${present(x)} THEN ',"${field}":"' || trim(${x}) || '"' ELSE '' END`);
  const verifiedJson =
    verified === undefined ? `'false'` : verifiedType === 'boolean' ? `CASE WHEN ${verified} THEN 'true' ELSE 'false' END` : FLAG_TYPES.slice(1, 3).includes(verifiedType!) ? `CASE WHEN ${verified} <> 0 THEN 'true' ELSE 'false' END` : `CASE WHEN ${verified} IS NOT NULL THEN 'true' ELSE 'false' END`;
  const start = `'{"external_id":"' || ${idText} || '","email":"' || ${e} || '"'${nameField(first, 'first_name')}${nameField(last, 'last_name')} || ',"email_verified":' || ${verifiedJson} || ',"memberships":['`;
  return [`CASE WHEN ${conditions.join(' AND ')} THEN ${start} END`];
}
