import { DISPLAY_NAME_MAX, type UserRecord, type UserStatus } from '../../package/records.js';
import type { SourceMembership, SourceUser } from '../model.js';
import { normalizeEmail } from './email.js';
import { fitMetadata, type MetadataOverflow } from './metadata.js';
import { recognizePasswordHash, type RecognizedHash } from './password-hash.js';
import { mapRoleNames, type DroppedRole, type MappedRoles, type RoleSpelling } from './role-name.js';
import { coerceFlag, coerceId, coerceList, coerceText, splitFullName } from './values.js';

export const EXTERNAL_ID_MAX = 255;

export interface NormalizedMembership {
  org_external_id: string;
  roles: string[];
}

/** A user as the package holds it, plus what the export keeps beside it (hash, diagnostics). */
export interface NormalizedUser {
  external_id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  email_verified: boolean;
  memberships: NormalizedMembership[];
  metadata?: Record<string, string>;
  status?: UserStatus;
  merged_ids?: string[];
  hash?: RecognizedHash;
}

export interface OrgReference {
  externalId: string;
  displayName?: string;
}

export interface NormalizeOutcome {
  user?: NormalizedUser;
  reason?: string;
  emailChanged?: { original: string; normalized: string };
  metadataOverflow: MetadataOverflow[];
  /** Organizations the memberships name, with the display name the row gave (flat JSON's org_display_name). */
  orgs: OrgReference[];
  /** Legacy role names the memberships use, with their Scalekit names. */
  roleSpellings: RoleSpelling[];
  /** Legacy role names left out of a membership because they have no Scalekit name. */
  droppedRoles: (DroppedRole & { org_external_id: string })[];
  /** Roles for the organization export gives a user who has none (defaultOrg, orgPerUser). */
  rolesWithoutOrganization?: MappedRoles;
}

export interface NormalizeOptions {
  skipInactive: boolean;
}

/** Turns one source record into a package user, or the reason it cannot be one. */
export function normalizeUser(source: SourceUser, options: NormalizeOptions): NormalizeOutcome {
  const fail = (reason: string): NormalizeOutcome => ({ reason, metadataOverflow: [], orgs: [], roleSpellings: [], droppedRoles: [] });
  if (source.notAPerson !== undefined) return fail(source.notAPerson);
  const id = coerceId(source.externalId, 'external_id');
  if (!id.ok) return fail(id.reason);
  if (id.value === undefined) return fail('missing external_id');
  if (id.value.length > EXTERNAL_ID_MAX) return fail(`external_id longer than ${EXTERNAL_ID_MAX} characters`);
  if (source.status && source.status !== 'active' && options.skipInactive) return fail(`account ${source.status} in the source (skipInactive)`);

  const email = normalizeEmail(source.email);
  if (!email.ok) return fail(email.reason);
  const verified = coerceFlag(source.emailVerified, 'email_verified');
  if (!verified.ok) return fail(verified.reason);

  const names = readNames(source);
  if ('reason' in names) return fail(names.reason);

  const orgs: OrgReference[] = [];
  const memberships: NormalizedMembership[] = [];
  const roleSpellings: RoleSpelling[] = [];
  const droppedRoles: NormalizeOutcome['droppedRoles'] = [];
  for (const membership of source.memberships) {
    const normalized = normalizeMembership(membership);
    if ('reason' in normalized) return fail(normalized.reason);
    if (normalized.membership === undefined) continue;
    orgs.push(normalized.org);
    mergeMembership(memberships, normalized.membership);
    roleSpellings.push(...normalized.roles.spellings);
    for (const dropped of normalized.roles.dropped) droppedRoles.push({ ...dropped, org_external_id: normalized.org.externalId });
  }

  let rolesWithoutOrganization: MappedRoles | undefined;
  if (memberships.length === 0 && source.rolesWithoutOrganization !== undefined) {
    const roles = coerceList(source.rolesWithoutOrganization, 'roles');
    if (!roles.ok) return fail(roles.reason);
    rolesWithoutOrganization = mapRoleNames(roles.value);
  }

  const metadata = fitMetadata(source.metadata);
  const user: NormalizedUser = {
    external_id: id.value,
    email: email.email,
    ...names,
    email_verified: verified.value,
    memberships,
  };
  if (metadata.metadata) user.metadata = metadata.metadata;
  if (source.status && source.status !== 'active') user.status = source.status;
  const linked = (source.linkedIds ?? []).filter((linkedId) => linkedId !== id.value && linkedId.length <= EXTERNAL_ID_MAX);
  if (linked.length > 0) user.merged_ids = [...new Set(linked)].sort();
  const hash = source.passwordHash ? recognizePasswordHash(source.passwordHash) : undefined;
  if (hash) user.hash = hash;
  return {
    user,
    emailChanged: email.changed && typeof source.email === 'string' ? { original: source.email, normalized: email.email } : undefined,
    metadataOverflow: metadata.overflow,
    orgs,
    roleSpellings,
    droppedRoles,
    rolesWithoutOrganization,
  };
}

/** First and last name from the source's fields, or its full name split; the reason when one is refused. */
export function readNames(source: SourceUser): { first_name?: string; last_name?: string } | { reason: string } {
  const first = coerceText(source.firstName, 'first_name');
  if (!first.ok) return { reason: first.reason };
  const last = coerceText(source.lastName, 'last_name');
  if (!last.ok) return { reason: last.reason };
  let firstName = first.value;
  let lastName = last.value;
  if (firstName === undefined && lastName === undefined) {
    const full = coerceText(source.fullName, 'name');
    if (!full.ok) return { reason: full.reason };
    if (full.value !== undefined) ({ first: firstName, last: lastName } = splitFullName(full.value));
  }
  if (firstName !== undefined && firstName.length > DISPLAY_NAME_MAX) return { reason: `first name longer than ${DISPLAY_NAME_MAX} characters` };
  if (lastName !== undefined && lastName.length > DISPLAY_NAME_MAX) return { reason: `last name longer than ${DISPLAY_NAME_MAX} characters` };
  const names: { first_name?: string; last_name?: string } = {};
  if (firstName !== undefined) names.first_name = firstName;
  if (lastName !== undefined) names.last_name = lastName;
  return names;
}

type NormalizedMembershipOutcome = { membership?: undefined } | { membership: NormalizedMembership; org: OrgReference; roles: MappedRoles };

function normalizeMembership(membership: SourceMembership): NormalizedMembershipOutcome | { reason: string } {
  const org = coerceId(membership.orgExternalId, 'org_external_id');
  if (!org.ok) return { reason: org.reason };
  if (org.value === undefined) return {};
  if (org.value.length > EXTERNAL_ID_MAX) return { reason: `org_external_id longer than ${EXTERNAL_ID_MAX} characters` };
  const roles = coerceList(membership.roles, 'roles');
  if (!roles.ok) return { reason: roles.reason };
  const mapped = mapRoleNames(roles.value);
  if (membership.unknownRoleId !== undefined) mapped.dropped.push({ legacy: `role id ${membership.unknownRoleId}`, reason: 'the membership names a role id that matches no role' });
  const displayName = coerceText(membership.orgDisplayName, 'org_display_name');
  return {
    membership: { org_external_id: org.value, roles: mapped.names },
    org: { externalId: org.value, displayName: displayName.ok ? displayName.value : undefined },
    roles: mapped,
  };
}

/** Adds a membership, folding roles into an existing one for the same organization. */
export function mergeMembership(into: NormalizedMembership[], membership: NormalizedMembership): void {
  const existing = into.find((entry) => entry.org_external_id === membership.org_external_id);
  if (!existing) {
    into.push({ org_external_id: membership.org_external_id, roles: [...membership.roles] });
    return;
  }
  for (const role of membership.roles) if (!existing.roles.includes(role)) existing.roles.push(role);
}

/**
 * The package's user record without the hash; memberships and roles sorted so the package does not
 * depend on the source's row order. Sorts the user's own arrays in place.
 */
export function toPackageUser(user: Omit<NormalizedUser, 'hash'>): UserRecord {
  const record = { external_id: user.external_id, email: user.email } as UserRecord;
  if (user.merged_ids !== undefined && user.merged_ids.length > 0) record.merged_ids = user.merged_ids;
  if (user.first_name !== undefined) record.first_name = user.first_name;
  if (user.last_name !== undefined) record.last_name = user.last_name;
  record.email_verified = user.email_verified;
  const memberships = user.memberships;
  for (const membership of memberships) if (membership.roles.length > 1) membership.roles.sort();
  if (memberships.length > 1) memberships.sort((a, b) => (a.org_external_id < b.org_external_id ? -1 : a.org_external_id > b.org_external_id ? 1 : 0));
  record.memberships = memberships;
  if (user.metadata !== undefined) record.metadata = user.metadata;
  if (user.status !== undefined) record.status = user.status;
  return record;
}
