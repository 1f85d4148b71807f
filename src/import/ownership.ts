import type Database from 'better-sqlite3';
import type { JournalHistory, JournalOp } from './journal-read.js';
import { WorkDb } from './work-db.js';

export interface OwnedMembership {
  user: string;
  org: string;
  userExternalId?: string;
  orgExternalId?: string;
}

/** What this package's journal created and has not deleted since: the only things a rollback may delete. */
export interface Owned {
  permissions: Set<string>;
  roles: Set<string>;
  /** organization id -> external_id */
  organizations: Map<string, string | undefined>;
  /** user id -> external_id, on disk: a million-user import owns a million users. */
  users: OwnedUsers;
  /** Memberships added to users this journal did not create, keyed "user|org". */
  memberships: Map<string, OwnedMembership>;
  /** Updates this journal made to entities it did not create: a rollback does not revert them. */
  updatesToOthers: number;
}

/**
 * Replays the journal in order: a create that is done adds, a delete that is done removes.
 * Intents still without an outcome must be re-checked first (recheckInFlight); they count as not created.
 */
export function ownedByJournal(history: JournalHistory, work?: WorkDb): Owned {
  const replay = new OwnershipReplay(work);
  for (const op of history.ops) replay.add(op);
  return replay.result();
}

/**
 * The same replay fed one call at a time, so a rollback can build it while it reads the journal
 * instead of holding every call of a million-user import (see readJournal's `dropped`).
 */
export class OwnershipReplay {
  private readonly owned: Owned;
  /** Keys ("user|usr_1", "org|org_1") of what the journal ever created, and of what it updated: on disk. */
  private readonly keys: KeySets;

  constructor(work: WorkDb = WorkDb.open()) {
    this.keys = new KeySets(work);
    this.owned = { permissions: new Set(), roles: new Set(), organizations: new Map(), users: new OwnedUsers(work), memberships: new Map(), updatesToOthers: 0 };
  }

  add(op: JournalOp): void {
    const { owned, keys } = this;
    if (op.outcome !== 'done') return;
    // A rollback's updates are restores of what an import overwrote, not imports of their own.
    if (op.command === 'rollback' && op.action.endsWith('.update')) return;
    const target = op.target;
    switch (op.action) {
      case 'permission.create':
        owned.permissions.add(target.permission!);
        break;
      case 'permission.delete':
        owned.permissions.delete(target.permission!);
        break;
      case 'role.create':
        owned.roles.add(target.role!);
        keys.created(`role|${target.role}`);
        break;
      case 'role.delete':
        owned.roles.delete(target.role!);
        break;
      case 'org.create':
        if (op.id) owned.organizations.set(op.id, target.orgExternalId);
        keys.created(`org|${op.id}`);
        break;
      case 'org.delete':
        owned.organizations.delete(target.org!);
        break;
      case 'user.create':
        if (op.id) owned.users.set(op.id, target.userExternalId);
        keys.created(`user|${op.id}`);
        break;
      case 'user.delete':
        owned.users.delete(target.user!);
        for (const [key, membership] of owned.memberships) if (membership.user === target.user) owned.memberships.delete(key);
        break;
      case 'membership.create':
        keys.created(`membership|${target.user}|${target.org}`);
        if (!owned.users.has(target.user!)) {
          owned.memberships.set(`${target.user}|${target.org}`, {
            user: target.user!,
            org: target.org!,
            userExternalId: target.userExternalId,
            orgExternalId: target.orgExternalId,
          });
        }
        break;
      case 'membership.delete':
        owned.memberships.delete(`${target.user}|${target.org}`);
        break;
      case 'role.update':
        keys.updated(`role|${target.role}`);
        break;
      case 'org.update':
        keys.updated(`org|${target.org}`);
        break;
      case 'user.update':
        keys.updated(`user|${target.user}`);
        break;
      case 'membership.update':
        keys.updated(`membership|${target.user}|${target.org}`);
        break;
    }
  }

  result(): Owned {
    this.owned.updatesToOthers += this.keys.updatedNotCreated();
    return this.owned;
  }
}

class KeySets {
  private readonly addCreated: Database.Statement<[string]>;
  private readonly addUpdated: Database.Statement<[string]>;
  private readonly countUpdatedNotCreated: Database.Statement<[], { n: number }>;

  constructor(private readonly work: WorkDb) {
    const db = work.db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS journal_created (key TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS journal_updated (key TEXT PRIMARY KEY) WITHOUT ROWID;
    `);
    this.addCreated = db.prepare('INSERT OR IGNORE INTO journal_created (key) VALUES (?)');
    this.addUpdated = db.prepare('INSERT OR IGNORE INTO journal_updated (key) VALUES (?)');
    // An update of a membership counts as the journal's own when the journal created its user.
    this.countUpdatedNotCreated = db.prepare(`
      SELECT count(*) AS n FROM journal_updated u
      WHERE NOT EXISTS (SELECT 1 FROM journal_created c WHERE c.key = u.key)
        AND NOT (u.key LIKE 'membership|%' AND EXISTS (
          SELECT 1 FROM journal_created c WHERE c.key = 'user|' || substr(u.key, 12, instr(substr(u.key, 12), '|') - 1)))
    `);
  }

  created(key: string): void {
    this.work.batched(() => this.addCreated.run(key));
  }

  updated(key: string): void {
    this.work.batched(() => this.addUpdated.run(key));
  }

  /** Updates made to entities the journal did not create (counted once, then forgotten). */
  updatedNotCreated(): number {
    this.work.flush();
    const n = this.countUpdatedNotCreated.get()!.n;
    this.work.db.exec('DELETE FROM journal_updated');
    return n;
  }
}

/** The users the journal created and has not deleted, in the order it created them: id -> external_id. */
export class OwnedUsers {
  private readonly upsert: Database.Statement<[string, string | null]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly find: Database.Statement<[string], { external_id: string | null }>;
  private readonly count: Database.Statement<[], { n: number }>;
  private readonly page: Database.Statement<[number, number], { seq: number; id: string; external_id: string | null }>;

  constructor(private readonly work: WorkDb) {
    const db = work.db;
    db.exec('CREATE TABLE IF NOT EXISTS owned_users (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, external_id TEXT)');
    // A user created again after a delete moves to the end, as in a map.
    this.upsert = db.prepare('INSERT OR REPLACE INTO owned_users (id, external_id) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM owned_users WHERE id = ?');
    this.find = db.prepare('SELECT external_id FROM owned_users WHERE id = ?');
    this.count = db.prepare('SELECT count(*) AS n FROM owned_users');
    this.page = db.prepare('SELECT seq, id, external_id FROM owned_users WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  set(id: string, externalId: string | undefined): void {
    this.work.batched(() => this.upsert.run(id, externalId ?? null));
  }

  delete(id: string): void {
    this.work.batched(() => this.remove.run(id));
  }

  has(id: string): boolean {
    this.work.flush();
    return this.find.get(id) !== undefined;
  }

  get size(): number {
    this.work.flush();
    return this.count.get()!.n;
  }

  /** [id, external_id] pairs a page at a time; no statement stays open between pages. */
  *[Symbol.iterator](): IterableIterator<[string, string | undefined]> {
    this.work.flush();
    let after = 0;
    for (;;) {
      const rows = this.page.all(after, 1000);
      for (const row of rows) yield [row.id, row.external_id ?? undefined];
      if (rows.length < 1000) return;
      after = rows.at(-1)!.seq;
    }
  }
}
