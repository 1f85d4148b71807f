import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { PACKAGE_FILES } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { readRecords } from '../package/read.js';
import { userRecordSchema, type UserRecord } from '../package/records.js';
import type { PackageEntry } from './load-package.js';
import { refuseDuplicateMemberships } from './load-package.js';

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
 * both lines named. Only the external ids and emails (with their line numbers) stay in memory.
 */
export async function scanPackageUsers(dir: string, manifest: Manifest, chunkSize = USER_CHUNK): Promise<PackageUsers> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a whole number >= 1, got ${chunkSize}`);
  const name = PACKAGE_FILES.users;
  const listed = Boolean(manifest.files[name]);
  let count = 0;
  let memberships = 0;
  const unverified = { active: 0, notActive: 0 };
  if (listed) {
    const externalIds = new Map<string, number>();
    const emails = new Map<string, number>();
    for await (const { line, record } of readRecords(join(dir, name), userRecordSchema)) {
      const entry = { ref: `${name}:${line}`, record };
      refuseRepeat(dir, name, line, externalIds, record.external_id, 'user external_id');
      refuseRepeat(dir, name, line, emails, record.email.toLowerCase(), 'user email');
      refuseDuplicateMemberships(dir, entry);
      count += 1;
      memberships += record.memberships.length;
      if (!record.email_verified) {
        if (record.status === undefined || record.status === 'active') unverified.active += 1;
        else unverified.notActive += 1;
      }
    }
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

function refuseRepeat(dir: string, file: string, line: number, seen: Map<string, number>, key: string, what: string): void {
  const first = seen.get(key);
  if (first !== undefined) throw new UserInputError(`${join(dir, `${file}:${line}`)}: duplicate ${what} (first at ${file}:${first})`);
  seen.set(key, line);
}
