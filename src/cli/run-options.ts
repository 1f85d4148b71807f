import { InvalidArgumentError } from 'commander';
import { MAX_CONCURRENCY, MAX_RATE } from '../import/limits.js';
import type { ProgressBar } from './progress-bar.js';

export function parseRate(value: string): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) throw new InvalidArgumentError(`expected requests per second between 1 and ${MAX_RATE}`);
  return rate;
}

export function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CONCURRENCY) throw new InvalidArgumentError(`expected a whole number between 1 and ${MAX_CONCURRENCY}`);
  return count;
}

/**
 * Runs a writing operation so that Ctrl-C stops it cleanly: the first SIGINT aborts (calls in flight
 * finish, the journal is flushed), a second one ends the process at once.
 */
export async function withInterrupt<T>(writes: boolean, bar: ProgressBar, run: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!writes) return run(undefined);
  const controller = new AbortController();
  const onInterrupt = () => {
    bar.note('Stopping: finishing the calls in flight and flushing the journal (Ctrl-C again to quit at once; the journal still resumes)...');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
