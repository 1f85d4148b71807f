import { DISPLAY_NAME_MAX, type OrganizationRecord, type RoleRecord } from '../package/records.js';
import type { NdjsonFileWriter } from '../package/write.js';
import type { WarningLog } from './report.js';
import type { Staging } from './staging.js';

/** Writes organizations.ndjson from staging, reporting derived, unnamed and conflicting organizations. */
export function writeOrganizations(staging: Staging, file: NdjsonFileWriter, warnings: WarningLog): number {
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

/** Writes roles.ndjson from staging. */
export function writeRoles(staging: Staging, file: NdjsonFileWriter): number {
  for (const role of staging.roles()) {
    const record: RoleRecord = { name: role.name };
    if (role.display_name) record.display_name = role.display_name;
    if (role.description) record.description = role.description;
    if (role.permissions) record.permissions = JSON.parse(role.permissions) as string[];
    file.write(record);
  }
  return file.records;
}
