import { performance } from 'node:perf_hooks';
import { UserInputError } from '../../errors.js';
import { packageVersion } from '../../package-info.js';
import { resolveWorkspace } from '../../workspace/confine.js';
import { buildDataModel } from '../data-model/build.js';
import { buildFacts } from '../facts/build.js';
import type { AuditReport } from '../report.js';
import { analyzeFile } from './analyze-file.js';
import { discoverFiles } from './discover.js';
import type { FileResult } from './file-result.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-source.js';
import { compareFindings, summarize } from './summary.js';
import { analyzeInWorkers } from './worker-pool.js';
import { followWrappers } from './wrappers.js';

export interface AuditOptions {
  /** The folder to audit. */
  root: string;
  signal?: AbortSignal;
  /**
   * Worker threads to spread files over; 0 (the default) analyzes in this thread. Opt-in because,
   * measured on 2 cores, workers were slower at every tree size: each one loads the TypeScript
   * compiler and every rule, and results are copied back (bench/audit.ts).
   */
  workers?: number;
  /** Files larger than this are skipped with a note (default 1 MiB). */
  maxFileBytes?: number;
  onProgress?(done: number, total: number): void;
}

/** Audits a folder for auth touchpoints: findings, data model, token and access facts, skipped files. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const started = performance.now();
  let root: string;
  try {
    root = resolveWorkspace(options.root);
  } catch (error) {
    throw new UserInputError(`audit folder: ${(error as Error).message.replace(/^workspace /, '')}`);
  }
  const { files } = await discoverFiles(root);
  options.signal?.throwIfAborted();
  const analyzeOptions = { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
  const workers = options.workers ?? 0;
  const results =
    workers > 0
      ? await analyzeInWorkers(root, files, analyzeOptions, workers, options)
      : await analyzeInThisThread(root, files, analyzeOptions, options);
  return assemble(root, results, performance.now() - started);
}

/** Reads and analyzes synchronously, yielding to the event loop every 64 files so progress and cancellation get through. */
async function analyzeInThisThread(root: string, files: readonly string[], analyzeOptions: { maxFileBytes: number }, options: AuditOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [index, file] of files.entries()) {
    if (index % 64 === 0 && index > 0) {
      options.onProgress?.(index, files.length);
      await new Promise((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
    }
    results.push(analyzeFile(root, file, analyzeOptions));
  }
  options.onProgress?.(files.length, files.length);
  return results;
}

function assemble(root: string, results: readonly FileResult[], elapsed: number): AuditReport {
  const skipped = results.flatMap((result) => (result.skipped ? [result.skipped] : []));
  const { dataModel, findings: modelFindings } = buildDataModel(results.flatMap((result) => result.tables));
  const findings = [...results.flatMap((result) => result.findings), ...followWrappers(results, root), ...modelFindings].sort(compareFindings);
  const { tokenFacts, accessFacts } = buildFacts(results.map((result) => result.facts));
  return {
    tool: { name: 'scalekit-migrate', version: packageVersion },
    root,
    generatedAt: new Date().toISOString(),
    filesScanned: results.length - skipped.filter((entry) => entry.reason !== 'parse-error' && entry.reason !== 'analysis-error').length,
    filesAnalyzed: results.filter((result) => result.analyzed).length,
    durationMs: Math.round(elapsed),
    findings,
    summary: summarize(findings),
    dataModel,
    tokenFacts,
    accessFacts,
    skipped,
  };
}
