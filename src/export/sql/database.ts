/** What the export needs from a database: a few small queries, and one streamed query at a time. */
export interface SqlDatabase {
  dialect: 'sqlite' | 'postgres';
  /** Small result sets (introspection), as objects. */
  all(sql: string): Promise<Record<string, unknown>[]>;
  /** A large result set in batches of rows (arrays, in select-list order), with constant memory. */
  stream(sql: string, onBatch: (rows: unknown[][]) => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Quotes an identifier for SQLite and PostgreSQL alike; "schema.table" becomes "schema"."table". */
export function quoteName(name: string, qualified = false): string {
  const quote = (part: string) => `"${part.replace(/"/g, '""')}"`;
  if (!qualified) return quote(name);
  const dot = name.indexOf('.');
  return dot === -1 ? quote(name) : `${quote(name.slice(0, dot))}.${quote(name.slice(dot + 1))}`;
}
