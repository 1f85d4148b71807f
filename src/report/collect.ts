import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { readAuditReport } from '../audit/read-report.js';
import type { AuditReport } from '../audit/report.js';
import type { ChecklistReport } from '../checklist/report.js';
import { errorMessage } from '../errors.js';
import { importResultSchema, type ImportResult } from '../import/import-result.js';
import { readRunSummary, type RunSummaryKind, type TimelinePoint } from '../import/run-summary.js';
import { verifyResultSchema, type VerifyResult } from '../import/verify.js';
import { readMiddlewareResult } from '../middleware/result-file.js';
import { monitorResultPath, monitorResultSchema, type MonitorResult } from '../monitor/monitor-result.js';
import type { MiddlewareResult } from '../middleware/result.js';
import { PACKAGE_FILES, defaultPackageDir } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { lastPackageDir, readManifest } from '../package/read.js';
import { readRedirectsJournal, type RedirectsEntry } from '../redirects/journal.js';
import { migrationDir } from '../workspace/paths.js';

export interface RejectReason {
  reason: string;
  count: number;
  sampleRefs: string[];
}

export interface ExportSection {
  packageDir: string;
  manifest: Manifest;
  rejectReasons: RejectReason[];
}

/** The middleware codemod's last applied run and its last dry run, each with the diffs per file. */
export interface CodeChanges {
  apply?: SavedMiddlewareResult;
  dryRun?: SavedMiddlewareResult;
}
export type SavedMiddlewareResult = { savedAt: string; result: MiddlewareResult };

/** Everything the migration report shows, read from the files the phases left in `.scalekit-migration/`. */
export interface ReportData {
  workspace: string;
  generatedAt: string;
  audit?: AuditReport;
  export?: ExportSection;
  importPlan?: { savedAt: string; result: ImportResult };
  importApply?: { savedAt: string; result: ImportResult; timeline: TimelinePoint[] };
  verify?: { savedAt: string; result: VerifyResult };
  codeChanges?: CodeChanges;
  /** configureRedirects' journal: applies (previous and sent URLs) and rollbacks. */
  redirects?: RedirectsEntry[];
  checklist?: ChecklistReport;
  /** The last monitorCutover run. */
  monitor?: MonitorResult;
  /** Files that exist but could not be read, each with the reason: the report says so instead of failing. */
  problems: string[];
}

const SAMPLE_REFS = 3;

export async function collectReportData(workspace: string, checklist?: ChecklistReport): Promise<ReportData> {
  const data: ReportData = { workspace, generatedAt: new Date().toISOString(), checklist, problems: [] };
  const problem = (what: string, error: unknown) => data.problems.push(`${what}: ${errorMessage(error)}`);

  const auditJson = join(migrationDir(workspace), 'audit.json');
  if (await exists(auditJson)) {
    try {
      data.audit = await readAuditReport(workspace);
    } catch (error) {
      problem(auditJson, error);
    }
  }

  const code: CodeChanges = {};
  for (const kind of ['apply', 'dry-run'] as const) {
    try {
      const saved = await readMiddlewareResult(workspace, kind);
      if (saved) code[kind === 'apply' ? 'apply' : 'dryRun'] = saved;
    } catch (error) {
      problem(`middleware-${kind}.json`, error);
    }
  }
  if (code.apply || code.dryRun) data.codeChanges = code;
  try {
    const redirects = await readRedirectsJournal(workspace);
    if (redirects.length) data.redirects = redirects;
  } catch (error) {
    problem('redirects.ndjson', error);
  }

  const monitorJson = monitorResultPath(workspace);
  if (await exists(monitorJson)) {
    try {
      data.monitor = monitorResultSchema.parse(JSON.parse(await readFile(monitorJson, 'utf8')));
    } catch (error) {
      problem(monitorJson, error);
    }
  }

  const packageDir = (await lastPackageDir(workspace).catch((error) => void problem('last-package.json', error))) ?? defaultPackageDir(workspace);
  if (await exists(join(packageDir, PACKAGE_FILES.manifest))) {
    try {
      const manifest = await readManifest(packageDir);
      data.export = { packageDir, manifest, rejectReasons: await rejectHistogram(join(packageDir, PACKAGE_FILES.rejects)) };
    } catch (error) {
      problem(packageDir, error);
    }
    const read = <T>(kind: RunSummaryKind, schema: z.ZodType<T>) => savedResult(packageDir, kind, schema, problem);
    data.importPlan = await read('plan', importResultSchema);
    const applied = await read('import', importResultSchema);
    if (applied) data.importApply = { ...applied, timeline: applied.timeline ?? [] };
    data.verify = await read('verify', verifyResultSchema);
  }
  return data;
}

async function savedResult<T>(packageDir: string, kind: RunSummaryKind, schema: z.ZodType<T>, problem: (what: string, error: unknown) => void) {
  try {
    const saved = await readRunSummary(packageDir, kind);
    if (!saved) return undefined;
    const checked = schema.safeParse(saved.result);
    if (!checked.success) throw new Error(`not a ${kind} result: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}`);
    return { savedAt: saved.savedAt, result: checked.data, timeline: saved.timeline };
  } catch (error) {
    problem(`${kind} result in ${packageDir}`, error);
    return undefined;
  }
}

/** Reject reasons and counts from rejects.ndjson; the records themselves (emails, names) are never read into the report. */
export async function rejectHistogram(path: string): Promise<RejectReason[]> {
  if (!(await exists(path))) return [];
  const byReason = new Map<string, RejectReason>();
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as { reason?: unknown; source_ref?: unknown };
    const reason = typeof parsed.reason === 'string' ? parsed.reason : '(no reason recorded)';
    const entry = byReason.get(reason) ?? { reason, count: 0, sampleRefs: [] };
    entry.count += 1;
    if (entry.sampleRefs.length < SAMPLE_REFS && typeof parsed.source_ref === 'string') entry.sampleRefs.push(parsed.source_ref);
    byReason.set(reason, entry);
  }
  return [...byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
