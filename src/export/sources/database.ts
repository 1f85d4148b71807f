import { UserInputError } from '../../errors.js';
import type { DataModelHints } from '../data-model.js';
import type { ExportSource } from '../model.js';
import type { SqlDatabase } from '../sql/database.js';
import { sqlMappingSchema, type SqlMapping } from '../sql/mapping.js';
import { openPostgres, redactUrl } from '../sql/postgres-database.js';
import { proposeMapping, type Preset } from '../sql/propose.js';
import { buildQueries, readDatabase } from '../sql/read.js';
import { introspect } from '../sql/schema.js';
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
}

/**
 * A database source: connects (read-only), takes the mapping file or proposes a mapping from the
 * catalog, then streams roles, organizations and users with their memberships.
 */
export async function databaseSource(options: DatabaseSourceOptions): Promise<ExportSource> {
  const explicit = options.mappingPath ? readMappingFile(options.mappingPath, sqlMappingSchema) : undefined;
  const db: SqlDatabase = options.kind === 'sqlite' ? await openSqlite(options.location) : await openPostgres(options.location);
  let described: { preset: string; mapping: SqlMapping; notes: string[]; queries: ReturnType<typeof buildQueries>; tables?: string[] };
  try {
    if (explicit) {
      described = { preset: 'mapping file', mapping: explicit, notes: [], queries: buildQueries(explicit) };
    } else {
      const tables = await introspect(db);
      const proposal = proposeMapping(tables, { preset: options.preset, hints: options.hints, dialect: db.dialect });
      described = { ...proposal, queries: buildQueries(proposal.mapping), tables: tables.map((t) => t.qualified) };
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
        await readDatabase(db, described.mapping, sink);
      } finally {
        await close();
      }
    },
    close,
  };
}

export function postgresRef(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UserInputError('--url must be a postgres:// or postgresql:// URL for the postgres source');
  return redactUrl(url);
}
