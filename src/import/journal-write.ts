import type { FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { UserInputError } from '../errors.js';
import { openPackageFileForAppend } from '../package/open-package-file.js';
import { JOURNAL_VERSION, type JournalAction, type JournalDecisions, type JournalEntry, type JournalTarget, type UpdateValues } from './journal-format.js';
import type { JournalHistory } from './journal-read.js';

/**
 * Appends to journal.ndjson with group commit: entries written while one fsync runs go to disk
 * together in the next, so durability costs one fsync per batch, not per record.
 * `intent()` resolves only once its line is on disk: a call is never sent before its intent is durable.
 * Outcomes ride along with the next batch (an outcome lost in a crash is recovered by re-checking).
 */
export class JournalWriter {
  private buffer: string[] = [];
  private waiters: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  private seq = 0;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly run: number,
  ) {}

  /**
   * Opens the journal for a new run: cuts off a line torn by a crash, then writes and syncs the
   * run's `begin` entry.
   */
  static async start(
    path: string,
    history: JournalHistory,
    begin: { command: 'import' | 'rollback'; packageDigest: string; forced?: boolean; decisions?: JournalDecisions },
  ): Promise<JournalWriter> {
    const handle = await openPackageFileForAppend(dirname(path), basename(path));
    try {
      const { size } = await handle.stat();
      if (size > history.validBytes) {
        await refuseForeignLines(handle, path, history.validBytes, size);
        await handle.truncate(history.validBytes);
      }
      await handle.chmod(0o600);
    } catch (error) {
      await handle.close();
      throw error;
    }
    const writer = new JournalWriter(handle, path, history.runs + 1);
    const entry: JournalEntry = {
      type: 'begin',
      journal: JOURNAL_VERSION,
      run: writer.run,
      command: begin.command,
      packageDigest: begin.packageDigest,
      at: new Date().toISOString(),
      ...(begin.forced ? { forced: true } : {}),
      ...(begin.decisions ? { decisions: begin.decisions } : {}),
    };
    await writer.append(entry, true);
    return writer;
  }

  /** Records that a call is about to be sent; resolves with its op id once that is durable. */
  async intent(action: JournalAction, target: JournalTarget, values?: { previous: UpdateValues; sent: UpdateValues }): Promise<string> {
    this.seq += 1;
    const op = `${this.run}.${this.seq}`;
    await this.append({ type: 'intent', op, action, target, ...(values ? { previous: values.previous, sent: values.sent } : {}) }, true);
    return op;
  }

  done(op: string, id?: string, recovered = false): void {
    void this.append({ type: 'done', op, ...(id !== undefined ? { id } : {}), ...(recovered ? { recovered: true } : {}) }, false);
  }

  failed(op: string, code: string, requestId?: string): void {
    void this.append({ type: 'failed', op, code, ...(requestId ? { requestId } : {}) }, false);
  }

  absent(op: string): void {
    void this.append({ type: 'absent', op }, false);
  }

  superseded(op: string): void {
    void this.append({ type: 'superseded', op }, false);
  }

  /** Writes everything buffered and waits until it is on disk. */
  async flush(): Promise<void> {
    if (this.buffer.length) await this.append(undefined, true);
    else await this.flushing;
    if (this.failure) throw this.failure;
  }

  async end(interrupted: boolean): Promise<void> {
    await this.append({ type: 'end', run: this.run, at: new Date().toISOString(), interrupted }, true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      await this.handle.close();
    }
  }

  private append(entry: JournalEntry | undefined, wait: boolean): Promise<void> {
    // Outcomes are fire-and-forget: a write failure surfaces at the next intent, flush or close.
    if (this.failure) return wait ? Promise.reject(this.failure) : Promise.resolve();
    if (this.closed) return wait ? Promise.reject(new Error(`journal ${this.path} is closed`)) : Promise.resolve();
    if (entry) this.buffer.push(JSON.stringify(entry) + '\n');
    const done = wait
      ? new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }))
      : Promise.resolve();
    if (!this.flushing) this.flushing = this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    // Let the callers of this tick add their entries to the same batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.buffer.length || this.waiters.length) {
      const text = this.buffer.join('');
      const waiters = this.waiters;
      this.buffer = [];
      this.waiters = [];
      try {
        if (text) {
          await this.handle.write(text);
          await this.handle.datasync();
        }
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failure = error;
        for (const waiter of waiters) waiter.reject(error);
        for (const waiter of this.waiters.splice(0)) waiter.reject(error);
        break;
      }
    }
    this.flushing = undefined;
  }
}

/**
 * Only a torn last line (no newline: a crash mid-write) is cut off. Complete lines past what this
 * run read were written by another run since: cutting them would erase its record of calls sent.
 */
async function refuseForeignLines(handle: FileHandle, path: string, from: number, size: number): Promise<void> {
  const tail = Buffer.alloc(size - from);
  await handle.read(tail, 0, tail.length, from);
  if (tail.includes(0x0a)) {
    throw new UserInputError(`${path} grew while this run started (another run is writing it); nothing was cut off. Run one import or rollback at a time.`);
  }
}
