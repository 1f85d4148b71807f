import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile } from './analyze-file.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-pool.js';

/** Worker thread entry: analyzes the batches of files the pool sends and posts the results back. */
const { root, options } = workerData as WorkerSetup;

parentPort?.on('message', (request: WorkerRequest) => {
  const results = [];
  for (const file of request.files) results.push(analyzeFile(root, file, options));
  parentPort?.postMessage({ batch: request.batch, results } satisfies WorkerReply);
});
