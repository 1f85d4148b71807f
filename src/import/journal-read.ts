import { basename, dirname } from 'node:path';
import { UserInputError } from '../errors.js';
import { openPackageFile } from '../package/open-package-file.js';
import { journalEntrySchema, type JournalAction, type JournalDecisions, type JournalEntry, type JournalTarget, type UpdateValues } from './journal-format.js';

export interface JournalOp {
  op: string;
  run: number;
  /** The command of the run that sent it: an update in a rollback run is a restore. */
  command: 'import' | 'rollback';
  action: JournalAction;
  target: JournalTarget;
  /** Undefined while no outcome was written: the call was in flight when the process stopped. */
  outcome?: 'done' | 'failed' | 'absent' | 'superseded';
  /** The Scalekit id the call returned (for a create: the new entity). */
  id?: string;
  recovered?: boolean;
  code?: string;
  /** For an update: the fields as they were before it, and as it set them. */
  previous?: UpdateValues;
  sent?: UpdateValues;
}

export interface JournalHistory {
  /** The digest of the package the last run worked on; undefined for a new journal. */
  packageDigest?: string;
  runs: number;
  ops: JournalOp[];
  /** The decisions the last import run recorded (unverified-email policy, inactive users); a rollback records none. */
  decisions?: JournalDecisions;
  /** Byte length of the complete lines; a torn last line beyond it is cut off before appending. */
  validBytes: number;
}

export interface ReadJournalOptions {
  /**
   * Which calls to keep once their outcome is read (default: all). Calls still without an outcome are always kept.
   * A resume keeps only what it must look at again, so a journal of millions of calls is never held whole.
   */
  keep?: (op: JournalOp) => boolean;
  /** Called with each call `keep` lets go, as it is let go (with its outcome): to fold it into a summary instead. */
  dropped?: (op: JournalOp) => void;
}

/** Replays journal.ndjson line by line. A missing file is an empty journal; a damaged line other than a torn last one is an error. */
export async function readJournal(path: string, options: ReadJournalOptions = {}): Promise<JournalHistory> {
  const history: JournalHistory = { runs: 0, ops: [], validBytes: 0 };
  const byOp = new Map<string, JournalOp>();
  const order = new Map<JournalOp, number>();
  let seq = 0;
  let run = 0;
  let command: JournalOp['command'] = 'import';
  const keep = options.keep;
  try {
    history.validBytes = await scanJournal(path, (line, lineNumber) => {
      if (line.trim() !== '') apply(parse(path, lineNumber, line));
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: 0, ops: [], validBytes: 0 };
    throw error;
  }
  if (keep) history.ops = [...order.entries()].sort((a, b) => a[1] - b[1]).map(([op]) => op);
  return history;

  function apply(entry: JournalEntry): void {
    switch (entry.type) {
      case 'begin':
        run = entry.run;
        command = entry.command;
        history.runs = Math.max(history.runs, entry.run);
        history.packageDigest = entry.packageDigest;
        if (entry.decisions) history.decisions = entry.decisions;
        return;
      case 'intent': {
        const op: JournalOp = { op: entry.op, run, command, action: entry.action, target: entry.target };
        if (entry.previous) op.previous = entry.previous;
        if (entry.sent) op.sent = entry.sent;
        byOp.set(entry.op, op);
        if (keep) order.set(op, seq++);
        else history.ops.push(op);
        return;
      }
      case 'done':
      case 'failed':
      case 'absent':
      case 'superseded': {
        const op = byOp.get(entry.op);
        if (!op) return;
        op.outcome = entry.type;
        if (entry.type === 'done') {
          if (entry.id !== undefined) op.id = entry.id;
          if (entry.recovered) op.recovered = true;
        }
        if (entry.type === 'failed') op.code = entry.code;
        if (keep && !keep(op)) {
          byOp.delete(entry.op);
          order.delete(op);
          options.dropped?.(op);
        }
        return;
      }
      case 'end':
        return;
    }
  }
}

const CHUNK_BYTES = 1 << 20;

/**
 * Hands over each complete line (ending in a newline) with its 1-based number, reading the file a chunk at a time;
 * returns the byte length of the complete lines. A last line without a newline (torn by a crash) is not handed over.
 */
async function scanJournal(path: string, each: (line: string, lineNumber: number) => void): Promise<number> {
  const handle = await openPackageFile(dirname(path), basename(path));
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let pending = Buffer.alloc(0);
    let complete = 0;
    let lineNumber = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return complete;
      const data = pending.length ? Buffer.concat([pending, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
        lineNumber += 1;
        each(data.toString('utf8', start, newline), lineNumber);
        complete += newline + 1 - start;
        start = newline + 1;
      }
      pending = Buffer.from(data.subarray(start));
    }
  } finally {
    await handle.close();
  }
}

function parse(path: string, line: number, text: string): JournalEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserInputError(`${path}:${line} is damaged (not JSON); the journal cannot be replayed safely`);
  }
  const result = journalEntrySchema.safeParse(value);
  if (!result.success) throw new UserInputError(`${path}:${line} is not a journal entry: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** Intents whose outcome never reached the journal. */
export function inFlightOps(history: JournalHistory): JournalOp[] {
  return history.ops.filter((op) => op.outcome === undefined);
}
