import { DISPLAY_NAME_MAX } from '../../package/records.js';
import type { PlainRole, PlainUserLine, SourceMembership, SourceUser } from '../model.js';
import { normalizeEmail } from '../normalize/email.js';
import { scalekitRoleName } from '../normalize/role-name.js';
import { EXTERNAL_ID_MAX } from '../normalize/user.js';
import { coerceFlag, coerceId, coerceText } from '../normalize/values.js';

/**
 * The package line of a plain database user, built without normalizeUser's generic records: the
 * same coercions (coerceId, normalizeEmail, coerceFlag, coerceText), then the line toPackageUser and
 * JSON.stringify would write. Undefined for anything else (a value normalizeUser would refuse, a full
 * name to split, a metadata value, a role value that is not one role with a Scalekit name, no organization,
 * skipInactive with a status): those go the general way, given the same SourceUser. test/export/database-cases.ts compares the
 * packages of both ways byte for byte.
 */
export function plainUserLine(values: SourceUser, skipInactive: boolean): PlainUserLine | undefined {
  if (hasMetadata(values.metadata) || (skipInactive && values.status !== undefined)) return undefined;
  const id = coerceId(values.externalId, 'external_id');
  if (!id.ok || id.value === undefined || id.value.length > EXTERNAL_ID_MAX) return undefined;
  const email = normalizeEmail(values.email);
  if (!email.ok) return undefined;
  const verified = coerceFlag(values.emailVerified, 'email_verified');
  if (!verified.ok) return undefined;
  const first = coerceText(values.firstName, 'first_name');
  const last = coerceText(values.lastName, 'last_name');
  if (!first.ok || !last.ok) return undefined;
  if (first.value === undefined && last.value === undefined && values.fullName !== null && values.fullName !== undefined) return undefined;
  if ((first.value?.length ?? 0) > DISPLAY_NAME_MAX || (last.value?.length ?? 0) > DISPLAY_NAME_MAX) return undefined;
  const memberships = plainMemberships(values.memberships);
  if (memberships === undefined) return undefined;
  let line = `{"external_id":${JSON.stringify(id.value)},"email":${JSON.stringify(email.email)}`;
  if (first.value !== undefined) line += `,"first_name":${JSON.stringify(first.value)}`;
  if (last.value !== undefined) line += `,"last_name":${JSON.stringify(last.value)}`;
  line += `,"email_verified":${verified.value},"memberships":[${memberships.json}]`;
  if (values.status !== undefined && values.status !== 'active') line += `,"status":"${values.status}"`;
  return {
    sourceRef: values.sourceRef,
    externalId: id.value,
    email: email.email,
    originalEmail: email.changed ? (values.email as string) : null,
    line: `${line}}`,
    orgs: memberships.orgs,
    roles: memberships.roles,
    passwordHash: values.passwordHash?.value,
    status: values.status === 'active' ? undefined : values.status,
  };
}

/**
 * The memberships JSON when every role has a Scalekit name (a source spelling such as "Org Admin" maps to org_admin,
 * as normalizeUser maps it): one entry per organization, role names distinct and sorted, entries sorted by
 * organization id, as toPackageUser writes them. Undefined when a membership needs the general way, or there is none.
 */
function plainMemberships(rows: SourceMembership[]): { json: string; orgs: string[]; roles: PlainRole[] } | undefined {
  if (rows.length === 1) return plainMembership(rows[0]!);
  const byOrg = new Map<string, string[]>();
  const roles: PlainRole[] = [];
  for (const row of rows) {
    if (row.unknownRoleId !== undefined) return undefined;
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
    json += `${json === '' ? '' : ','}{"org_external_id":${JSON.stringify(org)},"roles":[${held.length === 0 ? '' : `"${held.join('","')}"`}]}`;
  }
  return { json, orgs, roles };
}

/** plainMemberships for the usual single membership row, without the map. */
function plainMembership(row: SourceMembership): { json: string; orgs: string[]; roles: PlainRole[] } | undefined {
  if (row.unknownRoleId !== undefined) return undefined;
  const org = coerceId(row.orgExternalId, 'org_external_id');
  if (!org.ok || org.value === undefined || org.value.length > EXTERNAL_ID_MAX) return undefined;
  const role = plainRole(row.roles);
  if (role === undefined) return undefined;
  if (role === null) return { json: `{"org_external_id":${JSON.stringify(org.value)},"roles":[]}`, orgs: [org.value], roles: [] };
  return { json: `{"org_external_id":${JSON.stringify(org.value)},"roles":["${role.name}"]}`, orgs: [org.value], roles: [role] };
}

/**
 * A membership's role value as one role: null for none; undefined when normalizeUser would read it otherwise
 * (not text, a list such as "admin,member" or ["admin"], quotes or space around it, or no Scalekit name, which
 * is reported there as a dropped role).
 */
function plainRole(value: unknown): PlainRole | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return undefined;
  const mapped = scalekitRoleName(value);
  if (!mapped.ok) return undefined;
  // A name that is its own Scalekit name has no separator, bracket, quote or space; any other spelling is checked.
  if (mapped.name !== value && (value.trim() !== value || /[,|;"]/.test(value) || value.startsWith('{') || value.startsWith('['))) return undefined;
  return { name: mapped.name, legacy: value };
}

function hasMetadata(metadata: SourceUser['metadata']): boolean {
  if (metadata === undefined) return false;
  for (const [, value] of metadata) if (value !== null && value !== undefined) return true;
  return false;
}
