import { Semaphore } from './semaphore.js';

export interface PoolOptions<T> {
  concurrency: number;
  /** Once aborted, items not yet started are handed to `skipped` instead of `work`. */
  signal: AbortSignal;
  work(item: T): Promise<void>;
  skipped(item: T): void;
  /** Called after each started item, with how many are finished. */
  finished?(done: number): void;
}

/** Runs `work` over the items with at most `concurrency` in flight, in list order. A `work` that throws stops the pool; the error is rethrown once the others finish. */
export async function runPool<T>(items: Iterable<T> | AsyncIterable<T>, options: PoolOptions<T>): Promise<void> {
  const semaphore = new Semaphore(options.concurrency);
  const running = new Set<Promise<void>>();
  let done = 0;
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    await semaphore.acquire();
    if (options.signal.aborted || failure) {
      semaphore.release();
      options.skipped(item);
      continue;
    }
    const task: Promise<void> = options
      .work(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        semaphore.release();
        running.delete(task);
        done += 1;
        options.finished?.(done);
      });
    running.add(task);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
