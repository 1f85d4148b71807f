import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserInputError, errorMessage } from '../errors.js';
import { processRunning } from '../fs/process-running.js';

const require = createRequire(import.meta.url);

/**
 * A run's scratch SQLite database: the environment's users and what the journal created, kept on disk so memory
 * stays bounded whatever the size. In the package folder (or in memory for a plan computed in a test), owner-only,
 * removed by `close`. better-sqlite3 is loaded on first use so the commands that never need it run without it.
 */
export class WorkDb {
  private closed = false;
  private pending = 0;

  private constructor(
    readonly db: Database.Database,
    readonly path: string | undefined,
    private readonly privateFolder?: string,
  ) {}

  /**
   * Opens a new scratch file in `dir` (`.work-<host>-<pid>-<random>.sqlite`, 0600), or an in-memory one without `dir`.
   * Scratch files a killed run of this host left behind (its process is gone) are removed first.
   */
  static open(dir?: string): WorkDb {
    const Sqlite = loadSqliteSync();
    if (!dir) return new WorkDb(tuned(new Sqlite(':memory:')), undefined);
    let folder = dir;
    let privateFolder: string | undefined;
    try {
      removeOrphans(dir);
      closeSync(openSync(join(dir, `${SCRATCH_PREFIX}${pid}-probe`), 'wx', 0o600));
      rmSync(join(dir, `${SCRATCH_PREFIX}${pid}-probe`));
    } catch {
      // A package folder that cannot be written to (a read-only mount) still verifies: the index goes to a private temporary folder.
      privateFolder = mkdtempSync(join(tmpdir(), 'skm-work-'));
      folder = privateFolder;
    }
    const path = join(folder, `${SCRATCH_PREFIX}${pid}-${randomBytes(4).toString('hex')}.sqlite`);
    // Created owner-only before SQLite opens it: SQLite itself would create it with the umask's mode.
    closeSync(openSync(path, 'wx', 0o600));
    try {
      return new WorkDb(tuned(new Sqlite(path)), path, privateFolder);
    } catch (error) {
      rmSync(privateFolder ?? path, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs `write` in one transaction: a million rows committed one at a time would crawl. */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  /**
   * Runs one write inside a transaction left open and committed every few thousand writes (and by `flush`, which
   * every read of batched data calls first): a replay of a million journal lines committed one by one would crawl.
   */
  batched(write: () => void): void {
    if (this.pending === 0) this.db.exec('BEGIN');
    write();
    if (++this.pending >= 5000) this.flush();
  }

  flush(): void {
    if (this.pending === 0) return;
    this.pending = 0;
    this.db.exec('COMMIT');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    if (this.path) rmSync(this.privateFolder ?? this.path, { recursive: true, force: true });
  }
}

/** Opens a scratch database for `use` and always removes it afterwards. */
export async function withWorkDb<T>(dir: string | undefined, use: (work: WorkDb) => Promise<T>): Promise<T> {
  const work = WorkDb.open(dir);
  try {
    return await use(work);
  } finally {
    work.close();
  }
}

const host = hostname().replace(/[^A-Za-z0-9_.]/g, '_');
const pid = process.pid;
/** Scratch files of this host start with it; the owner's pid follows. */
export const SCRATCH_PREFIX = `.work-${host}-`;

function removeOrphans(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const owner = Number(name.slice(SCRATCH_PREFIX.length).split('-')[0]);
    if (Number.isInteger(owner) && owner !== pid && !processRunning(owner)) rmSync(join(dir, name), { force: true });
  }
}


function tuned(db: Database.Database): Database.Database {
  // Scratch data, rebuilt by every run: the rollback journal in memory (better-sqlite3's defensive mode refuses OFF), no fsync; a small page cache bounds memory.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('temp_store = FILE');
  db.pragma('cache_size = -16384');
  return db;
}

let Loaded: typeof Database | undefined;

function loadSqliteSync(): typeof Database {
  if (Loaded) return Loaded;
  try {
    const Sqlite = require('better-sqlite3') as typeof Database;
    // The compiled part loads on first use: tried here so a missing build is named, not a stack trace.
    new Sqlite(':memory:').close();
    Loaded = Sqlite;
    return Loaded;
  } catch (error) {
    throw new UserInputError(
      'import, verify and rollback keep the environment listing in a local SQLite index and need the native module better-sqlite3: ' +
        `reinstall with its install script allowed (\`npm rebuild better-sqlite3\`) (${errorMessage(error).split('\n')[0]})`,
    );
  }
}
