import { quoteName, type SqlDatabase } from './database.js';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface ForeignKeyInfo {
  column: string;
  /** Referenced table, qualified as `TableInfo.qualified` is. */
  table: string;
  refColumn: string;
}

export interface TableInfo {
  /** PostgreSQL schema; undefined for SQLite. */
  schema?: string;
  name: string;
  /** How a mapping names the table: "users", "auth.users". */
  qualified: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
}

/** Reads tables, columns, primary and foreign keys from the database's own catalog. */
export async function introspect(db: SqlDatabase): Promise<TableInfo[]> {
  return db.dialect === 'sqlite' ? introspectSqlite(db) : introspectPostgres(db);
}

async function introspectSqlite(db: SqlDatabase): Promise<TableInfo[]> {
  const names = (await db.all("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((row) => String(row.name));
  const tables: TableInfo[] = [];
  for (const name of names) {
    const columns = await db.all(`PRAGMA table_info(${quoteName(name)})`);
    const keys = await db.all(`PRAGMA foreign_key_list(${quoteName(name)})`);
    tables.push({
      name,
      qualified: name,
      columns: columns.map((column) => ({ name: String(column.name), type: String(column.type ?? '').toLowerCase() })),
      primaryKey: columns
        .filter((column) => Number(column.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((column) => String(column.name)),
      foreignKeys: keys.map((key) => ({ column: String(key.from), table: String(key.table), refColumn: key.to === null ? 'id' : String(key.to) })),
    });
  }
  return tables;
}

async function introspectPostgres(db: SqlDatabase): Promise<TableInfo[]> {
  const columns = await db.all(`
    SELECT c.table_schema, c.table_name, c.column_name, c.data_type
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
    ORDER BY c.table_schema, c.table_name, c.ordinal_position`);
  const constraints = await db.all(`
    SELECT con.contype AS kind, ns.nspname AS table_schema, cls.relname AS table_name, att.attname AS column_name,
           rns.nspname AS ref_schema, rcls.relname AS ref_table, ratt.attname AS ref_column, k.ord
    FROM pg_constraint con
    JOIN pg_class cls ON cls.oid = con.conrelid
    JOIN pg_namespace ns ON ns.oid = cls.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum
    LEFT JOIN pg_class rcls ON rcls.oid = con.confrelid
    LEFT JOIN pg_namespace rns ON rns.oid = rcls.relnamespace
    LEFT JOIN pg_attribute ratt ON ratt.attrelid = con.confrelid AND ratt.attnum = con.confkey[k.ord]
    WHERE con.contype IN ('p', 'f') AND ns.nspname NOT IN ('pg_catalog', 'information_schema')
    ORDER BY ns.nspname, cls.relname, k.ord`);
  const tables = new Map<string, TableInfo>();
  const qualify = (schema: string, name: string) => (schema === 'public' ? name : `${schema}.${name}`);
  for (const row of columns) {
    const schema = String(row.table_schema);
    const name = String(row.table_name);
    const key = qualify(schema, name);
    const table = tables.get(key) ?? { schema, name, qualified: key, columns: [], primaryKey: [], foreignKeys: [] };
    table.columns.push({ name: String(row.column_name), type: String(row.data_type).toLowerCase() });
    tables.set(key, table);
  }
  for (const row of constraints) {
    const table = tables.get(qualify(String(row.table_schema), String(row.table_name)));
    if (!table) continue;
    if (row.kind === 'p') table.primaryKey.push(String(row.column_name));
    else table.foreignKeys.push({ column: String(row.column_name), table: qualify(String(row.ref_schema), String(row.ref_table)), refColumn: String(row.ref_column) });
  }
  return [...tables.values()];
}
