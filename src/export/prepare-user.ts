import { DISPLAY_NAME_MAX, type PasswordHashRecord, type UserStatus } from '../package/records.js';
import type { SourceUser } from './model.js';
import type { MetadataOverflow } from './normalize/metadata.js';
import type { DroppedRole, RoleSpelling } from './normalize/role-name.js';
import { EXTERNAL_ID_MAX, mergeMembership, normalizeUser, toPackageUser, type NormalizedMembership, type NormalizedUser, type OrgReference } from './normalize/user.js';

/** What preparing a user needs to know of the export's options. */
export interface PrepareOptions {
  skipInactive: boolean;
  rejectMetadataOverflow: boolean;
  defaultOrg?: { externalId: string; displayName?: string };
  orgPerUser: boolean;
  includeHashes: boolean;
}

/** A user ready for users.ndjson: its line and hash line already encoded, and what the output counts. */
export interface UserLine {
  external_id: string;
  email: string;
  /** The package record as one JSON document. */
  line: string;
  memberships: number;
  status: UserStatus | undefined;
  algorithm: string | undefined;
  /** The password_hashes.ndjson line, only when hashes are included. */
  hashLine: string | undefined;
}

/**
 * One source record turned into everything the export does with it, in the order it does it, without
 * touching the package: a worker thread can prepare records while the main thread writes earlier ones.
 */
export interface PreparedUser {
  sourceRef: string;
  /** Rejected before any organization was referenced. */
  reject?: { reason: string; record: unknown; secretFields?: string[] };
  /** The organization the export gave a user without one (referenced even if the record is rejected next). */
  assignedOrg?: OrgReference;
  /** Rejected after the organization was assigned (metadata over the limits). */
  lateReject?: { reason: string; record: unknown; secretFields?: string[] };
  emailChanged?: { original: string; normalized: string };
  overflow?: MetadataOverflow[];
  firebaseHashWithoutParameters?: boolean;
  orgs?: OrgReference[];
  roles?: RoleSpelling[];
  droppedRoles?: { orgExternalId: string; role: DroppedRole }[];
  user?: UserLine;
  rank: number;
}

/**
 * Normalizes a record and encodes its package line. `sideMemberships` returns the memberships a source
 * announced apart from the user (staged by the main thread); a worker passes one that returns none,
 * and only while the source has announced none.
 */
export function prepareUser(source: SourceUser, options: PrepareOptions, sideMemberships: (key: string) => NormalizedMembership[]): PreparedUser {
  const prepared: PreparedUser = { sourceRef: source.sourceRef, rank: source.mergeRank ?? 0 };
  const outcome = normalizeUser(source, { skipInactive: options.skipInactive });
  if (!outcome.user) {
    prepared.reject = { reason: outcome.reason ?? 'unusable record', record: source.record, secretFields: source.secretFields };
    return prepared;
  }
  const user = outcome.user;
  for (const key of source.membershipKeys ?? []) for (const membership of sideMemberships(key)) mergeMembership(user.memberships, membership);
  // Roles held outside any organization go with the organization export gives the user (defaultOrg, orgPerUser).
  const unplaced = user.memberships.length === 0 ? outcome.rolesWithoutOrganization : undefined;
  if (user.memberships.length === 0) prepared.assignedOrg = assignDefaultOrganization(user, unplaced?.names ?? [], options);
  const placed = unplaced !== undefined && user.memberships.length > 0 ? unplaced : undefined;
  // A user without an organization may be another record's twin (same email) that has one: decided after merging.
  if (outcome.metadataOverflow.length > 0 && options.rejectMetadataOverflow) {
    prepared.lateReject = { reason: 'metadata over the limits', record: source.record, secretFields: source.secretFields };
    return prepared;
  }
  if (outcome.emailChanged) prepared.emailChanged = outcome.emailChanged;
  if (outcome.metadataOverflow.length > 0) prepared.overflow = outcome.metadataOverflow;
  if (user.hash?.algorithm === 'firebase-scrypt' && user.hash.params?.signer_key === undefined) prepared.firebaseHashWithoutParameters = true;
  if (outcome.orgs.length > 0) prepared.orgs = outcome.orgs;
  const roles = placed ? [...outcome.roleSpellings, ...placed.spellings] : outcome.roleSpellings;
  if (roles.length > 0) prepared.roles = roles;
  const dropped: { orgExternalId: string; role: DroppedRole }[] = outcome.droppedRoles.map((role) => ({ orgExternalId: role.org_external_id, role }));
  for (const role of placed?.dropped ?? []) dropped.push({ orgExternalId: user.memberships[0]!.org_external_id, role });
  if (dropped.length > 0) prepared.droppedRoles = dropped;
  prepared.user = userLine(user, options.includeHashes);
  return prepared;
}

function assignDefaultOrganization(user: NormalizedUser, roles: string[], options: PrepareOptions): OrgReference | undefined {
  if (options.defaultOrg) {
    user.memberships.push({ org_external_id: options.defaultOrg.externalId, roles: [...roles] });
    return options.defaultOrg;
  }
  if (options.orgPerUser) {
    const id = `personal-${user.external_id}`.slice(0, EXTERNAL_ID_MAX);
    const owner = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email;
    user.memberships.push({ org_external_id: id, roles: [...roles] });
    return { externalId: id, displayName: `${owner}'s workspace`.slice(0, DISPLAY_NAME_MAX) };
  }
  return undefined;
}

/** Encodes the user's package line (sorting its memberships and roles) and its hash line. */
export function userLine(user: NormalizedUser, includeHashes: boolean): UserLine {
  const record = toPackageUser(user);
  return {
    external_id: user.external_id,
    email: user.email,
    line: JSON.stringify(record),
    memberships: record.memberships.length,
    status: record.status,
    algorithm: user.hash?.algorithm,
    hashLine: includeHashes && user.hash ? JSON.stringify(hashRecord(user)) : undefined,
  };
}

export function hashRecord(user: NormalizedUser): PasswordHashRecord {
  const hash = user.hash!;
  const record: PasswordHashRecord = { external_id: user.external_id, algorithm: hash.algorithm, value: hash.value };
  if (hash.params && Object.keys(hash.params).length > 0) record.params = hash.params;
  return record;
}
