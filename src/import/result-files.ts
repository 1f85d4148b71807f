import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ImportPackage, StreamedImportPackage } from './load-package.js';
import type { Tally } from './tally.js';

/** Files an import run leaves beside the package's journal.ndjson (owner-only, rewritten by every apply). */
export const RESULT_FILES = {
  /** One line per failed call: entity, package ref, external id, action, code, request id, message (emails masked). */
  errors: 'errors.ndjson',
  /** The package records that had a failure, as { entity, ref, record }: what to fix or look at before re-running. */
  retry: 'retry.ndjson',
} as const;

export interface WrittenResultFiles {
  errors?: string;
  retry?: string;
}

export async function writeResultFiles(pkg: ImportPackage | StreamedImportPackage, tally: Tally): Promise<WrittenResultFiles> {
  const errorsPath = join(pkg.dir, RESULT_FILES.errors);
  const retryPath = join(pkg.dir, RESULT_FILES.retry);
  if (tally.failures.length === 0) {
    await rm(errorsPath, { force: true });
    await rm(retryPath, { force: true });
    return {};
  }
  await writeFileAtomic(errorsPath, tally.failures.map((failure) => JSON.stringify(failure) + '\n').join(''));
  const lines: string[] = [];
  const pick = (entity: string, entries: Array<{ ref: string; record: unknown }>) => {
    for (const entry of entries) {
      if (tally.failedRefs.has(entry.ref)) lines.push(JSON.stringify({ entity, ref: entry.ref, record: entry.record }) + '\n');
    }
  };
  pick('role', pkg.roles);
  pick('organization', pkg.organizations);
  if (Array.isArray(pkg.users)) pick('user', pkg.users);
  else for await (const chunk of pkg.users.chunks()) pick('user', chunk);
  await writeFileAtomic(retryPath, lines.join(''));
  return { errors: errorsPath, retry: retryPath };
}
