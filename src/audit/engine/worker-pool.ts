import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions } from './analyze-file.js';
import type { FileResult } from './file-result.js';

/** Files per message: big enough to keep messaging cheap, small enough to balance two workers. */
const BATCH_SIZE = 48;
/** Below this many files a worker's start-up (loading the TypeScript parser) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 1000;

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './audit-worker.ts' : './audit-worker.js', import.meta.url);

/** Workers need a loader for TypeScript sources: present in the build and under tsx, not under a bare test runner. */
export function workersAvailable(): boolean {
  return !import.meta.url.endsWith('.ts') || process.execArgv.some((argument) => argument.includes('tsx'));
}

export function defaultWorkerCount(fileCount: number): number {
  const cores = availableParallelism();
  if (cores < 2 || fileCount < MIN_FILES_FOR_WORKERS || !workersAvailable()) return 0;
  return Math.min(cores, 4);
}

export interface WorkerRequest {
  batch: number;
  files: string[];
}

export interface WorkerReply {
  batch: number;
  results: FileResult[];
}

export interface WorkerSetup {
  root: string;
  options: AnalyzeOptions;
}

/** Spreads files over worker threads in batches handed out on demand; results come back in input order. */
export async function analyzeInWorkers(
  root: string,
  files: readonly string[],
  options: AnalyzeOptions,
  count: number,
  control: { signal?: AbortSignal; onProgress?(done: number, total: number): void },
): Promise<FileResult[]> {
  const batches: string[][] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) batches.push(files.slice(start, start + BATCH_SIZE));
  const results: FileResult[][] = new Array(batches.length);
  const workers = Array.from({ length: Math.min(count, batches.length) }, () => new Worker(workerUrl, { workerData: { root, options } satisfies WorkerSetup }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (batches.length === 0) return resolve();
      let finished = 0;
      const abort = () => reject(control.signal?.reason ?? new Error('aborted'));
      control.signal?.addEventListener('abort', abort, { once: true });
      const feed = (worker: Worker) => {
        if (next < batches.length) {
          const batch = next++;
          worker.postMessage({ batch, files: batches[batch]! } satisfies WorkerRequest);
        }
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          results[reply.batch] = reply.results;
          done += reply.results.length;
          control.onProgress?.(done, files.length);
          finished += 1;
          if (finished === batches.length) {
            control.signal?.removeEventListener('abort', abort);
            resolve();
          } else {
            feed(worker);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (finished < batches.length) reject(new Error(`audit worker stopped with exit code ${code} before its files were done`));
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.flat();
}
