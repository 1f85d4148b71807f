import { UserInputError } from '../../errors.js';
import type { SqlDatabase } from './database.js';

const BATCH = 5_000;

/** The URL as it may be shown: the password (and any password parameter) removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(key)) parsed.searchParams.delete(key);
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/**
 * A PostgreSQL connection through the `pg` driver. Everything runs inside one READ ONLY,
 * REPEATABLE READ transaction, so organizations, roles and users come from the same snapshot;
 * big results are read through a server-side cursor in batches.
 */
export async function openPostgres(url: string, batchRows = BATCH): Promise<SqlDatabase> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UserInputError(`--url must be a postgres:// or postgresql:// URL for the postgres source`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, application_name: 'scalekit-migrate export' });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new UserInputError(`cannot connect to ${redactUrl(url)}: ${(error as Error).message}`);
  }
  await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let cursors = 0;
  return {
    dialect: 'postgres',
    async all(sql) {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    },
    async stream(sql, onBatch) {
      const cursor = `export_cursor_${++cursors}`;
      try {
        await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`);
      } catch (error) {
        throw new UserInputError(`PostgreSQL refused the query (${(error as Error).message}): ${sql}`);
      }
      const fetch = () => client.query({ text: `FETCH FORWARD ${batchRows} FROM ${cursor}`, rowMode: 'array' });
      // The next batch is asked for before this one is handled: the server reads while the export works.
      let next = fetch();
      for (;;) {
        const result = await next;
        if (result.rows.length === 0) break;
        next = fetch();
        // A failed batch leaves the fetch already sent: its outcome is not awaited, only kept from being unhandled.
        try {
          await onBatch(result.rows as unknown[][]);
        } catch (error) {
          next.catch(() => undefined);
          throw error;
        }
      }
      await client.query(`CLOSE ${cursor}`);
    },
    async close() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end();
    },
  };
}
