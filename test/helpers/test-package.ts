import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_FORMAT, type Manifest } from '../../src/package/manifest.js';
import type { OrganizationRecord, RoleRecord, UserRecord } from '../../src/package/records.js';

export interface PackageContent {
  roles?: RoleRecord[];
  organizations?: OrganizationRecord[];
  users?: UserRecord[];
}

/**
 * Writes a valid migration package by hand (the format export writes: NDJSON files, manifest with
 * counts and checksums), so import, verify and rollback tests choose their records exactly, including
 * ones export would not produce, and can rewrite a package in place.
 */
export function writeTestPackage(dir: string, content: PackageContent): Manifest {
  mkdirSync(dir, { recursive: true });
  const files: Manifest['files'] = {};
  const write = (name: string, records: unknown[]) => {
    const text = records.map((record) => JSON.stringify(record) + '\n').join('');
    writeFileSync(join(dir, name), text, { mode: 0o600 });
    files[name] = { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text), records: records.length };
  };
  const roles = content.roles ?? [];
  const organizations = content.organizations ?? [];
  const users = content.users ?? [];
  write('roles.ndjson', roles);
  write('organizations.ndjson', organizations);
  write('users.ndjson', users);
  write('rejects.ndjson', []);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    createdAt: '2026-11-27T00:00:00.000Z',
    toolVersion: '0.1.0',
    source: { kind: 'test', ref: 'hand-written' },
    counts: {
      inputRecords: users.length,
      users: users.length,
      organizations: organizations.length,
      roles: roles.length,
      memberships: users.reduce((sum, user) => sum + user.memberships.length, 0),
      rejects: 0,
      merged: 0,
    },
    passwordHashes: { included: false, byAlgorithm: { none: users.length } },
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

export interface SyntheticOptions {
  organizations: number;
  users: number;
  /** Memberships per user (1 by default), in consecutive organizations. */
  membershipsPerUser?: number;
  roles?: string[];
  /** Prefix for every external id and email, so two packages do not collide. */
  prefix?: string;
}

/** A generated package content: organizations with metadata, users spread over them with roles. */
export function syntheticPackage(options: SyntheticOptions): Required<PackageContent> {
  const prefix = options.prefix ?? 't';
  const roleNames = options.roles ?? ['admin', 'member'];
  const roles: RoleRecord[] = roleNames.map((name) => ({ name, display_name: name[0]!.toUpperCase() + name.slice(1), description: `${name} role` }));
  const organizations: OrganizationRecord[] = [];
  for (let index = 0; index < options.organizations; index += 1) {
    organizations.push({
      external_id: `${prefix}-org-${index}`,
      display_name: `Organization ${prefix} ${index}`,
      metadata: { plan: index % 2 ? 'pro' : 'free', legacy_id: String(index) },
    });
  }
  const perUser = options.membershipsPerUser ?? 1;
  const users: UserRecord[] = [];
  for (let index = 0; index < options.users; index += 1) {
    const memberships = [];
    for (let m = 0; m < perUser; m += 1) {
      const org = organizations[(index + m) % organizations.length]!;
      memberships.push({ org_external_id: org.external_id, roles: [roleNames[(index + m) % roleNames.length]!] });
    }
    users.push({
      external_id: `${prefix}-user-${index}`,
      email: `${prefix}.user${index}@example.com`,
      first_name: `First${index}`,
      last_name: `Last${index}`,
      email_verified: true,
      memberships,
      metadata: { legacy_id: String(index) },
    });
  }
  return { roles, organizations, users };
}
