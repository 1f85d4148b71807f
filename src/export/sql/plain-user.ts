import { DISPLAY_NAME_MAX } from '../../package/records.js';
import type { PlainUserLine, SourceMembership, SourceUser } from '../model.js';
import { normalizeEmail } from '../normalize/email.js';
import { scalekitRoleName } from '../normalize/role-name.js';
import { EXTERNAL_ID_MAX } from '../normalize/user.js';
import { coerceFlag, coerceId, coerceText } from '../normalize/values.js';

/**
 * The package line of a plain database user, built without normalizeUser's generic records: the
 * same coercions (coerceId, normalizeEmail, coerceFlag, coerceText), then the line toPackageUser and
 * JSON.stringify would write. Undefined for anything else (a value normalizeUser would refuse, a full
 * name to split, a metadata value, a role name that is not already a Scalekit name, no organization,
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
 * The memberships JSON when every role is already a Scalekit name (one name, mapped to itself):
 * one entry per organization, roles distinct and sorted, entries sorted by organization id, as
 * toPackageUser writes them. Undefined when a membership needs the general way, or there is none.
 */
function plainMemberships(rows: SourceMembership[]): { json: string; orgs: string[]; roles: string[] } | undefined {
  if (rows.length === 1) return plainMembership(rows[0]!);
  const byOrg = new Map<string, string[]>();
  const roles: string[] = [];
  for (const row of rows) {
    if (row.unknownRoleId !== undefined) return undefined;
    const org = coerceId(row.orgExternalId, 'org_external_id');
    if (!org.ok || (org.value !== undefined && org.value.length > EXTERNAL_ID_MAX)) return undefined;
    if (org.value === undefined) continue;
    const role = row.roles;
    if (role !== null && role !== undefined && (typeof role !== 'string' || !isScalekitName(role))) return undefined;
    let held = byOrg.get(org.value);
    if (held === undefined) byOrg.set(org.value, (held = []));
    if (typeof role === 'string' && !held.includes(role)) {
      held.push(role);
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
function plainMembership(row: SourceMembership): { json: string; orgs: string[]; roles: string[] } | undefined {
  if (row.unknownRoleId !== undefined) return undefined;
  const org = coerceId(row.orgExternalId, 'org_external_id');
  if (!org.ok || org.value === undefined || org.value.length > EXTERNAL_ID_MAX) return undefined;
  const role = row.roles;
  if (role === null || role === undefined) return { json: `{"org_external_id":${JSON.stringify(org.value)},"roles":[]}`, orgs: [org.value], roles: [] };
  if (typeof role !== 'string' || !isScalekitName(role)) return undefined;
  return { json: `{"org_external_id":${JSON.stringify(org.value)},"roles":["${role}"]}`, orgs: [org.value], roles: [role] };
}

/** A role name that is its own Scalekit name (and so one name, with no list separator or quote in it). */
function isScalekitName(role: string): boolean {
  const mapped = scalekitRoleName(role);
  return mapped.ok && mapped.name === role;
}

function hasMetadata(metadata: SourceUser['metadata']): boolean {
  if (metadata === undefined) return false;
  for (const [, value] of metadata) if (value !== null && value !== undefined) return true;
  return false;
}
