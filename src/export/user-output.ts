import { rmSync } from 'node:fs';
import { PACKAGE_FILES } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { PASSWORD_HASH_ALGORITHMS, USER_STATUSES, type PasswordHashRecord, type UserRecord, type UserStatus } from '../package/records.js';
import type { NdjsonFileWriter, PackageWriter } from '../package/write.js';
import { KeyFilter } from './key-filter.js';
import { WrittenLines, type WrittenLine } from './written-lines.js';
import { LineCopier } from './io/line-copier.js';
import { readLineBatches, readLines } from './io/text-file.js';
import type { RecognizedHash } from './normalize/password-hash.js';
import { mergeMembership, toPackageUser, type NormalizedUser } from './normalize/user.js';
import { METADATA_LIMITS } from '../package/records.js';
import type { RejectLog, WarningLog } from './report.js';
import type { StagedUser, Staging } from './staging.js';

type ByAlgorithm = Manifest['passwordHashes']['byAlgorithm'];
const ALGORITHMS = ['none', ...PASSWORD_HASH_ALGORITHMS] as const;
/** Status codes of the line records beside users.ndjson: 0 is active (no status written). */
const STATUSES: (UserStatus | undefined)[] = [undefined, ...USER_STATUSES.filter((status) => status !== 'active')];
/** Beyond this many repeated keys, stop remembering them and stage every row: memory stays bounded. */
const MAX_REPEATED_KEYS = 100_000;

/** Memory limits; tests shrink them to drive the exact paths with small inputs. */
export interface UserOutputLimits {
  /** log2 of the key filters' fixed size in bits (default: filters that grow with the keys, up to 16 MiB each). */
  keyFilterBits?: number;
  maxRepeatedKeys?: number;
}

/** What the output needs of a user: its package line, keys and counts, and the hash kept beside it. */
export interface UserLine {
  email: string;
  externalId: string;
  line: string;
  memberships: number;
  status: UserStatus | undefined;
  hash: RecognizedHash | undefined;
}

export interface UserTotals {
  users: number;
  merged: number;
  memberships: number;
  byStatus: Partial<Record<UserStatus, number>>;
  byAlgorithm: ByAlgorithm;
  sampleUserIds: string[];
}

/**
 * Writes users.ndjson (and password_hashes.ndjson) while the source is read, in little memory.
 * A user whose email and external id are both new is written at once. A row that repeats an email
 * or an id (maybe) seen before goes to the staging store instead, and the earlier rows with that
 * key are taken back out of the file at the end; those groups are then merged (same person) or
 * rejected (conflicting ids or emails). Memory: two key filters (growing to 16 MiB each), the hashes
 * of the repeated keys (up to MAX_REPEATED_KEYS, after which every row is staged), 34 bytes per
 * written line (WrittenLines).
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
  private readonly written = new WrittenLines();
  private staged = 0;
  /** Reading position of the next user record. */
  private order = 0;
  private totals: UserTotals = { users: 0, merged: 0, memberships: 0, byStatus: {}, byAlgorithm: {}, sampleUserIds: [] };

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

  add(user: NormalizedUser, sourceRef: string, rank = 0): void {
    const record = toPackageUser(user);
    this.addLine({ email: user.email, externalId: user.external_id, line: JSON.stringify(record), memberships: record.memberships.length, status: record.status, hash: user.hash }, sourceRef, rank);
  }

  /** A user as its package line (from toPackageUser, or normalize/plain-user.ts for plain users). */
  addLine(user: UserLine, sourceRef: string, rank = 0): void {
    const ord = this.order++;
    const emailSeen = this.emails.add(user.email);
    const idSeen = this.ids.add(user.externalId);
    const emailKey = this.emails.lastHash;
    const idKey = this.ids.lastHash;
    // Users without an organization always wait for the final pass: a twin may bring one, else they are rejected there.
    const orgless = user.memberships === 0;
    if (!emailSeen && !idSeen && !this.stageEverything && !orgless) return this.write(user, sourceRef, emailKey, idKey, ord, rank);
    if (!this.stageEverything) {
      this.repeatedEmails.add(emailKey);
      this.repeatedIds.add(idKey);
      if (this.repeatedEmails.size + this.repeatedIds.size > this.maxRepeatedKeys) {
        this.stageEverything = true;
        this.repeatedEmails.clear();
        this.repeatedIds.clear();
      }
    }
    this.staging.addUser({
      email: user.email,
      external_id: user.externalId,
      source_ref: sourceRef,
      ord,
      rank,
      line: user.line,
      algorithm: user.hash?.algorithm ?? null,
      hash: this.includeHashes && user.hash ? JSON.stringify(hashRecord(user.externalId, user.hash)) : null,
      memberships: user.memberships,
    });
    this.staged += 1;
  }

  private write(user: UserLine, sourceRef: string, emailKey: number, idKey: number, ord: number, rank: number): void {
    const json = user.line;
    this.users.writeLine(json);
    // Beside each line: where it came from, in the scratch file; its keys, length and counts, in memory.
    this.refs.writeLine(JSON.stringify(sourceRef));
    const algorithm = user.hash?.algorithm ?? 'none';
    const status = user.status === undefined ? 0 : STATUSES.indexOf(user.status);
    this.written.add(emailKey, idKey, ord, rank, Buffer.byteLength(json), user.memberships, ALGORITHMS.indexOf(algorithm), status);
    if (this.hashes && user.hash) this.hashes.write(hashRecord(user.externalId, user.hash));
    this.count(user.externalId, user.memberships, algorithm, user.status);
  }

  private count(externalId: string, memberships: number, algorithm: string, status: UserStatus | undefined): void {
    this.totals.users += 1;
    if (status !== undefined) this.totals.byStatus[status] = (this.totals.byStatus[status] ?? 0) + 1;
    this.totals.memberships += memberships;
    const key = algorithm as keyof ByAlgorithm;
    this.totals.byAlgorithm[key] = (this.totals.byAlgorithm[key] ?? 0) + 1;
    if (this.totals.sampleUserIds.length < 5) this.totals.sampleUserIds.push(externalId);
  }

  /** Takes repeated rows back out, merges or rejects every group, and returns the totals. */
  /** `checkpoint` hears how far each step is: lines checked for repeated keys, then repeated rows merged. */
  async finish(report: MergeReport, checkpoint: (done: number, message: string) => Promise<void>): Promise<UserTotals> {
    if (this.writtenLinesRepeat()) await this.takeBackDivertedLines(checkpoint);
    else this.writer.dropScratch(this.refs);
    if (this.staged === 0) return this.totals;
    const conflictingIds = this.staging.conflictingExternalIds();
    let group: StagedUser[] = [];
    let seen = 0;
    for (const row of this.staging.usersByEmail()) {
      if (group.length > 0 && group[0]!.email !== row.email) {
        this.writeGroup(group, conflictingIds, report);
        group = [];
      }
      group.push(row);
      if (++seen % 20_000 === 0) await checkpoint(seen, `merged or rejected ${seen} of ${this.staged} repeated rows`);
    }
    if (group.length > 0) this.writeGroup(group, conflictingIds, report);
    return this.totals;
  }

  /**
   * Whether a written line shares a key with a staged row. When none does (the staged rows were only
   * false "maybe seen" answers of the key filters, or repeat each other), the file is left as it is.
   */
  private writtenLinesRepeat(): boolean {
    if (this.staged === 0) return false;
    if (this.stageEverything) return this.written.count > 0;
    return this.written.holdsAny(this.repeatedEmails, this.repeatedIds);
  }

  /**
   * Rewrites the users (and hashes) file without the diverted lines, which join their groups in
   * staging. Kept lines are copied as bytes in blocks; only the diverted ones are decoded.
   */
  private async takeBackDivertedLines(checkpoint: (done: number, message: string) => Promise<void>): Promise<void> {
    const oldUsers = this.writer.restart(this.users);
    const users = (this.users = this.writer.file(PACKAGE_FILES.users));
    const oldHashes = this.hashes ? this.writer.restart(this.hashes) : undefined;
    if (this.hashes) this.hashes = this.writer.file(PACKAGE_FILES.passwordHashes);
    const refsPath = this.writer.closeScratch(this.refs);
    this.totals = { users: 0, merged: 0, memberships: 0, byStatus: {}, byAlgorithm: {}, sampleUserIds: [] };

    const chunk = 1 << 16;
    const copier = new LineCopier(oldUsers, (bytes, lines) => users.writeBytes(bytes, lines));
    const hashes = oldHashes ? readLines(oldHashes, chunk) : undefined;
    let line = 0;
    const current: WrittenLine = { emailKey: 0, idKey: 0, ord: 0, rank: 0, bytes: 0, memberships: 0, algorithm: 0, status: 0 };
    for await (const batch of readLineBatches(refsPath, chunk)) {
      for (const sourceRef of batch.lines) {
        const { emailKey, idKey, ord, rank, bytes, memberships, status } = this.written.read(line, current);
        const algorithm = ALGORITHMS[current.algorithm]!;
        const hash = hashes && algorithm !== 'none' ? (await hashes.next()).value!.text : null;
        if (this.stageEverything || this.repeatedEmails.has(emailKey) || this.repeatedIds.has(idKey)) {
          const userLine = copier.take(bytes);
          this.staged += 1;
          this.staging.addUser({ email: emailOf(userLine), external_id: idOf(userLine), source_ref: JSON.parse(sourceRef) as string, ord, rank, line: userLine, algorithm: algorithm === 'none' ? null : algorithm, hash, memberships });
        } else {
          if (this.totals.sampleUserIds.length < 5) {
            const userLine = copier.take(bytes);
            users.writeLine(userLine);
            this.count(idOf(userLine), memberships, algorithm, STATUSES[status]);
          } else {
            copier.keep(bytes);
            this.count('', memberships, algorithm, STATUSES[status]);
          }
          if (hash !== null) this.hashes!.writeLine(hash);
        }
        if (++line % 50_000 === 0) await checkpoint(line, `checked ${line} of ${this.written.count} written users for repeated emails and ids`);
      }
    }
    copier.finish();
    rmSync(oldUsers, { force: true });
    if (oldHashes) rmSync(oldHashes, { force: true });
    rmSync(refsPath, { force: true });
  }

  /**
   * One email's records. An id also held by a record with another email stays with its first
   * record; the later ones are rejected (two people cannot share an id). The rest are one person:
   * the preferred record (lowest source rank, then verified, then with a password, then first read)
   * keeps its external id, the others' ids go to `merged_ids`, each merge reported.
   */
  private writeGroup(group: StagedUser[], conflictingIds: Map<string, { ord: number; sourceRef: string }>, report: MergeReport): void {
    const kept: StagedUser[] = [];
    for (const row of group) {
      const owner = conflictingIds.get(row.external_id);
      if (owner && owner.ord !== row.ord) {
        // One reason for all such rejects (the result counts reasons); the record names the record that kept the id.
        report.rejects.add(row.source_ref, 'external_id already held by a record with another email; the first record keeps it', { ...(JSON.parse(row.line) as UserRecord), id_kept_by: owner.sourceRef });
      } else kept.push(row);
    }
    if (kept.length === 0) return;
    const records = kept.map((row) => ({ row, user: JSON.parse(row.line) as UserRecord }));
    const winner = records.reduce((best, next) => (prefer(next, best) ? next : best));
    const user = winner.user;
    let hash = winner.row.hash;
    let algorithm = winner.row.algorithm;
    const mergedIds = new Set(user.merged_ids ?? []);
    // Other records of the winning identity fill in first, then the other identities, best first.
    const others = records
      .filter((other) => other !== winner)
      .sort((a, b) => Number(b.user.external_id === user.external_id) - Number(a.user.external_id === user.external_id) || (prefer(a, b) ? -1 : prefer(b, a) ? 1 : 0));
    const identityMerges: StagedUser[] = [];
    for (const other of others) {
      mergeInto(user, other.user);
      if (other.user.external_id !== user.external_id) {
        mergedIds.add(other.user.external_id);
        for (const id of other.user.merged_ids ?? []) mergedIds.add(id);
        identityMerges.push(other.row);
      }
      if (hash === null && other.row.hash !== null) hash = withExternalId(other.row.hash, user.external_id);
      algorithm ??= other.row.algorithm;
    }
    if (user.memberships.length === 0) {
      for (const row of kept) report.rejects.add(row.source_ref, 'no organization for the user', JSON.parse(row.line));
      return;
    }
    for (const row of identityMerges) report.identityMerged(winner.row, row);
    mergedIds.delete(user.external_id);
    if (mergedIds.size > 0) user.merged_ids = [...mergedIds].sort();
    this.totals.merged += kept.length - 1;
    const merged = kept.length > 1 ? toPackageUser(user) : user;
    this.users.writeLine(kept.length > 1 ? JSON.stringify(merged) : winner.row.line);
    if (hash !== null && this.hashes) this.hashes.writeLine(hash);
    this.count(user.external_id, merged.memberships.length, algorithm ?? 'none', merged.status);
  }
}

/** Where merges and rejects of the final pass are reported. */
export interface MergeReport {
  rejects: RejectLog;
  identityMerged(kept: StagedUser, merged: StagedUser): void;
}

/** Builds the report of the final pass: a diagnostics line per identity merge, a manifest warning with samples. */
export function mergeReport(rejects: RejectLog, diagnostics: NdjsonFileWriter, warnings: WarningLog): MergeReport {
  return {
    rejects,
    identityMerged(kept, merged) {
      diagnostics.write({ kind: 'identity-merged', external_id: kept.external_id, source_ref: kept.source_ref, merged_id: merged.external_id, merged_source_ref: merged.source_ref });
      warnings.add(
        'identities-merged',
        "records sharing an email merged into one user: the preferred record's external id kept, the others' in merged_ids; each merge in diagnostics.ndjson",
        `${kept.external_id} <- ${merged.external_id}`,
      );
    },
  };
}

type Candidate = { row: StagedUser; user: UserRecord };

/** True when `a` should keep its id over `b`: lower source rank, then verified, then has a password hash, then read first. */
function prefer(a: Candidate, b: Candidate): boolean {
  if (a.row.rank !== b.row.rank) return a.row.rank < b.row.rank;
  if (a.user.email_verified !== b.user.email_verified) return a.user.email_verified;
  if ((a.row.algorithm !== null) !== (b.row.algorithm !== null)) return a.row.algorithm !== null;
  return a.row.ord < b.row.ord;
}

function withExternalId(hashLine: string, externalId: string): string {
  return JSON.stringify({ ...(JSON.parse(hashLine) as PasswordHashRecord), external_id: externalId });
}

function hashRecord(externalId: string, hash: RecognizedHash): PasswordHashRecord {
  const record: PasswordHashRecord = { external_id: externalId, algorithm: hash.algorithm, value: hash.value };
  if (hash.params && Object.keys(hash.params).length > 0) record.params = hash.params;
  return record;
}

/** Another row of the same person: memberships and roles add up, missing fields are filled in. */
function mergeInto(user: UserRecord, other: UserRecord): void {
  for (const membership of other.memberships) mergeMembership(user.memberships, membership);
  user.first_name ??= other.first_name;
  user.last_name ??= other.last_name;
  user.email_verified ||= other.email_verified;
  const status = mergedStatus(user.status, other.status);
  if (status === undefined) delete user.status;
  else user.status = status;
  if (other.metadata) {
    const metadata = (user.metadata ??= {});
    for (const [key, value] of Object.entries(other.metadata)) {
      if (!(key in metadata) && Object.keys(metadata).length < METADATA_LIMITS.maxPairs) metadata[key] = value;
    }
  }
}

const STATUS_ORDER: (UserStatus | undefined)[] = [undefined, 'unconfirmed', 'inactive', 'deleted'];

/**
 * One person's status from two of their records: a block on any record blocks the person;
 * otherwise the most active record decides (a soft-deleted account and a newer live one are one live person).
 */
function mergedStatus(a: UserStatus | undefined, b: UserStatus | undefined): UserStatus | undefined {
  if (a === 'blocked' || b === 'blocked') return 'blocked';
  const rank = (status: UserStatus | undefined) => STATUS_ORDER.indexOf(status === 'active' ? undefined : status);
  return rank(a) <= rank(b) ? a : b;
}

/** The external id of a package user line, which toPackageUser writes first. */
function idOf(line: string): string {
  const end = line.indexOf('","email":');
  return JSON.parse(line.slice('{"external_id":'.length, end + 1)) as string;
}

/** The email of a package user line, which toPackageUser writes second. */
function emailOf(line: string): string {
  const start = line.indexOf('","email":') + '","email":'.length;
  const end = line.indexOf('",', start);
  return JSON.parse(line.slice(start, end + 1)) as string;
}
