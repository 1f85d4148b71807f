import type Database from 'better-sqlite3';
import type { MembershipStatusName, RemoteUser } from '../scalekit/remote.js';
import type { WorkDb } from './work-db.js';

/** How the planner, verify and rollback look remote users up: a read-only map. */
export interface UserLookup {
  get(key: string): RemoteUser | undefined;
  has(key: string): boolean;
  values(): IterableIterator<RemoteUser>;
  readonly size: number;
}

type EncodedMembership = [string, string[], MembershipStatusName, 0 | 1, Record<string, string>];
type Encoded = [string, string, string | null, string, string, 0 | 1, Record<string, string>, EncodedMembership[]];

/**
 * The environment's users in the run's scratch SQLite database (one compact JSON row each, keyed by id, with
 * external id and lower-cased email indexed), decoded on lookup: memory stays flat whatever the environment holds.
 */
export class RemoteUserIndex {
  private readonly insert: Database.Statement;
  private readonly byIdRow: Database.Statement<[string], { data: string }>;
  private readonly byExternalIdRow: Database.Statement<[string], { data: string }>;
  private readonly byEmailRow: Database.Statement<[string], { data: string }>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly countExternalIds: Database.Statement<[], { n: number }>;
  private readonly allRows: Database.Statement<[number, number], { seq: number; data: string }>;

  readonly byId: UserLookup;
  readonly byExternalId: UserLookup;
  readonly byEmail: UserLookup;

  constructor(readonly work: WorkDb) {
    const db = work.db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS remote_users (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, external_id TEXT, email TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS remote_users_by_external_id ON remote_users (external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS remote_users_by_email ON remote_users (email);
    `);
    this.insert = db.prepare(
      'INSERT INTO remote_users (id, external_id, email, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET external_id = excluded.external_id, email = excluded.email, data = excluded.data',
    );
    this.byIdRow = db.prepare('SELECT data FROM remote_users WHERE id = ?');
    // The last one listed wins, as a map's set would.
    this.byExternalIdRow = db.prepare('SELECT data FROM remote_users WHERE external_id = ? ORDER BY seq DESC LIMIT 1');
    this.byEmailRow = db.prepare('SELECT data FROM remote_users WHERE email = ? ORDER BY seq DESC LIMIT 1');
    this.countRows = db.prepare('SELECT count(*) AS n FROM remote_users');
    this.countExternalIds = db.prepare('SELECT count(DISTINCT external_id) AS n FROM remote_users WHERE external_id IS NOT NULL');
    this.allRows = db.prepare('SELECT seq, data FROM remote_users WHERE seq > ? ORDER BY seq LIMIT ?');
    this.byId = this.lookup(this.byIdRow, () => this.countRows.get()!.n);
    this.byExternalId = this.lookup(this.byExternalIdRow, () => this.countExternalIds.get()!.n);
    this.byEmail = this.lookup((key: string) => this.byEmailRow.get(key.toLowerCase()), () => this.countRows.get()!.n);
  }

  /** Adds (or replaces, by id) users; a page of a listing goes in one transaction. */
  add(users: Iterable<RemoteUser>): void {
    this.work.flush();
    this.work.transaction(() => {
      for (const user of users) this.insert.run(user.id, user.externalId ?? null, user.email.toLowerCase(), JSON.stringify(encode(user)));
    });
  }

  /**
   * Every user, read a page at a time in listing order (never the whole table at once, and no statement
   * left open between pages, so lookups can run while it is iterated).
   */
  *all(pageSize = 1000): IterableIterator<RemoteUser> {
    let after = 0;
    for (;;) {
      const rows = this.allRows.all(after, pageSize);
      for (const row of rows) yield decode(row.data);
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.seq;
    }
  }

  private lookup(row: Database.Statement<[string], { data: string }> | ((key: string) => { data: string } | undefined), size: () => number): UserLookup {
    const find = typeof row === 'function' ? row : (key: string) => row.get(key);
    const index = this;
    return {
      get: (key) => {
        const found = find(key);
        return found ? decode(found.data) : undefined;
      },
      has: (key) => find(key) !== undefined,
      values: () => index.all(),
      get size() {
        return size();
      },
    };
  }
}

function encode(user: RemoteUser): Encoded {
  const memberships = user.memberships.map((m): EncodedMembership => [m.organizationId, m.roles, m.status, m.invited ? 1 : 0, m.metadata]);
  return [user.id, user.email, user.externalId ?? null, user.givenName, user.familyName, user.emailVerified ? 1 : 0, user.metadata, memberships];
}

export function decode(text: string): RemoteUser {
  const [userId, email, externalId, givenName, familyName, verified, metadata, memberships] = JSON.parse(text) as Encoded;
  return {
    id: userId,
    email,
    ...(externalId !== null ? { externalId } : {}),
    givenName,
    familyName,
    emailVerified: verified === 1,
    metadata,
    memberships: memberships.map(([organizationId, roles, status, invited, membershipMetadata]) => ({
      organizationId,
      roles,
      status,
      invited: invited === 1,
      metadata: membershipMetadata,
    })),
  };
}
