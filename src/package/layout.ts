import { join } from 'node:path';
import { migrationDir } from '../workspace/paths.js';

/** File names inside a migration package directory. */
export const PACKAGE_FILES = {
  organizations: 'organizations.ndjson',
  users: 'users.ndjson',
  roles: 'roles.ndjson',
  rejects: 'rejects.ndjson',
  passwordHashes: 'password_hashes.ndjson',
  /** Per-record notes that are not rejects: normalized emails (original kept), metadata that overflowed. */
  diagnostics: 'diagnostics.ndjson',
  manifest: 'manifest.json',
  journal: 'journal.ndjson',
} as const;

/** Where export writes a package when no output folder is given. */
export function defaultPackageDir(workspace: string): string {
  return join(migrationDir(workspace), 'package');
}

/** Export records here which package it wrote last, so later phases and checks find it. */
export function lastPackagePointer(workspace: string): string {
  return join(migrationDir(workspace), 'last-package.json');
}
