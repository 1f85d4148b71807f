import { Worker } from 'node:worker_threads';
import { UserInputError } from '../errors.js';
import type { Collector } from './collect.js';
import type { SourceMembership, SourceOrganization, SourceRole, SourceUser } from './model.js';
import type { ExportOptions } from './options.js';
import type { PrepareOptions, PreparedUser } from './prepare-user.js';
import { unpack } from './worker-batch.js';

/** How records travel from the worker: batches of this many, at most this many batches not yet staged. */
export interface WorkerReadSettings {
  batchRecords: number;
  queueBatches: number;
}

export const DEFAULT_WORKER_READ: WorkerReadSettings = { batchRecords: 2000, queueBatches: 4 };

export interface ReadWorkerData extends WorkerReadSettings {
  options: ExportOptions;
  workspace: string;
  confine: boolean;
  prepare: PrepareOptions;
}

/** One thing the source read, in the order it read it. */
export type WorkerItem =
  | { prepared: PreparedUser }
  | { raw: SourceUser }
  | { organization: SourceOrganization }
  | { role: SourceRole }
  | { membership: { userKey: string; membership: SourceMembership } }
  | { membershipWithoutUser: { sourceRef: string; userKey: string; orgExternalId: unknown } }
  | { unreadable: { sourceRef: string; reason: string; record: unknown } };

export type WorkerMessage =
  /** Records in the order read: packed users in `text`, the others cloned in `items` (each marked in `text`). */
  | { bytes: ArrayBuffer; items: WorkerItem[] }
  | { done: { recordsRead: number | undefined } }
  | { failed: { message: string; userInput: boolean; stack?: string } };

/**
 * Reads a file source in a worker thread, which parses, normalizes and encodes the records, while
 * this thread stages and writes them in the order read: the package is the one a single thread
 * writes. Returns the source's count of physical records, when it keeps one.
 */
export function readInWorker(
  request: { options: ExportOptions; workspace: string; confine: boolean },
  collector: Collector,
  settings: WorkerReadSettings,
  signal?: AbortSignal,
): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ ...request, ...settings, prepare: collector.prepareOptions });
    let settled = false;
    const finish = (error: Error | undefined, recordsRead?: number) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(recordsRead);
    };
    const onAbort = () => finish(signal!.reason instanceof Error ? signal!.reason : new Error('export cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        if ('items' in message) {
          let next = 0;
          unpack(utf8.decode(message.bytes), (prepared) => collector.commit(prepared), () => take(collector, message.items[next++]!));
          worker.postMessage(0);
        } else if ('done' in message) finish(undefined, message.done.recordsRead);
        else finish(message.failed.userInput ? new UserInputError(message.failed.message) : Object.assign(new Error(message.failed.message), { stack: message.failed.stack }));
      } catch (error) {
        finish(error as Error);
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`the export's reading thread stopped (exit code ${code}) before the end of the source`)));
  });
}

function take(collector: Collector, item: WorkerItem): void {
  if ('prepared' in item) collector.commit(item.prepared);
  else if ('raw' in item) collector.user(item.raw);
  else if ('organization' in item) collector.organization(item.organization);
  else if ('role' in item) collector.role(item.role);
  else if ('membership' in item) collector.membership(item.membership.userKey, item.membership.membership);
  else if ('membershipWithoutUser' in item) collector.membershipWithoutUser(item.membershipWithoutUser.sourceRef, item.membershipWithoutUser.userKey, item.membershipWithoutUser.orgExternalId);
  else collector.unreadable(item.unreadable.sourceRef, item.unreadable.reason, item.unreadable.record);
}

const utf8 = new TextDecoder();

/** The built worker file; under tsx (tests, benches from source) its TypeScript through tsx's loader. */
function startWorker(data: ReadWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here), { workerData: data });
  const entry = new URL('./read-worker.ts', here).href;
  return new Worker(`import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`, { eval: true, workerData: data });
}
