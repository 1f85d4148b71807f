import { randomBytes } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { readPackageText } from '../package/open-package-file.js';
import { processRunning } from '../fs/process-running.js';

/** Beside the journal while an import or a rollback works on the package (verify only reads it: see refuseWhileWriting). */
export const LOCK_FILE = 'package.lock';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** The kernel boot the process ran in: a lock from before a reboot is stale whatever its pid. */
  boot: z.string().optional(),
  command: z.string(),
  startedAt: z.string(),
  token: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

/** A lock file without a complete holder (its writer died between create and write) is stale after this long. */
const HALF_WRITTEN_GRACE_MS = 10_000;

/**
 * One run at a time per package. The lock file is created exclusively (O_EXCL, no-follow, 0600)
 * with the holder's pid, host, boot id, command and start time. A second run is refused with a
 * message naming the holder. A lock whose process is gone (same host, and the pid is not running
 * or the machine rebooted since) is stale and taken over; one from another host is never guessed
 * at: the message says which file to delete once that run is known to be over.
 */
export class PackageLock {
  private released = false;

  private constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  static async acquire(packageDir: string, command: string): Promise<PackageLock> {
    const path = join(packageDir, LOCK_FILE);
    const holder: LockHolder = {
      pid: process.pid,
      host: hostname(),
      ...(bootId() ? { boot: bootId() } : {}),
      command,
      startedAt: new Date().toISOString(),
      token: randomBytes(8).toString('hex'),
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await createExclusive(path, JSON.stringify(holder) + '\n')) return new PackageLock(path, holder);
      const current = await readHolder(packageDir, path);
      if (current === 'gone') continue;
      if (current === 'half-written') throw busy(path, 'another run is taking the lock right now');
      const stale = staleReason(current);
      if (!stale) throw busy(path, describe(current));
      await removeStale(path, current);
    }
    throw busy(path, 'the lock changed hands several times while this run tried to take it');
  }

  /** Removes the lock if it is still ours (never another run's). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const dir = this.path.slice(0, -LOCK_FILE.length - 1);
    const current = await readHolder(dir, this.path).catch(() => undefined);
    if (current && typeof current === 'object' && current.token === this.holder.token) await unlink(this.path).catch(() => undefined);
  }
}

/**
 * Runs `work` holding the package's lock. With `unlockedIfReadOnly` (verify: its files are a
 * convenience) a folder that cannot be written to is worked on without a lock.
 */
export async function withPackageLock<T>(packageDir: string, command: string, work: () => Promise<T>, unlockedIfReadOnly = false): Promise<T> {
  let lock: PackageLock | undefined;
  try {
    lock = await PackageLock.acquire(packageDir, command);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserInputError(`no migration package at ${packageDir}: the folder does not exist`);
    if (!(unlockedIfReadOnly && (code === 'EACCES' || code === 'EROFS' || code === 'EPERM'))) throw error;
  }
  try {
    return await work();
  } finally {
    await lock?.release();
  }
}

/**
 * For a run that only reads (verify): takes no lock, so it never blocks another verify or a run that
 * writes, but refuses while an import or a rollback holds the package - its comparison would report
 * what that run has not written yet as missing. A stale lock (its process gone) does not stop it.
 */
export async function refuseWhileWriting(packageDir: string, command: string): Promise<void> {
  const path = join(packageDir, LOCK_FILE);
  let current: Awaited<ReturnType<typeof readHolder>>;
  try {
    current = await readHolder(packageDir, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UserInputError(`no migration package at ${packageDir}: the folder does not exist`);
    throw error;
  }
  if (current === 'gone' || (current !== 'half-written' && staleReason(current))) return;
  const who = current === 'half-written' ? 'another run is taking the lock right now' : describe(current);
  throw new UserInputError(
    `${command} refused: ${who}. ${command} compares Scalekit with the package and would report what that run has not written yet ` +
      `as missing; run ${command} when it has ended (if it is known to be gone, delete ${path}).`,
  );
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(dir: string, path: string): Promise<LockHolder | 'gone' | 'half-written'> {
  let text: string;
  try {
    text = await readPackageText(dir, LOCK_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    return holderSchema.parse(JSON.parse(text));
  } catch {
    const age = Date.now() - (await stat(path)).mtimeMs;
    if (age < HALF_WRITTEN_GRACE_MS) return 'half-written';
    throw new UserInputError(`${path} is not a lock this tool wrote; delete it once no import, rollback or verify is running on this package`);
  }
}

function staleReason(holder: LockHolder): string | undefined {
  if (holder.host !== hostname()) return undefined;
  if (holder.boot && bootId() && holder.boot !== bootId()) return 'the machine restarted since';
  return processRunning(holder.pid) ? undefined : `process ${holder.pid} is no longer running`;
}


/**
 * Takes a stale lock out of the way without ever removing a live one: the file is renamed aside
 * (atomic), and if what was moved is not the stale holder read a moment ago (another run took
 * over in between), it is put back.
 */
async function removeStale(path: string, stale: LockHolder): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let moved: LockHolder | undefined;
  try {
    moved = holderSchema.parse(JSON.parse(readFileSync(aside, 'utf8')));
  } catch {
    moved = undefined;
  }
  if (moved && moved.token !== stale.token) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function busy(path: string, who: string): UserInputError {
  return new UserInputError(
    `the package is in use: ${who}. Wait for that run to end; if it is known to be gone, delete ${path}. ` +
      'Two runs on one package at once would interleave their calls and their journal.',
  );
}

function describe(holder: LockHolder): string {
  return `${holder.command} started ${holder.startedAt} by process ${holder.pid} on host ${holder.host} holds ${LOCK_FILE}`;
}

let cachedBootId: string | undefined | null = null;
function bootId(): string | undefined {
  if (cachedBootId === null) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
    } catch {
      cachedBootId = undefined;
    }
  }
  return cachedBootId;
}
