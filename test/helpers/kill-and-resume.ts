import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJournal } from '../../src/import/journal-read.js';
import { startCli, type ChildRun } from './child.js';

/** The CLI's import of the package in `dir`, applied without a plan, 4 calls at a time, paced at `rate` calls/s. */
export function importArgs(dir: string, rate: number): string[] {
  return ['import', '--in', dir, '--apply', '--without-plan', '--rate', String(rate), '--concurrency', '4', '--json'];
}

export interface KillSweepOptions {
  /** The package folder; its journal.ndjson is where each run's progress is watched. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Seed of the pseudo-random kill points, so a failure can be replayed. */
  seed: number;
  /** Kill at least this many runs... */
  minKills: number;
  /** ...and go on (up to this many) until both cases of an in-flight call were seen: recovered and absent. */
  maxKills: number;
  /** After each kill, with the killed run's exit: the caller's checks of the state so far. */
  afterKill?: (run: ChildRun) => void;
}

export interface KillSweep {
  kills: number;
  /** A run ended on its own before its kill point: the sweep stopped there. */
  finishedEarly: boolean;
  /** In-flight calls a later run found applied (recorded as this journal's) and found not applied. */
  recovered: number;
  absent: number;
}

/**
 * Starts the CLI's import again and again, SIGKILLing each run after 1 to 12 new journal lines (during the re-check,
 * the listing, or between an intent, its call and its outcome) plus 0 to 5 ms, so that some kills land after the
 * emulator applied a call but before its outcome reached the journal.
 */
export async function killImportRepeatedly(options: KillSweepOptions): Promise<KillSweep> {
  const journal = join(options.dir, 'journal.ndjson');
  const random = seeded(options.seed);
  const sweep: KillSweep = { kills: 0, finishedEarly: false, recovered: 0, absent: 0 };
  while (sweep.kills < options.minKills || (sweep.kills < options.maxKills && (sweep.recovered === 0 || sweep.absent === 0))) {
    const target = journalLines(journal) + 1 + Math.floor(random() * 12);
    // A slow pace while killing, so each run gets only a little way whatever the machine's load.
    const { child, done } = startCli(importArgs(options.dir, 100), { env: options.env });
    let exited = false;
    void done.then(() => (exited = true));
    while (!exited && journalLines(journal) < target) await sleep(1);
    if (!exited) await sleep(Math.floor(random() * 6));
    if (exited) {
      sweep.finishedEarly = true;
      break;
    }
    child.kill('SIGKILL');
    const run = await done;
    sweep.kills += 1;
    options.afterKill?.(run);
    const ops = (await readJournal(journal)).ops;
    sweep.recovered = ops.filter((op) => op.recovered).length;
    sweep.absent = ops.filter((op) => op.outcome === 'absent').length;
  }
  return sweep;
}

function journalLines(path: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  let count = 0;
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) === 10) count += 1;
  return count;
}

/** Deterministic pseudo-random numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
