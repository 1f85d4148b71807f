import { UserInputError } from '../../errors.js';
import type { DataModelHints } from '../data-model.js';
import type { ExportSource } from '../model.js';
import { quoteName, type SqlDatabase } from '../sql/database.js';
import { sqlMappingSchema, type SqlMapping } from '../sql/mapping.js';
import { openPostgres, redactUrl } from '../sql/postgres-database.js';
import { proposeMapping, type Preset } from '../sql/propose.js';
import { buildQueries, readDatabase } from '../sql/read.js';
import { introspect, type TableInfo } from '../sql/schema.js';
import { openSqlite } from '../sql/sqlite-database.js';
import { readMappingFile } from './mapping-file.js';

export interface DatabaseSourceOptions {
  kind: 'sqlite' | 'postgres';
  /** SQLite: the resolved file path; PostgreSQL: the connection URL. */
  location: string;
  /** Shown in the manifest and results: a workspace-relative path, or the URL without password. */
  ref: string;
  mappingPath?: string;
  preset?: Preset;
  hints?: DataModelHints;
  /** Rows read per batch; the engine's default when absent. */
  readBatchRows?: number;
}

/**
 * A database source: connects (read-only), takes the mapping file or proposes a mapping from the
 * catalog, then streams roles, organizations and users with their memberships.
 */
export async function databaseSource(options: DatabaseSourceOptions): Promise<ExportSource> {
  const explicit = options.mappingPath ? readMappingFile(options.mappingPath, sqlMappingSchema) : undefined;
  const db: SqlDatabase = options.kind === 'sqlite' ? await openSqlite(options.location, options.readBatchRows) : await openPostgres(options.location, options.readBatchRows);
  let rowIdentity: string | undefined;
  let described: { preset: string; mapping: SqlMapping; notes: string[]; queries: ReturnType<typeof buildQueries>; tables?: string[] };
  try {
    if (explicit) {
      rowIdentity = await userRowIdentity(db, explicit, await introspect(db));
      described = { preset: 'mapping file', mapping: explicit, notes: [], queries: buildQueries(explicit, rowIdentity) };
    } else {
      const tables = await introspect(db);
      const proposal = proposeMapping(tables, { preset: options.preset, hints: options.hints, dialect: db.dialect });
      rowIdentity = await userRowIdentity(db, proposal.mapping, tables);
      described = { ...proposal, queries: buildQueries(proposal.mapping, rowIdentity), tables: tables.map((t) => t.qualified) };
      if (options.hints) described.notes.unshift(`tables chosen with the audit's dataModel (${options.hints.from})`);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.close();
  };
  return {
    kind: options.kind,
    ref: options.ref,
    describe: () => described,
    async read(sink) {
      try {
        await readDatabase(db, described.mapping, sink, rowIdentity);
      } finally {
        await close();
      }
    },
    close,
  };
}

/**
 * How to tell two rows of the users table apart when its user key is not its primary key
 * (rowid, ctid); undefined when the key is the primary key, or the users come from a view or query.
 */
async function userRowIdentity(db: SqlDatabase, mapping: SqlMapping, tables: TableInfo[]): Promise<string | undefined> {
  const users = mapping.users;
  if (users.table === undefined) return undefined;
  const table = tables.find((t) => t.qualified === users.table) ?? tables.find((t) => t.name === users.table);
  if (table && table.primaryKey.length === 1 && table.primaryKey[0] === users.columns.external_id) return undefined;
  const identity = db.dialect === 'sqlite' ? 'rowid' : 'ctid';
  // A failed probe must not abort PostgreSQL's export transaction: it runs inside a savepoint.
  const savepoint = db.dialect === 'postgres';
  if (savepoint) await db.all('SAVEPOINT row_identity_probe');
  try {
    await db.all(`SELECT u.${identity} FROM ${quoteName(users.table, true)} AS u LIMIT 0`);
    if (savepoint) await db.all('RELEASE SAVEPOINT row_identity_probe');
    return identity;
  } catch {
    if (savepoint) await db.all('ROLLBACK TO SAVEPOINT row_identity_probe');
    return undefined;
  }
}

export function postgresRef(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UserInputError('--url must be a postgres:// or postgresql:// URL for the postgres source');
  return redactUrl(url);
}
