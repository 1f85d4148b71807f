import type { PlainRole, PlainUserLine, SourceMembership, SourceSink, SourceUser } from '../model.js';
import { normalizeEmail } from './email.js';
import { fitMetadata } from './metadata.js';
import { scalekitRoleName } from './role-name.js';
import { EXTERNAL_ID_MAX, readNames } from './user.js';
import { coerceFlag, coerceId, coerceText } from './values.js';

/** What the short way needs of the export's options: inactive users skipped, the organization given to users without one. */
export interface PlainUserOptions {
  skipInactive: boolean;
  defaultOrg?: { externalId: string; displayName?: string };
}

/**
 * The package line of a plain user, built without normalizeUser's generic records: the same coercions
 * (coerceId, normalizeEmail, coerceFlag, readNames, fitMetadata), then the line toPackageUser and
 * JSON.stringify would write. Undefined for anything else (a value normalizeUser would refuse, metadata
 * over Scalekit's limits, linked ids, memberships announced apart, a role value that is not one role with
 * a Scalekit name, no organization and no default one, skipInactive with a status): those go the general
 * way, given the same SourceUser. test/export/plain-user.test.ts compares both ways' lines;
 * database-cases.ts and file-plain-users.test.ts compare whole packages byte for byte.
 */
export function plainUserLine(values: SourceUser, options: PlainUserOptions): PlainUserLine | undefined {
  if (options.skipInactive && values.status !== undefined) return undefined;
  if (values.notAPerson !== undefined || (values.linkedIds?.length ?? 0) > 0 || (values.membershipKeys?.length ?? 0) > 0) return undefined;
  const id = coerceId(values.externalId, 'external_id');
  if (!id.ok || id.value === undefined || id.value.length > EXTERNAL_ID_MAX) return undefined;
  const email = normalizeEmail(values.email);
  if (!email.ok) return undefined;
  const verified = coerceFlag(values.emailVerified, 'email_verified');
  if (!verified.ok) return undefined;
  const names = readNames(values);
  if ('reason' in names) return undefined;
  const memberships = values.memberships.length > 0 ? plainMemberships(values.memberships) : defaultMembership(values.rolesWithoutOrganization, options.defaultOrg);
  if (memberships === undefined) return undefined;
  const metadata = plainMetadata(values.metadata);
  if (metadata === undefined) return undefined;
  let line = `{"external_id":${JSON.stringify(id.value)},"email":${JSON.stringify(email.email)}`;
  if (names.first_name !== undefined) line += `,"first_name":${JSON.stringify(names.first_name)}`;
  if (names.last_name !== undefined) line += `,"last_name":${JSON.stringify(names.last_name)}`;
  line += `,"email_verified":${verified.value},"memberships":[${memberships.json}]${metadata}`;
  if (values.status !== undefined && values.status !== 'active') line += `,"status":"${values.status}"`;
  return {
    sourceRef: values.sourceRef,
    externalId: id.value,
    email: email.email,
    originalEmail: email.changed ? (values.email as string) : null,
    line: `${line}}`,
    orgs: memberships.orgs,
    orgDisplayName: memberships.orgDisplayName,
    roles: memberships.roles,
    passwordHash: values.passwordHash,
    status: values.status === 'active' ? undefined : values.status,
    rank: values.mergeRank ?? 0,
  };
}

/**
 * The line's metadata member as toPackageUser writes it ("" for none); undefined when something does not fit
 * Scalekit's limits, which normalizeUser reports (and rejects the user for, with rejectMetadataOverflow).
 */
function plainMetadata(entries: SourceUser['metadata']): string | undefined {
  if (entries === undefined || entries.length === 0) return '';
  const fitted = fitMetadata(entries);
  if (fitted.overflow.length > 0) return undefined;
  return fitted.metadata === undefined ? '' : `,"metadata":${JSON.stringify(fitted.metadata)}`;
}

interface PlainMemberships {
  json: string;
  orgs: string[];
  /** The display name of the one organization, when the record gives it one. */
  orgDisplayName?: string;
  roles: PlainRole[];
}

/**
 * A user with no membership gets the default organization (as the export's collector gives it), holding the
 * roles the record has outside any organization when they are one plain role. Undefined without a default.
 */
function defaultMembership(rolesWithoutOrganization: unknown, defaultOrg: PlainUserOptions['defaultOrg']): PlainMemberships | undefined {
  if (defaultOrg === undefined) return undefined;
  const role = plainRole(rolesWithoutOrganization);
  if (role === undefined) return undefined;
  const roles = role === null ? [] : [role];
  return { json: membershipJson(defaultOrg.externalId, role === null ? [] : [role.name]), orgs: [defaultOrg.externalId], orgDisplayName: defaultOrg.displayName, roles };
}

function membershipJson(org: string, roles: string[]): string {
  return `{"org_external_id":${JSON.stringify(org)},"roles":[${roles.length === 0 ? '' : `"${roles.join('","')}"`}]}`;
}

/**
 * The memberships JSON when every role has a Scalekit name (a source spelling such as "Org Admin" maps to org_admin,
 * as normalizeUser maps it): one entry per organization, role names distinct and sorted, entries sorted by
 * organization id, as toPackageUser writes them. Undefined when a membership needs the general way, or there is none.
 */
function plainMemberships(rows: SourceMembership[]): PlainMemberships | undefined {
  if (rows.length === 1) return plainMembership(rows[0]!);
  const byOrg = new Map<string, string[]>();
  const roles: PlainRole[] = [];
  for (const row of rows) {
    if (row.unknownRoleId !== undefined || (row.orgDisplayName !== undefined && row.orgDisplayName !== null)) return undefined;
    const org = coerceId(row.orgExternalId, 'org_external_id');
    if (!org.ok || (org.value !== undefined && org.value.length > EXTERNAL_ID_MAX)) return undefined;
    if (org.value === undefined) continue;
    const role = plainRole(row.roles);
    if (role === undefined) return undefined;
    let held = byOrg.get(org.value);
    if (held === undefined) byOrg.set(org.value, (held = []));
    if (role !== null) {
      if (!held.includes(role.name)) held.push(role.name);
      roles.push(role);
    }
  }
  if (byOrg.size === 0) return undefined;
  const orgs = [...byOrg.keys()];
  if (orgs.length > 1) orgs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let json = '';
  for (const org of orgs) {
    const held = byOrg.get(org)!;
    if (held.length > 1) held.sort();
    json += `${json === '' ? '' : ','}${membershipJson(org, held)}`;
  }
  return { json, orgs, roles };
}

/** plainMemberships for the usual single membership row, without the map; it may name its organization. */
function plainMembership(row: SourceMembership): PlainMemberships | undefined {
  if (row.unknownRoleId !== undefined) return undefined;
  const org = coerceId(row.orgExternalId, 'org_external_id');
  if (!org.ok || org.value === undefined || org.value.length > EXTERNAL_ID_MAX) return undefined;
  const role = plainRole(row.roles);
  if (role === undefined) return undefined;
  const displayName = row.orgDisplayName === undefined || row.orgDisplayName === null ? undefined : coerceText(row.orgDisplayName, 'org_display_name');
  const orgDisplayName = displayName?.ok ? displayName.value : undefined;
  if (role === null) return { json: membershipJson(org.value, []), orgs: [org.value], orgDisplayName, roles: [] };
  return { json: membershipJson(org.value, [role.name]), orgs: [org.value], orgDisplayName, roles: [role] };
}

/**
 * A role value as one role: null for none; undefined when normalizeUser would read it otherwise (not text or a
 * list of one text, a list such as "admin,member" or ["admin", "member"], quotes or space around it, or no
 * Scalekit name, which is reported there as a dropped role).
 */
function plainRole(value: unknown): PlainRole | null | undefined {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.length === 1 ? listedRole(value[0]) : undefined;
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') return null;
  const mapped = scalekitRoleName(value);
  if (!mapped.ok) return undefined;
  // A name that is its own Scalekit name has no separator, bracket, quote or space; any other spelling is checked.
  if (mapped.name !== value && (value.trim() !== value || /[,|;"]/.test(value) || value.startsWith('{') || value.startsWith('['))) return undefined;
  return { name: mapped.name, legacy: value };
}

/** The one name of a role list (["admin"]): taken whole and trimmed, as coerceList takes a list's items. */
function listedRole(item: unknown): PlainRole | null | undefined {
  if (typeof item !== 'string') return undefined;
  const legacy = item.trim();
  if (legacy === '') return null;
  const mapped = scalekitRoleName(legacy);
  return mapped.ok ? { name: mapped.name, legacy } : undefined;
}

/** Hands a user to the sink as its package line when the sink takes plain users and the user is one; else as it is. */
export function handOverUser(sink: SourceSink, user: SourceUser): void {
  const plain = sink.plainUsers !== undefined && sink.plainUser !== undefined ? plainUserLine(user, sink.plainUsers) : undefined;
  if (plain !== undefined) sink.plainUser!(plain);
  else sink.user(user);
}
