import type Database from 'better-sqlite3';
import type { SqliteConstructor } from './sql/native-sqlite.js';
import { closeSync, openSync, rmSync } from 'node:fs';
import type { NormalizedMembership } from './normalize/user.js';

export interface StagedUser {
  email: string;
  external_id: string;
  source_ref: string;
  /** Position in the source's reading order: the first of two records holding one id keeps it. */
  ord: number;
  /** The source's merge preference (SourceUser.mergeRank): lower keeps its id when records share an email. */
  rank: number;
  /** The package record as one JSON line, ready to write. */
  line: string;
  algorithm: string | null;
  /** The password_hashes.ndjson line for this user, kept only when the package includes hashes. */
  hash: string | null;
  memberships: number;
}

/** An organization row read back from staging: [external_id, display_name, metadata, domains, derived, name_conflict]. */
export type StagedOrganization = [externalId: string, displayName: string | null, metadata: string | null, domains: string | null, derived: number, nameConflict: number];

export interface StagedRole {
  name: string;
  display_name: string | null;
  description: string | null;
  permissions: string | null;
  /** JSON array of the legacy spellings that map to this name, sorted. */
  spellings: string;
}

const USER_BATCH = 100;
const ORG_BATCH = 100;
const ORG_WIDTH = 4;
const USER_FIELDS = ['email', 'external_id', 'source_ref', 'ord', 'rank', 'line', 'algorithm', 'hash', 'memberships'] as const;
const USER_COLUMNS = USER_FIELDS.join(', ');
const PLACEHOLDERS = USER_FIELDS.map(() => '?').join(', ');

/** Small set that forgets everything when full: skips repeated statements for hot keys in constant memory. */
class RecentKeys {
  private keys = new Set<string>();
  constructor(private readonly limit: number) {}
  /** True the first time a key is seen since the last reset. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    if (this.keys.size >= this.limit) this.keys = new Set();
    this.keys.add(key);
    return true;
  }
}

/** The value of an id written as a whole number below 2^24 without leading zeros ("0", "4711"); -1 for any other id. */
function serialNumber(id: string): number {
  if (id.length === 0 || id.length > 7 || (id.length > 1 && id.charCodeAt(0) === 0x30)) return -1;
  let value = 0;
  for (let i = 0; i < id.length; i += 1) {
    const digit = id.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The export's scratch store: a throw-away SQLite file next to the package, deleted when the export
 * ends. It holds organizations and roles as they are named, memberships announced apart from their
 * users, and the user rows that may repeat an email or id, read back ordered by email so that the
 * rows of one person sit together whatever order the source had.
 */
export class Staging {
  private readonly db: Database.Database;
  private readonly insertUser: Database.Statement;
  private readonly insertUsers: Database.Statement;
  /** Users waiting to be inserted USER_BATCH at a time: one statement per batch costs far less than one per row. */
  private pendingUsers: unknown[] = [];
  private readonly upsertOrg: Database.Statement;
  private readonly upsertOrgs: Database.Statement;
  /** Listed organizations waiting to be upserted ORG_BATCH at a time, in the order they came. */
  private pendingOrgs: unknown[] = [];
  private readonly deriveOrg: Database.Statement;
  private readonly upsertRole: Database.Statement;
  private readonly deriveRole: Database.Statement;
  private readonly insertSpelling: Database.Statement;
  private readonly insertSide: Database.Statement;
  private readonly selectSide: Database.Statement;
  private readonly markSideUsed: Database.Statement;
  private readonly recentOrgs = new RecentKeys(200_000);
  /** Organization ids that are serial numbers below 2^24 ("1", "4711"), seen: a bit each, answered faster than the set. */
  private readonly seenSerialOrgs = new Uint8Array(1 << 21);
  private readonly recentRoles = new RecentKeys(10_000);
  private inTransaction = false;
  private pendingWrites = 0;
  /** Memberships announced apart from users so far: none (the common case) means no lookup per user. */
  private sideRows = 0;

  constructor(Sqlite: SqliteConstructor, readonly path: string) {
    // Created owner-only before SQLite opens it: SQLite itself would create it with the umask's 0644.
    closeSync(openSync(path, 'wx', 0o600));
    this.db = new Sqlite(path);
    // Scratch data: the rollback journal in memory (better-sqlite3's defensive mode refuses OFF and would keep a -journal file), no fsync.
    this.db.pragma('journal_mode = MEMORY');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('temp_store = FILE');
    this.db.pragma('cache_size = -8192');
    this.db.exec(`
      CREATE TABLE users (seq INTEGER PRIMARY KEY, email TEXT NOT NULL, external_id TEXT NOT NULL, source_ref TEXT NOT NULL, ord INTEGER NOT NULL, rank INTEGER NOT NULL, line TEXT NOT NULL, algorithm TEXT, hash TEXT, memberships INTEGER NOT NULL);
      CREATE TABLE orgs (external_id TEXT PRIMARY KEY, display_name TEXT, metadata TEXT, domains TEXT, derived INTEGER NOT NULL, name_conflict INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
      CREATE TABLE roles (name TEXT PRIMARY KEY, display_name TEXT, description TEXT, permissions TEXT, derived INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE role_spellings (legacy TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX role_spellings_by_name ON role_spellings (name, legacy);
      CREATE TABLE side (user_key TEXT NOT NULL, org_external_id TEXT NOT NULL, roles TEXT NOT NULL);
      CREATE INDEX side_by_user ON side (user_key);
      CREATE TABLE side_used (user_key TEXT PRIMARY KEY) WITHOUT ROWID;
    `);
    this.insertUser = this.db.prepare(`INSERT INTO users (${USER_COLUMNS}) VALUES (${PLACEHOLDERS})`);
    this.insertUsers = this.db.prepare(
      `INSERT INTO users (${USER_COLUMNS}) VALUES ${Array(USER_BATCH).fill(`(${PLACEHOLDERS})`).join(', ')}`,
    );
    const upsertOrg = (rows: number) => `
      INSERT INTO orgs (external_id, display_name, metadata, domains, derived) VALUES ${Array(rows).fill('(?, ?, ?, ?, 0)').join(', ')}
      ON CONFLICT (external_id) DO UPDATE SET
        name_conflict = name_conflict + (derived = 0 AND excluded.display_name IS NOT NULL AND display_name IS NOT NULL AND display_name <> excluded.display_name),
        display_name = CASE WHEN display_name IS NULL OR derived = 1 THEN coalesce(excluded.display_name, display_name) ELSE display_name END,
        metadata = coalesce(metadata, excluded.metadata),
        domains = coalesce(domains, excluded.domains),
        derived = 0`;
    this.upsertOrg = this.db.prepare(upsertOrg(1));
    this.upsertOrgs = this.db.prepare(upsertOrg(ORG_BATCH));
    this.deriveOrg = this.db.prepare(`
      INSERT INTO orgs (external_id, display_name, derived) VALUES (?, ?, 1)
      ON CONFLICT (external_id) DO UPDATE SET
        name_conflict = name_conflict + (excluded.display_name IS NOT NULL AND display_name IS NOT NULL AND display_name <> excluded.display_name),
        display_name = coalesce(display_name, excluded.display_name)`);
    this.upsertRole = this.db.prepare(`
      INSERT INTO roles (name, display_name, description, permissions, derived) VALUES (@name, @displayName, @description, @permissions, 0)
      ON CONFLICT (name) DO UPDATE SET
        display_name = coalesce(display_name, excluded.display_name),
        description = coalesce(description, excluded.description),
        permissions = CASE
          WHEN permissions IS NULL OR permissions = excluded.permissions THEN coalesce(excluded.permissions, permissions)
          WHEN excluded.permissions IS NULL THEN permissions
          ELSE (SELECT json_group_array(value) FROM (SELECT value FROM json_each(roles.permissions) UNION SELECT value FROM json_each(excluded.permissions) ORDER BY value))
        END,
        derived = 0`);
    this.deriveRole = this.db.prepare('INSERT INTO roles (name, derived) VALUES (?, 1) ON CONFLICT (name) DO NOTHING');
    this.insertSpelling = this.db.prepare('INSERT INTO role_spellings (legacy, name) VALUES (?, ?) ON CONFLICT (legacy) DO NOTHING');
    this.insertSide = this.db.prepare('INSERT INTO side (user_key, org_external_id, roles) VALUES (?, ?, ?)');
    this.selectSide = this.db.prepare('SELECT org_external_id, roles FROM side WHERE user_key = ?');
    this.markSideUsed = this.db.prepare('INSERT INTO side_used (user_key) VALUES (?) ON CONFLICT DO NOTHING');
  }

  /** Groups writes into large transactions: staging a million rows one commit each would crawl. */
  private write(): void {
    if (this.pendingWrites >= 50_000) this.commitTransaction();
    if (!this.inTransaction) {
      this.db.exec('BEGIN');
      this.inTransaction = true;
    }
    this.pendingWrites += 1;
  }

  private commitTransaction(): void {
    if (!this.inTransaction) return;
    this.db.exec('COMMIT');
    this.inTransaction = false;
    this.pendingWrites = 0;
  }

  /** Writes what is buffered and commits: before reading back. */
  commit(): void {
    this.flushUsers();
    this.flushOrganizations();
    this.commitTransaction();
  }

  /** A user row that may belong with others (same email or id): merged or rejected when read back. */
  addUser(row: StagedUser): void {
    for (const field of USER_FIELDS) this.pendingUsers.push(row[field]);
    if (this.pendingUsers.length === USER_BATCH * USER_FIELDS.length) this.flushUsers();
  }

  private flushUsers(): void {
    const batch = this.pendingUsers;
    if (batch.length === 0) return;
    this.pendingUsers = [];
    this.write();
    const width = USER_FIELDS.length;
    if (batch.length === USER_BATCH * width) this.insertUsers.run(batch);
    else for (let i = 0; i < batch.length; i += width) this.insertUser.run(batch.slice(i, i + width));
  }

  /** An organization the source lists. Returns nothing; name conflicts are counted for the report. */
  addOrganization(org: { id: string; name?: string; metadata?: Record<string, string>; domains?: string[] }): void {
    this.pendingOrgs.push(
      org.id,
      org.name ?? null,
      org.metadata ? JSON.stringify(org.metadata) : null,
      org.domains && org.domains.length ? JSON.stringify(org.domains) : null,
    );
    if (this.pendingOrgs.length === ORG_BATCH * ORG_WIDTH) this.flushOrganizations();
    // A listed organization named again by a membership without a display name changes nothing: skip that statement.
    this.firstSight(org.id);
  }

  /** True the first time an organization id is seen (for a serial number, ever; for others, since the set last filled). */
  private firstSight(id: string): boolean {
    const serial = serialNumber(id);
    if (serial < 0) return this.recentOrgs.add(id);
    const bit = 1 << (serial & 7);
    if ((this.seenSerialOrgs[serial >>> 3]! & bit) !== 0) return false;
    this.seenSerialOrgs[serial >>> 3]! |= bit;
    return true;
  }

  /** Upserts the listed organizations waiting: before any other statement reads or writes orgs, so they apply in order. */
  private flushOrganizations(): void {
    const batch = this.pendingOrgs;
    if (batch.length === 0) return;
    this.pendingOrgs = [];
    this.write();
    if (batch.length === ORG_BATCH * ORG_WIDTH) this.upsertOrgs.run(batch);
    else for (let i = 0; i < batch.length; i += ORG_WIDTH) this.upsertOrg.run(batch.slice(i, i + ORG_WIDTH));
  }

  /** An organization a membership names; it exists in the package even if the source never listed it. */
  referenceOrganization(id: string, name: string | undefined): void {
    if (!(name === undefined ? this.firstSight(id) : this.recentOrgs.add(`${id}\u0000${name}`))) return;
    this.flushOrganizations();
    this.write();
    this.deriveOrg.run(id, name ?? null);
  }

  /**
   * A role the source lists, under its Scalekit name. Two listings of one name (the same role, or
   * two legacy spellings mapped together) merge: first display name and description, all permissions.
   */
  addRole(role: { name: string; legacy: string; displayName?: string; description?: string; permissions?: string[] }): void {
    this.write();
    this.insertSpelling.run(role.legacy, role.name);
    this.upsertRole.run({
      name: role.name,
      displayName: role.displayName ?? null,
      description: role.description ?? null,
      permissions: role.permissions && role.permissions.length ? JSON.stringify(role.permissions) : null,
    });
  }

  /** A role a membership names (by its legacy spelling, mapped to `name`); it exists in the package even if the source never listed it. */
  referenceRole(name: string, legacy: string): void {
    if (!this.recentRoles.add(legacy)) return;
    this.write();
    this.deriveRole.run(name);
    this.insertSpelling.run(legacy, name);
  }

  addSideMembership(userKey: string, membership: NormalizedMembership): void {
    this.write();
    this.sideRows += 1;
    this.insertSide.run(userKey, membership.org_external_id, JSON.stringify(membership.roles));
  }

  /** Reads within the open transaction: the connection sees its own uncommitted rows. */
  sideMemberships(userKey: string): NormalizedMembership[] {
    if (this.sideRows === 0) return [];
    const rows = this.selectSide.all(userKey) as { org_external_id: string; roles: string }[];
    if (rows.length > 0) {
      this.write();
      this.markSideUsed.run(userKey);
    }
    return rows.map((row) => ({
      org_external_id: row.org_external_id,
      roles: JSON.parse(row.roles) as string[],
    }));
  }

  /** Memberships announced for users the source never delivered (an organization member whose user is not in the export). */
  unusedSideMemberships(): IterableIterator<{ user_key: string; org_external_id: string }> {
    this.commit();
    return this.db
      .prepare('SELECT user_key, org_external_id FROM side WHERE user_key NOT IN (SELECT user_key FROM side_used) ORDER BY user_key, org_external_id')
      .iterate() as IterableIterator<{ user_key: string; org_external_id: string }>;
  }

  /**
   * External ids staged with more than one distinct email (two people cannot share an id), each
   * with the reading position and source reference of its first record, which keeps the id.
   */
  conflictingExternalIds(): Map<string, { ord: number; sourceRef: string }> {
    this.commit();
    this.db.exec('CREATE INDEX users_by_external_id ON users (external_id, email)');
    const rows = this.db
      .prepare(
        `SELECT external_id, ord, source_ref FROM users AS u WHERE external_id IN (SELECT external_id FROM users GROUP BY external_id HAVING count(DISTINCT email) > 1)
           AND ord = (SELECT min(ord) FROM users AS f WHERE f.external_id = u.external_id)`,
      )
      .all() as { external_id: string; ord: number; source_ref: string }[];
    return new Map(rows.map((row) => [row.external_id, { ord: row.ord, sourceRef: row.source_ref }]));
  }

  /** Every staged user, those with the same email next to each other. */
  usersByEmail(): IterableIterator<StagedUser> {
    this.commit();
    this.db.exec('CREATE INDEX users_by_email ON users (email, ord)');
    return this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY email, ord`).iterate() as IterableIterator<StagedUser>;
  }

  organizations(): IterableIterator<StagedOrganization> {
    this.commit();
    return this.db.prepare('SELECT external_id, display_name, metadata, domains, derived, name_conflict FROM orgs ORDER BY external_id').raw(true).iterate() as IterableIterator<StagedOrganization>;
  }

  roles(): IterableIterator<StagedRole> {
    this.commit();
    return this.db
      .prepare(
        `SELECT name, display_name, description, permissions,
          (SELECT json_group_array(legacy) FROM (SELECT legacy FROM role_spellings AS s WHERE s.name = roles.name ORDER BY legacy)) AS spellings
        FROM roles ORDER BY name`,
      )
      .iterate() as IterableIterator<StagedRole>;
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.path, { force: true });
  }
}
