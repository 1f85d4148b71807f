import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PACKAGE_FILES } from '../../src/package/layout.js';
import type { Manifest } from '../../src/package/manifest.js';
import { readManifest, readRecords, verifyPackageChecksums } from '../../src/package/read.js';
import {
  organizationRecordSchema,
  passwordHashRecordSchema,
  rejectRecordSchema,
  roleRecordSchema,
  userRecordSchema,
  type OrganizationRecord,
  type PasswordHashRecord,
  type RejectRecord,
  type RoleRecord,
  type UserRecord,
} from '../../src/package/records.js';

export interface ReadPackage {
  manifest: Manifest;
  users: UserRecord[];
  organizations: OrganizationRecord[];
  roles: RoleRecord[];
  rejects: RejectRecord[];
  hashes: PasswordHashRecord[];
}

async function all<T>(path: string, schema: import('zod').ZodType<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const entry of readRecords(path, schema)) out.push(entry.record);
  return out;
}

/**
 * Reads a package the way import will (validating reader, checksums) and asserts the package
 * invariants every export must keep: owner-only files, memberships pointing at exported
 * organizations and roles, unique emails and ids, counts that add up.
 */
export async function readPackage(dir: string): Promise<ReadPackage> {
  const manifest = await readManifest(dir);
  await verifyPackageChecksums(dir, manifest);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  for (const name of [...Object.keys(manifest.files), PACKAGE_FILES.manifest]) expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);

  const pkg: ReadPackage = {
    manifest,
    users: await all(join(dir, PACKAGE_FILES.users), userRecordSchema),
    organizations: await all(join(dir, PACKAGE_FILES.organizations), organizationRecordSchema),
    roles: await all(join(dir, PACKAGE_FILES.roles), roleRecordSchema),
    rejects: await all(join(dir, PACKAGE_FILES.rejects), rejectRecordSchema),
    hashes: manifest.passwordHashes.included ? await all(join(dir, PACKAGE_FILES.passwordHashes), passwordHashRecordSchema) : [],
  };
  const orgIds = new Set(pkg.organizations.map((org) => org.external_id));
  const roleNames = new Set(pkg.roles.map((role) => role.name));
  for (const user of pkg.users) {
    for (const membership of user.memberships) {
      expect(orgIds.has(membership.org_external_id), `organization ${membership.org_external_id} of user ${user.external_id}`).toBe(true);
      for (const role of membership.roles) expect(roleNames.has(role), `role ${role}`).toBe(true);
    }
  }
  expect(new Set(pkg.users.map((user) => user.email)).size).toBe(pkg.users.length);
  expect(new Set(pkg.users.map((user) => user.external_id)).size).toBe(pkg.users.length);
  const c = manifest.counts;
  expect(c.inputRecords).toBe(c.users + c.rejects + c.merged);
  expect(c.users).toBe(pkg.users.length);
  expect(c.rejects).toBe(pkg.rejects.length);
  expect(c.organizations).toBe(pkg.organizations.length);
  expect(c.roles).toBe(pkg.roles.length);
  expect(c.memberships).toBe(pkg.users.reduce((sum, user) => sum + user.memberships.length, 0));
  expect(Object.values(manifest.passwordHashes.byAlgorithm).reduce((a, b) => a + (b ?? 0), 0)).toBe(c.users);
  return pkg;
}

/** Rejects as reason -> count, the histogram a person reviews. */
export function reasons(rejects: RejectRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const reject of rejects) out[reject.reason] = (out[reject.reason] ?? 0) + 1;
  return out;
}
