import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where the user table keeps each user's encoded string: a map in memory, or SQLite on disk. */
export interface EncodedUsers {
  readonly size: number;
  get(id: string): string | undefined;
  set(id: string, text: string): void;
  has(id: string): boolean;
  delete(id: string): boolean;
  keys(): IterableIterator<string>;
  close(): void;
}

export function encodedUsersInMemory(): EncodedUsers {
  const map = new Map<string, string>();
  return {
    get size() {
      return map.size;
    },
    get: (id) => map.get(id),
    set: (id, text) => void map.set(id, text),
    has: (id) => map.has(id),
    delete: (id) => map.delete(id),
    keys: () => map.keys(),
    close: () => undefined,
  };
}

/**
 * The encoded users in a SQLite file in a private temporary folder (removed by `close`): the emulator's heap then
 * holds only the indexes, so a million-user environment stays well under 1 GB. Insertion order is kept (a
 * replaced user keeps its place), as a map's.
 */
export function encodedUsersOnDisk(): EncodedUsers {
  const Sqlite = require('better-sqlite3') as typeof Database;
  const dir = mkdtempSync(join(tmpdir(), 'skm-emulator-users-'));
  const db = new Sqlite(join(dir, 'users.sqlite'));
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -16384');
  db.exec('CREATE TABLE users (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL)');
  const select = db.prepare<[string], { data: string }>('SELECT data FROM users WHERE id = ?');
  const upsert = db.prepare<[string, string]>('INSERT INTO users (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
  const remove = db.prepare<[string]>('DELETE FROM users WHERE id = ?');
  const page = db.prepare<[number], { seq: number; id: string }>('SELECT seq, id FROM users WHERE seq > ? ORDER BY seq LIMIT 1000');
  let size = 0;
  return {
    get size() {
      return size;
    },
    get: (id) => select.get(id)?.data,
    set: (id, text) => {
      if (select.get(id) === undefined) size += 1;
      upsert.run(id, text);
    },
    has: (id) => select.get(id) !== undefined,
    delete: (id) => {
      const removed = remove.run(id).changes > 0;
      if (removed) size -= 1;
      return removed;
    },
    *keys() {
      // A page at a time, no statement left open: the caller may read and write users while it iterates.
      let after = 0;
      for (;;) {
        const rows = page.all(after);
        for (const row of rows) yield row.id;
        if (rows.length < 1000) return;
        after = rows.at(-1)!.seq;
      }
    },
    close: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
