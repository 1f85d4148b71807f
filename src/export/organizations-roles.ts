import { DISPLAY_NAME_MAX, ROLE_DISPLAY_NAME_MAX, ROLE_NAME_PATTERN, type RoleRecord } from '../package/records.js';
import { quoteRoleName } from './normalize/role-name.js';
import type { NdjsonFileWriter } from '../package/write.js';
import type { WarningLog } from './report.js';
import type { Staging } from './staging.js';

/** Writes organizations.ndjson from staging, reporting derived, unnamed and conflicting organizations. */
export function writeOrganizations(staging: Staging, file: NdjsonFileWriter, warnings: WarningLog): number {
  for (const [externalId, stagedName, metadata, domains, derived, nameConflict] of staging.organizations()) {
    if (stagedName === null) {
      warnings.add(
        derived ? 'organization-derived' : 'organization-without-name',
        derived
          ? 'organizations known only from memberships: the external id stands in as display name'
          : 'organizations without a display name in the source: the external id stands in',
        externalId,
      );
    }
    if (nameConflict > 0) warnings.add('organization-name-conflict', 'rows gave different display names for one organization; the first was kept', externalId);
    let displayName = stagedName ?? externalId;
    if (displayName.length > DISPLAY_NAME_MAX) displayName = displayName.slice(0, DISPLAY_NAME_MAX);
    // The line JSON.stringify would write for { external_id, display_name, metadata?, domains? }; metadata and domains
    // were staged as the JSON text of what the record holds: spliced in as they are.
    let line = `{"external_id":${JSON.stringify(externalId)},"display_name":${JSON.stringify(displayName)}`;
    if (metadata) line += `,"metadata":${metadata}`;
    if (domains) line += `,"domains":${domains}`;
    file.writeLine(`${line}}`);
  }
  return file.records;
}

/**
 * Writes roles.ndjson from staging. A role whose legacy spelling differs from its Scalekit name
 * keeps it as `legacy_name` (and as display name when the source gave none); legacy spellings
 * mapped to one name are one role, the others listed in `legacy_aliases`. Renames and merges are
 * reported as warnings with `legacy -> scalekit` samples.
 */
export function writeRoles(staging: Staging, file: NdjsonFileWriter, warnings: WarningLog): number {
  for (const role of staging.roles()) {
    const record: RoleRecord = { name: role.name };
    const spellings = JSON.parse(role.spellings) as string[];
    const renamed = spellings.filter((legacy) => legacy !== role.name);
    if (renamed.length > 0) record.legacy_name = renamed[0];
    if (renamed.length > 1) record.legacy_aliases = renamed.slice(1);
    let displayName = role.display_name ?? record.legacy_name;
    if (displayName !== undefined && displayName.length > ROLE_DISPLAY_NAME_MAX) {
      displayName = displayName.slice(0, ROLE_DISPLAY_NAME_MAX).trimEnd();
      warnings.add('role-display-name-shortened', `role display names cut to Scalekit's ${ROLE_DISPLAY_NAME_MAX} characters`, role.name);
    }
    if (displayName) record.display_name = displayName;
    if (role.description) record.description = role.description;
    if (role.permissions) record.permissions = JSON.parse(role.permissions) as string[];
    for (const legacy of renamed) {
      warnings.add(
        'role-renamed',
        `legacy role names renamed to valid Scalekit role names (${ROLE_NAME_PATTERN.source}: lowercased, other characters to "_"); each original is kept as legacy_name in roles.ndjson, and code comparing legacy role strings needs that map`,
        `${quoteRoleName(legacy)} -> ${role.name}`,
      );
    }
    if (spellings.length > 1) {
      warnings.add(
        'role-names-merged',
        'different legacy role names map to one Scalekit role name and were merged into one role (first display name and description kept, permissions combined, their users keep the merged role): check they are meant to be one role',
        `${spellings.map(quoteRoleName).join(' + ')} -> ${role.name}`,
      );
    }
    file.write(record);
  }
  return file.records;
}
