import type Database from 'better-sqlite3';
import { UserInputError, errorMessage } from '../../errors.js';

export type SqliteConstructor = typeof Database;

const FIX =
  'export needs the native module better-sqlite3 (it reads SQLite sources and stages every export in SQLite). ' +
  'Reinstall with its install script allowed: `npm rebuild better-sqlite3` in the install folder, ' +
  'or `npm install -g scalekit-migrate --allow-scripts=better-sqlite3` (npm 11.16+; npx: `npm config set allow-scripts=better-sqlite3 --location=user`); ' +
  'building it from source needs python3, make and a C++ compiler';

let loaded: Promise<SqliteConstructor> | undefined;

/**
 * better-sqlite3, loaded on first use and tried once: the MCP server and every command that does not
 * export work without it, and an export without it fails with the fix instead of a stack trace.
 */
export function loadSqlite(): Promise<SqliteConstructor> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<SqliteConstructor> {
  let Sqlite: SqliteConstructor;
  try {
    Sqlite = (await import('better-sqlite3')).default;
  } catch (error) {
    loaded = undefined;
    throw new UserInputError(`${FIX} (it is not installed: ${firstLine(error)})`);
  }
  try {
    new Sqlite(':memory:').close();
  } catch (error) {
    loaded = undefined;
    throw new UserInputError(`${FIX} (its compiled part does not load: ${firstLine(error)})`);
  }
  return Sqlite;
}

function firstLine(error: unknown): string {
  return errorMessage(error).split('\n')[0] ?? '';
}
