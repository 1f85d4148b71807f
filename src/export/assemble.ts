import { DISPLAY_NAME_MAX, type OrganizationRecord, type PasswordHashRecord, type RoleRecord, type UserRecord } from '../package/records.js';
import type { Manifest } from '../package/manifest.js';
import type { NdjsonFileWriter } from '../package/write.js';
import { mergeMembership, type NormalizedUser } from './normalize/user.js';
import { METADATA_LIMITS } from '../package/records.js';
import type { RejectLog, WarningLog } from './report.js';
import type { StagedUser, Staging } from './staging.js';

type ByAlgorithm = Manifest['passwordHashes']['byAlgorithm'];

export interface AssembleOutputs {
  users: NdjsonFileWriter;
  organizations: NdjsonFileWriter;
  roles: NdjsonFileWriter;
  passwordHashes?: NdjsonFileWriter;
}

export interface AssembleTotals {
  users: number;
  merged: number;
  memberships: number;
  organizations: number;
  roles: number;
  byAlgorithm: ByAlgorithm;
  sampleUserIds: string[];
}

/**
 * Phase two: writes roles and organizations, then users one email at a time. Rows with the same
 * email and external id become one user (memberships merged); the same email under different
 * external ids, or one external id under different emails, is rejected: the tool never guesses.
 */
export async function assemblePackage(
  staging: Staging,
  out: AssembleOutputs,
  rejects: RejectLog,
  warnings: WarningLog,
  checkpoint: (done: number) => Promise<void>,
): Promise<AssembleTotals> {
  const organizations = writeOrganizations(staging, out.organizations, warnings);
  const roles = writeRoles(staging, out.roles);
  const conflictingIds = staging.conflictingExternalIds();
  const totals: AssembleTotals = { users: 0, merged: 0, memberships: 0, organizations, roles, byAlgorithm: {}, sampleUserIds: [] };

  let group: StagedUser[] = [];
  let seen = 0;
  const flush = () => {
    if (group.length > 0) writeGroup(group, conflictingIds, out, rejects, totals);
    group = [];
  };
  for (const row of staging.usersByEmail()) {
    if (group.length > 0 && group[0]!.email !== row.email) flush();
    group.push(row);
    seen += 1;
    if (seen % 20_000 === 0) await checkpoint(seen);
  }
  flush();
  return totals;
}

function writeGroup(group: StagedUser[], conflictingIds: Set<string>, out: AssembleOutputs, rejects: RejectLog, totals: AssembleTotals): void {
  const first = group[0]!;
  const differentIds = group.some((row) => row.external_id !== first.external_id);
  if (differentIds || conflictingIds.has(first.external_id)) {
    const reason = differentIds ? 'same email as a record with a different external_id' : 'same external_id as a record with a different email';
    for (const row of group) rejects.add(row.source_ref, reason, publicPart(JSON.parse(row.body) as NormalizedUser));
    return;
  }
  const user = JSON.parse(first.body) as NormalizedUser;
  for (let i = 1; i < group.length; i += 1) mergeInto(user, JSON.parse(group[i]!.body) as NormalizedUser);
  totals.merged += group.length - 1;

  const record = publicPart(user);
  out.users.writeLine(JSON.stringify(record));
  totals.users += 1;
  totals.memberships += record.memberships.length;
  if (totals.sampleUserIds.length < 5) totals.sampleUserIds.push(record.external_id);
  const algorithm = user.hash?.algorithm ?? 'none';
  totals.byAlgorithm[algorithm] = (totals.byAlgorithm[algorithm] ?? 0) + 1;
  if (user.hash && out.passwordHashes) {
    const hash: PasswordHashRecord = { external_id: user.external_id, algorithm: user.hash.algorithm, value: user.hash.value };
    if (user.hash.params && Object.keys(user.hash.params).length > 0) hash.params = user.hash.params;
    out.passwordHashes.write(hash);
  }
}

/** Another row of the same person: memberships and roles add up, missing fields are filled in. */
function mergeInto(user: NormalizedUser, other: NormalizedUser): void {
  for (const membership of other.memberships) mergeMembership(user.memberships, membership);
  user.first_name ??= other.first_name;
  user.last_name ??= other.last_name;
  user.email_verified ||= other.email_verified;
  user.hash ??= other.hash;
  if (other.metadata) {
    const metadata = (user.metadata ??= {});
    for (const [key, value] of Object.entries(other.metadata)) {
      if (!(key in metadata) && Object.keys(metadata).length < METADATA_LIMITS.maxPairs) metadata[key] = value;
    }
  }
}

/** The package's user record without the hash; fields, memberships and roles in a stable order whatever the source's row order. */
function publicPart(user: NormalizedUser): UserRecord {
  const record = { external_id: user.external_id, email: user.email } as UserRecord;
  if (user.first_name !== undefined) record.first_name = user.first_name;
  if (user.last_name !== undefined) record.last_name = user.last_name;
  record.email_verified = user.email_verified;
  record.memberships = user.memberships
    .map((membership) => ({ org_external_id: membership.org_external_id, roles: [...membership.roles].sort() }))
    .sort((a, b) => (a.org_external_id < b.org_external_id ? -1 : a.org_external_id > b.org_external_id ? 1 : 0));
  if (user.metadata !== undefined) record.metadata = user.metadata;
  return record;
}

function writeOrganizations(staging: Staging, file: NdjsonFileWriter, warnings: WarningLog): number {
  for (const org of staging.organizations()) {
    const record: OrganizationRecord = { external_id: org.external_id, display_name: org.display_name ?? org.external_id };
    if (org.display_name === null) {
      warnings.add(
        org.derived ? 'organization-derived' : 'organization-without-name',
        org.derived
          ? 'organizations known only from memberships: the external id stands in as display name'
          : 'organizations without a display name in the source: the external id stands in',
        org.external_id,
      );
    }
    if (org.name_conflict > 0) warnings.add('organization-name-conflict', 'rows gave different display names for one organization; the first was kept', org.external_id);
    if (record.display_name.length > DISPLAY_NAME_MAX) record.display_name = record.display_name.slice(0, DISPLAY_NAME_MAX);
    if (org.metadata) record.metadata = JSON.parse(org.metadata) as Record<string, string>;
    if (org.domains) record.domains = JSON.parse(org.domains) as string[];
    file.write(record);
  }
  return file.records;
}

function writeRoles(staging: Staging, file: NdjsonFileWriter): number {
  for (const role of staging.roles()) {
    const record: RoleRecord = { name: role.name };
    if (role.display_name) record.display_name = role.display_name;
    if (role.description) record.description = role.description;
    if (role.permissions) record.permissions = JSON.parse(role.permissions) as string[];
    file.write(record);
  }
  return file.records;
}
