import { closeSync, openSync, readSync } from 'node:fs';
import { UserInputError } from '../../errors.js';
import { assertReadableFile } from '../io/text-file.js';
import type { SqlDatabase } from './database.js';
import { loadSqlite } from './native-sqlite.js';

const BATCH = 500;

/** A SQLite file opened read-only: the export never writes to the source. */
export async function openSqlite(path: string, batchRows = BATCH): Promise<SqlDatabase> {
  const Database = await loadSqlite();
  assertReadableFile(path);
  assertSqliteHeader(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(false);
  return {
    dialect: 'sqlite',
    async all(sql) {
      return db.prepare(sql).all() as Record<string, unknown>[];
    },
    async stream(sql, onBatch) {
      let statement;
      try {
        statement = db.prepare(sql).raw(true);
      } catch (error) {
        throw new UserInputError(`SQLite refused the query (${(error as Error).message}): ${sql}`);
      }
      let batch: unknown[][] = [];
      for (const row of statement.iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length >= batchRows) {
          await onBatch(batch);
          batch = [];
        }
      }
      if (batch.length) await onBatch(batch);
    },
    async close() {
      db.close();
    },
  };
}

function assertSqliteHeader(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    if (read < 16 || head.toString('latin1') !== 'SQLite format 3\u0000') throw new UserInputError(`${path} is not a SQLite database`);
  } finally {
    closeSync(fd);
  }
}
