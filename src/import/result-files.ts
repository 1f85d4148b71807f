import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ImportPackage } from './load-package.js';
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

export async function writeResultFiles(pkg: ImportPackage, tally: Tally): Promise<WrittenResultFiles> {
  const errorsPath = join(pkg.dir, RESULT_FILES.errors);
  const retryPath = join(pkg.dir, RESULT_FILES.retry);
  if (tally.failures.length === 0) {
    await rm(errorsPath, { force: true });
    await rm(retryPath, { force: true });
    return {};
  }
  await writeFileAtomic(errorsPath, tally.failures.map((failure) => JSON.stringify(failure) + '\n').join(''));
  const lines: string[] = [];
  const entries = [
    ...pkg.roles.map((entry) => ({ entity: 'role', ...entry })),
    ...pkg.organizations.map((entry) => ({ entity: 'organization', ...entry })),
    ...pkg.users.map((entry) => ({ entity: 'user', ...entry })),
  ];
  for (const entry of entries) {
    if (tally.failedRefs.has(entry.ref)) lines.push(JSON.stringify({ entity: entry.entity, ref: entry.ref, record: entry.record }) + '\n');
  }
  await writeFileAtomic(retryPath, lines.join(''));
  return { errors: errorsPath, retry: retryPath };
}
