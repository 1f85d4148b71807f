import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { UserInputError } from '../errors.js';
import { PACKAGE_FILES } from '../package/layout.js';
import type { Manifest } from '../package/manifest.js';
import { packageDigest, readManifest, readRecords, verifyPackageChecksums } from '../package/read.js';
import { scanPackageUsers, type PackageUsers } from './package-users.js';
import {
  organizationRecordSchema,
  roleRecordSchema,
  userRecordSchema,
  type OrganizationRecord,
  type RoleRecord,
  type UserRecord,
} from '../package/records.js';

/** A record with where it came from: "users.ndjson:12". Journal, errors and samples use the ref, never the record. */
export interface PackageEntry<T> {
  ref: string;
  record: T;
}

export interface ImportPackage {
  dir: string;
  manifest: Manifest;
  /** Pinned by the journal: a different digest means the package changed. */
  digest: string;
  roles: PackageEntry<RoleRecord>[];
  organizations: PackageEntry<OrganizationRecord>[];
  users: PackageEntry<UserRecord>[];
}

/**
 * Reads a migration package for import, verify or rollback: the manifest, every checksum, every
 * record (each line validated), the counts against the manifest, and the package's own consistency
 * (no duplicate role name, organization or user external_id, user email, or membership).
 * Memberships and roles may name organizations and roles that are not in the package: those must
 * already exist in Scalekit, which the planner checks.
 */
export async function loadImportPackage(dir: string): Promise<ImportPackage> {
  const head = await loadPackageHead(dir);
  const { manifest } = head;
  const users = await readDataFile(dir, manifest, PACKAGE_FILES.users, userRecordSchema);
  checkCount('users', users.length, manifest.counts.users);
  const memberships = users.reduce((sum, entry) => sum + entry.record.memberships.length, 0);
  checkCount('memberships', memberships, manifest.counts.memberships);
  refuseDuplicates(dir, users, (record) => record.external_id, 'user external_id');
  refuseDuplicates(dir, users, (record) => record.email.toLowerCase(), 'user email');
  for (const entry of users) refuseDuplicateMemberships(dir, entry);
  return { ...head, users };
}

/** An import package whose users are read from disk chunk by chunk instead of held in memory. */
export interface StreamedImportPackage extends Omit<ImportPackage, 'users'> {
  users: PackageUsers;
}

/**
 * The same checks as loadImportPackage, in one streaming pass over users.ndjson that keeps only
 * the keys needed to refuse duplicates; the users are then read again in chunks by `users.chunks()`.
 */
export async function openImportPackage(dir: string, userChunkSize?: number): Promise<StreamedImportPackage> {
  const head = await loadPackageHead(dir);
  const users = await scanPackageUsers(dir, head.manifest, userChunkSize);
  checkCount('users', users.count, head.manifest.counts.users);
  checkCount('memberships', users.memberships, head.manifest.counts.memberships);
  return { ...head, users };
}

/** Manifest, checksums, roles and organizations: everything but the users. */
async function loadPackageHead(dir: string): Promise<Omit<ImportPackage, 'users'>> {
  const manifest = await readManifest(dir);
  await verifyPackageChecksums(dir, manifest);
  const roles = await readDataFile(dir, manifest, PACKAGE_FILES.roles, roleRecordSchema);
  const organizations = await readDataFile(dir, manifest, PACKAGE_FILES.organizations, organizationRecordSchema);
  checkCount('roles', roles.length, manifest.counts.roles);
  checkCount('organizations', organizations.length, manifest.counts.organizations);
  refuseDuplicates(dir, roles, (record) => record.name, 'role name');
  refuseDuplicates(dir, organizations, (record) => record.external_id, 'organization external_id');
  if (!manifest.files[PACKAGE_FILES.users] && (await exists(join(dir, PACKAGE_FILES.users)))) {
    throw new UserInputError(`${join(dir, PACKAGE_FILES.users)} is not listed in ${PACKAGE_FILES.manifest}: its content cannot be verified`);
  }
  return { dir, manifest, digest: packageDigest(manifest), roles, organizations };
}

export function refuseDuplicateMemberships(dir: string, entry: PackageEntry<UserRecord>): void {
  const seen = new Set<string>();
  for (const membership of entry.record.memberships) {
    if (seen.has(membership.org_external_id)) {
      throw new UserInputError(`${join(dir, entry.ref)}: memberships: organization "${membership.org_external_id}" appears twice`);
    }
    seen.add(membership.org_external_id);
  }
}

async function readDataFile<S extends z.ZodType>(
  dir: string,
  manifest: Manifest,
  name: string,
  schema: S,
): Promise<PackageEntry<z.output<S>>[]> {
  const path = join(dir, name);
  if (!manifest.files[name]) {
    if (await exists(path)) throw new UserInputError(`${path} is not listed in ${PACKAGE_FILES.manifest}: its content cannot be verified`);
    return [];
  }
  const entries: PackageEntry<z.output<S>>[] = [];
  for await (const { line, record } of readRecords(path, schema)) entries.push({ ref: `${name}:${line}`, record });
  return entries;
}

function checkCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new UserInputError(`the package holds ${actual} ${what} but its manifest counts ${expected}: the package is incomplete or was edited`);
  }
}

function refuseDuplicates<T>(dir: string, entries: PackageEntry<T>[], key: (record: T) => string, what: string): void {
  const first = new Map<string, string>();
  for (const entry of entries) {
    const value = key(entry.record);
    const earlier = first.get(value);
    if (earlier) throw new UserInputError(`${join(dir, entry.ref)}: duplicate ${what} (first at ${earlier})`);
    first.set(value, entry.ref);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
