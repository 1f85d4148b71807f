import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { packageVersion } from '../package-info.js';
import { PACKAGE_FILES, defaultPackageDir } from '../package/layout.js';
import { PackageWriter, writeLastPackagePointer } from '../package/write.js';
import { resolveInside, resolveWorkspace } from '../workspace/confine.js';
import { writeOrganizations, writeRoles } from './organizations-roles.js';
import { UserOutput, mergeReport, type UserOutputLimits } from './user-output.js';
import { Collector } from './collect.js';
import type { ExportOptions } from './options.js';
import { RejectLog, WarningLog } from './report.js';
import type { ExportResult } from './result.js';
import { openSource } from './sources/index.js';
import { loadSqlite } from './sql/native-sqlite.js';
import { Staging } from './staging.js';
import { removeStaleScratch } from './stale-scratch.js';

export interface ExportHooks {
  workspace: string;
  signal?: AbortSignal;
  /** Progress for long exports: records handled so far and what is happening. */
  onProgress?: (done: number, message: string) => void | Promise<void>;
  /** Memory limits of the user output (tests make them tiny to exercise the exact paths). */
  limits?: UserOutputLimits;
  /** Rows a database source reads per batch (tests make it tiny: the package must not depend on it). */
  readBatchRows?: number;
  /** Sources hand plain users over as package lines, without normalizeUser (default true; tests turn it off to compare). */
  plainUsers?: boolean;
  /** Refuse paths outside the workspace (default; the CLI turns it off for paths a person typed unless --confine). */
  confine?: boolean;
}

/**
 * Reads a source and writes one migration package: every input record ends up exported, merged
 * into another, or in rejects.ndjson with its reason; the manifest (written last) says how many of each.
 */
export async function exportUsers(options: ExportOptions, hooks: ExportHooks): Promise<ExportResult> {
  const started = Date.now();
  const workspace = resolveWorkspace(hooks.workspace);
  // Every export stages in SQLite: a missing native module is said before anything is opened or written.
  const Sqlite = options.mappingOnly ? undefined : await loadSqlite();
  const confine = hooks.confine ?? true;
  const source = await openSource(options, workspace, confine, hooks.readBatchRows);
  if (options.mappingOnly) {
    await source.close?.();
    if (!source.describe) throw new UserInputError('mappingOnly applies to database sources (sqlite, postgres)');
    return {
      packageDir: null,
      source: { kind: source.kind, ref: source.ref },
      counts: { inputRecords: 0, users: 0, organizations: 0, roles: 0, memberships: 0, rejects: 0, merged: 0 },
      countsAddUp: true,
      passwordHashes: { included: false, byAlgorithm: {} },
      rejectReasons: [],
      sampleUserIds: [],
      warnings: [],
      mapping: source.describe(),
      durationMs: Date.now() - started,
    };
  }

  let packageDir: string;
  let writer: PackageWriter;
  let staleScratch = 0;
  try {
    packageDir = options.out ? (confine ? resolveInside(workspace, options.out, 'out') : resolve(workspace, options.out)) : defaultPackageDir(workspace);
    staleScratch = removeStaleScratch(packageDir);
    writer = PackageWriter.open(packageDir, { replace: options.force });
  } catch (error) {
    await source.close?.();
    throw error;
  }
  const staging = new Staging(Sqlite!, join(packageDir, `.staging-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`));
  const progress = async (done: number, message: string) => {
    hooks.signal?.throwIfAborted();
    await hooks.onProgress?.(done, message);
  };
  try {
    const rejects = new RejectLog(writer.file(PACKAGE_FILES.rejects));
    const diagnostics = writer.file(PACKAGE_FILES.diagnostics);
    const warnings = new WarningLog();
    if (staleScratch > 0) {
      warnings.put({ code: 'stale-scratch-removed', message: 'working files of an earlier export that was killed were removed from the package folder', count: staleScratch, samples: [] });
    }
    const users = new UserOutput(writer, staging, options.includePasswordHashes ?? false, hooks.limits);
    const collector = new Collector(staging, users, rejects, warnings, diagnostics, {
      skipInactive: options.skipInactive ?? false,
      rejectMetadataOverflow: options.rejectMetadataOverflow ?? false,
      defaultOrg: parseDefaultOrg(options.defaultOrg),
      orgPerUser: options.orgPerUser ?? false,
      // SCALEKIT_MIGRATE_PLAIN_USERS=0 sends every user through normalizeUser (bench/export.ts measures both ways).
      plainUsers: hooks.plainUsers ?? process.env.SCALEKIT_MIGRATE_PLAIN_USERS !== '0',
      signal: hooks.signal,
      onProgress: (done, message) => void progress(done, message),
    });
    await progress(0, `reading ${source.kind} source ${source.ref}`);
    await source.read(collector);
    collector.reportUnclaimedMemberships();

    await progress(collector.inputRecords, 'writing the package');
    const totals = await users.finish(mergeReport(rejects, diagnostics, warnings), progress);
    const organizations = writeOrganizations(staging, writer.file(PACKAGE_FILES.organizations), warnings);
    const roles = writeRoles(staging, writer.file(PACKAGE_FILES.roles), warnings);
    const hashed = Object.entries(totals.byAlgorithm).filter(([algorithm]) => algorithm !== 'none');
    const withHashes = hashed.reduce((sum, [, count]) => sum + (count ?? 0), 0);
    if (withHashes > 0) {
      warnings.put({
        code: 'password-hashes-not-importable',
        message: `users with a password hash (${hashed.map(([algorithm, count]) => `${algorithm} ${count}`).join(', ')}): Scalekit's public API imports no hash, agree on a password plan`,
        count: withHashes,
        samples: [],
      });
    }
    const counts = {
      inputRecords: collector.inputRecords,
      users: totals.users,
      organizations,
      roles,
      memberships: totals.memberships,
      rejects: rejects.total,
      merged: totals.merged,
      ...(Object.keys(totals.byStatus).length > 0 ? { usersByStatus: totals.byStatus } : {}),
    };
    const manifest = await writer.finish({
      createdAt: new Date().toISOString(),
      toolVersion: packageVersion,
      source: { kind: source.kind, ref: source.ref },
      counts,
      passwordHashes: { included: options.includePasswordHashes ?? false, byAlgorithm: totals.byAlgorithm },
      warnings: warnings.list(),
    });
    await writeLastPackagePointer(workspace, packageDir);
    await progress(counts.inputRecords, 'export done');
    return {
      packageDir,
      source: manifest.source,
      counts,
      countsAddUp: counts.inputRecords === counts.users + counts.rejects + counts.merged && (source.recordsRead === undefined || source.recordsRead() === collector.userRecords),
      passwordHashes: manifest.passwordHashes,
      rejectReasons: rejects.histogram(),
      sampleUserIds: totals.sampleUserIds,
      warnings: manifest.warnings ?? [],
      mapping: source.describe?.(),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    writer.abandon();
    await source.close?.();
    throw error;
  } finally {
    staging.close();
  }
}

function parseDefaultOrg(value: string | undefined): { externalId: string; displayName?: string } | undefined {
  if (value === undefined) return undefined;
  const at = value.indexOf('=');
  const externalId = (at === -1 ? value : value.slice(0, at)).trim();
  const displayName = at === -1 ? undefined : value.slice(at + 1).trim() || undefined;
  if (externalId === '') throw new UserInputError('defaultOrg needs an organization id: "ID" or "ID=Display name"');
  return { externalId, displayName };
}
