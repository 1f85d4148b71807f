import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { PACKAGE_FILES } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { readRecords } from '../package/read.js';
import { userRecordSchema, type UserRecord } from '../package/records.js';
import type { PackageEntry } from './load-package.js';
import { refuseDuplicateMemberships } from './load-package.js';
import { withWorkDb, type WorkDb } from './work-db.js';

/** Users read, planned and held at once by a streaming import: memory follows this, not the package size. */
export const USER_CHUNK = 2_000;

/** The users of a package, on disk: counted and checked once, then read in chunks as often as needed. */
export interface PackageUsers {
  count: number;
  memberships: number;
  /** Users with email_verified false: active ones, and ones whose status is not active. */
  unverified: { active: number; notActive: number };
  /** The users in file order, `size` at a time (default: the chunk size the package was opened with). */
  chunks(size?: number): AsyncGenerator<Array<PackageEntry<UserRecord>>>;
}

/**
 * One validating pass over users.ndjson: every line parsed and checked, duplicates refused with
 * both lines named. The external ids and emails seen (with their line numbers) go to a scratch index on disk,
 * so memory does not grow with the package.
 */
export async function scanPackageUsers(dir: string, manifest: Manifest, chunkSize = USER_CHUNK): Promise<PackageUsers> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a whole number >= 1, got ${chunkSize}`);
  const name = PACKAGE_FILES.users;
  const listed = Boolean(manifest.files[name]);
  let count = 0;
  let memberships = 0;
  const unverified = { active: 0, notActive: 0 };
  if (listed) {
    await withWorkDb(dir, async (work) => {
      const seen = new SeenKeys(work);
      for await (const { line, record } of readRecords(join(dir, name), userRecordSchema)) {
        const entry = { ref: `${name}:${line}`, record };
        seen.refuseRepeat(dir, name, line, 'external_id', record.external_id);
        seen.refuseRepeat(dir, name, line, 'email', record.email.toLowerCase());
        refuseDuplicateMemberships(dir, entry);
        count += 1;
        memberships += record.memberships.length;
        if (!record.email_verified) {
          if (record.status === undefined || record.status === 'active') unverified.active += 1;
          else unverified.notActive += 1;
        }
      }
    });
  }
  return {
    count,
    memberships,
    unverified,
    async *chunks(size = chunkSize) {
      if (!listed) return;
      let chunk: Array<PackageEntry<UserRecord>> = [];
      for await (const { line, record } of readRecords(join(dir, name), userRecordSchema)) {
        chunk.push({ ref: `${name}:${line}`, record });
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length) yield chunk;
    },
  };
}

/** The keys seen so far in the pass, on disk: a million users' ids and emails would otherwise stay in memory. */
class SeenKeys {
  private readonly insert: Database.Statement<[string, string, number]>;
  private readonly firstLine: Database.Statement<[string, string], { line: number }>;

  constructor(private readonly work: WorkDb) {
    work.db.exec('CREATE TABLE IF NOT EXISTS package_keys (kind TEXT NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID');
    this.insert = work.db.prepare('INSERT OR IGNORE INTO package_keys (kind, key, line) VALUES (?, ?, ?)');
    this.firstLine = work.db.prepare('SELECT line FROM package_keys WHERE kind = ? AND key = ?');
  }

  refuseRepeat(dir: string, file: string, line: number, kind: 'external_id' | 'email', key: string): void {
    let added = 0;
    this.work.batched(() => (added = this.insert.run(kind, key, line).changes));
    if (added) return;
    this.work.flush();
    const first = this.firstLine.get(kind, key)!.line;
    throw new UserInputError(`${join(dir, `${file}:${line}`)}: duplicate user ${kind} (first at ${file}:${first})`);
  }
}
