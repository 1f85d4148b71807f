import { rmSync } from 'node:fs';
import { PACKAGE_FILES } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { PASSWORD_HASH_ALGORITHMS, type PasswordHashRecord, type UserRecord } from '../package/records.js';
import type { NdjsonFileWriter, PackageWriter } from '../package/write.js';
import { KeyFilter } from './key-filter.js';
import { readLines } from './io/text-file.js';
import { mergeMembership, toPackageUser, type NormalizedUser } from './normalize/user.js';
import { METADATA_LIMITS } from '../package/records.js';
import type { RejectLog } from './report.js';
import type { StagedUser, Staging } from './staging.js';

type ByAlgorithm = Manifest['passwordHashes']['byAlgorithm'];
const ALGORITHMS = ['none', ...PASSWORD_HASH_ALGORITHMS] as const;
/** Beyond this many repeated keys, stop remembering them and stage every row: memory stays bounded. */
const MAX_REPEATED_KEYS = 100_000;

/** Memory limits; tests shrink them to drive the exact paths with small inputs. */
export interface UserOutputLimits {
  /** log2 of the key filters' size in bits (default 27: 16 MiB each). */
  keyFilterBits?: number;
  maxRepeatedKeys?: number;
}

export interface UserTotals {
  users: number;
  merged: number;
  memberships: number;
  byAlgorithm: ByAlgorithm;
  sampleUserIds: string[];
}

/**
 * Writes users.ndjson (and password_hashes.ndjson) while the source is read, in bounded memory.
 * A user whose email and external id are both new is written at once. A row that repeats an email
 * or an id (maybe) seen before goes to the staging store instead, and the earlier rows with that
 * key are taken back out of the file at the end; those groups are then merged (same person) or
 * rejected (conflicting ids or emails). Memory: two fixed-size key filters, the hashes of the
 * repeated keys (up to MAX_REPEATED_KEYS, after which every row is staged), one byte per user.
 */
export class UserOutput {
  private users: NdjsonFileWriter;
  private hashes: NdjsonFileWriter | undefined;
  private refs: NdjsonFileWriter;
  private readonly emails: KeyFilter;
  private readonly ids: KeyFilter;
  private readonly maxRepeatedKeys: number;
  /** Hashes of emails and ids that repeat: written lines holding one are taken back out at the end. */
  private readonly repeatedEmails = new Set<number>();
  private readonly repeatedIds = new Set<number>();
  /** Too many repeated keys to remember: every row from then on is staged, every written line taken back. */
  private stageEverything = false;
  private algorithms = new Uint8Array(1 << 16);
  private lines = 0;
  private staged = 0;
  private totals: UserTotals = { users: 0, merged: 0, memberships: 0, byAlgorithm: {}, sampleUserIds: [] };

  constructor(
    private readonly writer: PackageWriter,
    private readonly staging: Staging,
    private readonly includeHashes: boolean,
    limits: UserOutputLimits = {},
  ) {
    this.emails = new KeyFilter(limits.keyFilterBits);
    this.ids = new KeyFilter(limits.keyFilterBits);
    this.maxRepeatedKeys = limits.maxRepeatedKeys ?? MAX_REPEATED_KEYS;
    this.users = writer.file(PACKAGE_FILES.users);
    this.hashes = includeHashes ? writer.file(PACKAGE_FILES.passwordHashes) : undefined;
    this.refs = writer.scratchFile('source-refs');
  }

  add(user: NormalizedUser, sourceRef: string): void {
    const emailSeen = this.emails.add(user.email);
    const idSeen = this.ids.add(user.external_id);
    const emailKey = this.emails.lastHash;
    const idKey = this.ids.lastHash;
    if (!emailSeen && !idSeen && !this.stageEverything) return this.write(user, sourceRef, emailKey, idKey);
    if (!this.stageEverything) {
      this.repeatedEmails.add(emailKey);
      this.repeatedIds.add(idKey);
      if (this.repeatedEmails.size + this.repeatedIds.size > this.maxRepeatedKeys) {
        this.stageEverything = true;
        this.repeatedEmails.clear();
        this.repeatedIds.clear();
      }
    }
    const record = toPackageUser(user);
    this.staging.addUser({
      email: user.email,
      external_id: user.external_id,
      source_ref: sourceRef,
      line: JSON.stringify(record),
      algorithm: user.hash?.algorithm ?? null,
      hash: this.includeHashes && user.hash ? JSON.stringify(hashRecord(user)) : null,
      memberships: record.memberships.length,
    });
    this.staged += 1;
  }

  private write(user: NormalizedUser, sourceRef: string, emailKey: number, idKey: number): void {
    const line = this.lines++;
    const record = toPackageUser(user);
    this.users.writeLine(JSON.stringify(record));
    // Beside each line: where it came from and its key hashes, so taking lines back needs no parsing.
    this.refs.writeLine(`[${JSON.stringify(sourceRef)},${emailKey},${idKey}]`);
    if (line >= this.algorithms.length) {
      const bigger = new Uint8Array(this.algorithms.length * 2);
      bigger.set(this.algorithms);
      this.algorithms = bigger;
    }
    const algorithm = user.hash?.algorithm ?? 'none';
    this.algorithms[line] = ALGORITHMS.indexOf(algorithm);
    if (this.hashes && user.hash) this.hashes.write(hashRecord(user));
    this.count(user.external_id, record.memberships.length, algorithm);
  }

  private count(externalId: string, memberships: number, algorithm: string): void {
    this.totals.users += 1;
    this.totals.memberships += memberships;
    const key = algorithm as keyof ByAlgorithm;
    this.totals.byAlgorithm[key] = (this.totals.byAlgorithm[key] ?? 0) + 1;
    if (this.totals.sampleUserIds.length < 5) this.totals.sampleUserIds.push(externalId);
  }

  /** Takes repeated rows back out, merges or rejects every group, and returns the totals. */
  async finish(rejects: RejectLog, checkpoint: (done: number) => Promise<void>): Promise<UserTotals> {
    if (this.staged === 0) {
      this.writer.dropScratch(this.refs);
      return this.totals;
    }
    await this.takeBackDivertedLines(checkpoint);
    const conflictingIds = this.staging.conflictingExternalIds();
    let group: StagedUser[] = [];
    let seen = 0;
    for (const row of this.staging.usersByEmail()) {
      if (group.length > 0 && group[0]!.email !== row.email) {
        this.writeGroup(group, conflictingIds, rejects);
        group = [];
      }
      group.push(row);
      if (++seen % 20_000 === 0) await checkpoint(seen);
    }
    if (group.length > 0) this.writeGroup(group, conflictingIds, rejects);
    return this.totals;
  }

  /** Rewrites the users (and hashes) file without the diverted lines, which join their groups in staging. */
  private async takeBackDivertedLines(checkpoint: (done: number) => Promise<void>): Promise<void> {
    const oldUsers = this.writer.restart(this.users);
    this.users = this.writer.file(PACKAGE_FILES.users);
    const oldHashes = this.hashes ? this.writer.restart(this.hashes) : undefined;
    if (this.hashes) this.hashes = this.writer.file(PACKAGE_FILES.passwordHashes);
    const refsPath = this.writer.closeScratch(this.refs);
    this.totals = { users: 0, merged: 0, memberships: 0, byAlgorithm: {}, sampleUserIds: [] };

    const chunk = 1 << 16;
    const refs = readLines(refsPath, chunk);
    const hashes = oldHashes ? readLines(oldHashes, chunk) : undefined;
    let line = 0;
    for await (const { text } of readLines(oldUsers, chunk)) {
      const [ref, emailKey, idKey] = JSON.parse((await refs.next()).value!.text) as [string, number, number];
      const algorithm = ALGORITHMS[this.algorithms[line]!]!;
      const hash = hashes && algorithm !== 'none' ? (await hashes.next()).value!.text : null;
      if (this.stageEverything || this.repeatedEmails.has(emailKey) || this.repeatedIds.has(idKey)) {
        const record = JSON.parse(text) as UserRecord;
        this.staging.addUser({ email: record.email, external_id: record.external_id, source_ref: ref, line: text, algorithm: algorithm === 'none' ? null : algorithm, hash, memberships: record.memberships.length });
      } else {
        this.users.writeLine(text);
        if (hash !== null) this.hashes!.writeLine(hash);
        this.count(idOf(text), membershipCount(text), algorithm);
      }
      if (++line % 50_000 === 0) await checkpoint(line);
    }
    rmSync(oldUsers, { force: true });
    if (oldHashes) rmSync(oldHashes, { force: true });
    rmSync(refsPath, { force: true });
  }

  private writeGroup(group: StagedUser[], conflictingIds: Set<string>, rejects: RejectLog): void {
    const first = group[0]!;
    const differentIds = group.some((row) => row.external_id !== first.external_id);
    if (differentIds || conflictingIds.has(first.external_id)) {
      const reason = differentIds ? 'same email as a record with a different external_id' : 'same external_id as a record with a different email';
      for (const row of group) rejects.add(row.source_ref, reason, JSON.parse(row.line));
      return;
    }
    let line = first.line;
    let memberships = first.memberships;
    let algorithm = first.algorithm;
    let hash = first.hash;
    if (group.length > 1) {
      const user = JSON.parse(first.line) as UserRecord;
      for (const row of group.slice(1)) {
        mergeInto(user, JSON.parse(row.line) as UserRecord);
        algorithm ??= row.algorithm;
        hash ??= row.hash;
      }
      const merged = toPackageUser(user);
      line = JSON.stringify(merged);
      memberships = merged.memberships.length;
      this.totals.merged += group.length - 1;
    }
    this.users.writeLine(line);
    if (hash !== null && this.hashes) this.hashes.writeLine(hash);
    this.count(first.external_id, memberships, algorithm ?? 'none');
  }
}

function hashRecord(user: NormalizedUser): PasswordHashRecord {
  const hash = user.hash!;
  const record: PasswordHashRecord = { external_id: user.external_id, algorithm: hash.algorithm, value: hash.value };
  if (hash.params && Object.keys(hash.params).length > 0) record.params = hash.params;
  return record;
}

/** Another row of the same person: memberships and roles add up, missing fields are filled in. */
function mergeInto(user: UserRecord, other: UserRecord): void {
  for (const membership of other.memberships) mergeMembership(user.memberships, membership);
  user.first_name ??= other.first_name;
  user.last_name ??= other.last_name;
  user.email_verified ||= other.email_verified;
  if (other.metadata) {
    const metadata = (user.metadata ??= {});
    for (const [key, value] of Object.entries(other.metadata)) {
      if (!(key in metadata) && Object.keys(metadata).length < METADATA_LIMITS.maxPairs) metadata[key] = value;
    }
  }
}

/** The external id of a package user line, which toPackageUser writes first. */
function idOf(line: string): string {
  const end = line.indexOf('","email":');
  return JSON.parse(line.slice('{"external_id":'.length, end + 1)) as string;
}

/** Memberships in a package user line, counted without parsing it (org ids are JSON strings). */
function membershipCount(line: string): number {
  let count = 0;
  for (let at = line.indexOf('{"org_external_id":'); at !== -1; at = line.indexOf('{"org_external_id":', at + 1)) count += 1;
  return count;
}
