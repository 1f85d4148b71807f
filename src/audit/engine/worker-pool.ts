import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions } from './analyze-file.js';
import type { FileResult } from './file-result.js';

/** Files per message: big enough to keep messaging cheap, small enough to balance the workers. */
const BATCH_SIZE = 48;

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './audit-worker.ts' : './audit-worker.js', import.meta.url);

/** A worker running the built JavaScript, or (running from the TypeScript sources) one that registers tsx first. */
function startWorker(workerData: WorkerSetup): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
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
  const workers = Array.from({ length: Math.min(count, batches.length) }, () => startWorker({ root, options }));
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
