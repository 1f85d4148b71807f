import { basename, dirname } from 'node:path';
import { UserInputError } from '../errors.js';
import { readPackageText } from '../package/open-package-file.js';
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

/** Replays journal.ndjson. A missing file is an empty journal; a damaged line other than a torn last one is an error. */
export async function readJournal(path: string): Promise<JournalHistory> {
  let text: string;
  try {
    text = await readPackageText(dirname(path), basename(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: 0, ops: [], validBytes: 0 };
    throw error;
  }
  const history: JournalHistory = { runs: 0, ops: [], validBytes: 0 };
  const byOp = new Map<string, JournalOp>();
  let run = 0;
  let command: JournalOp['command'] = 'import';
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const complete = index < lines.length - 1;
    if (!complete) break; // no trailing newline: torn by a crash mid-write, or empty
    offset += Buffer.byteLength(line) + 1;
    if (line.trim() === '') {
      history.validBytes = offset;
      continue;
    }
    const entry = parse(path, index + 1, line);
    history.validBytes = offset;
    apply(entry);
  }
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
        history.ops.push(op);
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
        return;
      }
      case 'end':
        return;
    }
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
