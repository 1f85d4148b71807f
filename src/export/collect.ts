import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DISPLAY_NAME_MAX, PERMISSION_NAME_MAX, ROLE_DESCRIPTION_MAX } from '../package/records.js';
import type { NdjsonFileWriter } from '../package/write.js';
import type { PlainUserLine, SourceMembership, SourceOrganization, SourceRole, SourceSink, SourceUser } from './model.js';
import { recognizePasswordHash, type RecognizedHash } from './normalize/password-hash.js';
import type { PlainUserOptions } from './normalize/plain-user.js';
import { fitMetadata, type MetadataOverflow } from './normalize/metadata.js';
import { mapRoleNames, quoteRoleName, scalekitRoleName, type DroppedRole } from './normalize/role-name.js';
import { EXTERNAL_ID_MAX, mergeMembership, normalizeUser, type NormalizedUser } from './normalize/user.js';
import { coerceId, coerceList, coerceText } from './normalize/values.js';
import type { RejectLog, WarningLog } from './report.js';
import type { Staging } from './staging.js';
import type { UserOutput } from './user-output.js';

export interface CollectOptions {
  skipInactive: boolean;
  rejectMetadataOverflow: boolean;
  defaultOrg?: { externalId: string; displayName?: string };
  orgPerUser: boolean;
  /** Let sources hand plain users over as package lines (default true; tests compare both ways). */
  plainUsers?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, message: string) => void;
}

/**
 * Phase one of an export: takes every record a source reads, normalizes it, rejects what cannot
 * be migrated (with the reason) and stages the rest. Counts every input record exactly once.
 */
export class Collector implements SourceSink {
  /** User records read, plus organization and role records that had to be rejected. */
  inputRecords = 0;
  /** User records handed over, read or not: what a source's own count of physical records must equal. */
  userRecords = 0;
  private lastProgress = 0;
  /** Plain users may come as finished package lines (unset: every user goes through normalizeUser). */
  readonly plainUsers?: PlainUserOptions;

  constructor(
    private readonly staging: Staging,
    private readonly users: UserOutput,
    private readonly rejects: RejectLog,
    private readonly warnings: WarningLog,
    private readonly diagnostics: NdjsonFileWriter,
    private readonly options: CollectOptions,
  ) {
    if (options.plainUsers ?? true) this.plainUsers = { skipInactive: options.skipInactive, defaultOrg: options.defaultOrg };
  }

  user(source: SourceUser): void {
    this.inputRecords += 1;
    this.userRecords += 1;
    const outcome = normalizeUser(source, { skipInactive: this.options.skipInactive });
    if (!outcome.user) return this.rejects.add(source.sourceRef, outcome.reason ?? 'unusable record', source.record, source.secretFields);
    const user = outcome.user;
    for (const key of source.membershipKeys ?? []) for (const membership of this.staging.sideMemberships(key)) mergeMembership(user.memberships, membership);
    // Roles held outside any organization go with the organization export gives the user (defaultOrg, orgPerUser).
    const unplaced = user.memberships.length === 0 ? outcome.rolesWithoutOrganization : undefined;
    if (user.memberships.length === 0) this.assignDefaultOrganization(user, unplaced?.names ?? []);
    const placed = unplaced !== undefined && user.memberships.length > 0 ? unplaced : undefined;
    // A user without an organization may be another record's twin (same email) that has one: decided after merging.
    if (outcome.metadataOverflow.length > 0 && this.options.rejectMetadataOverflow) {
      return this.rejects.add(source.sourceRef, 'metadata over the limits', source.record, source.secretFields);
    }

    if (outcome.emailChanged) this.reportEmailNormalized(source.sourceRef, user.external_id, outcome.emailChanged.original, user.email);
    if (outcome.metadataOverflow.length > 0) this.reportOverflow(source.sourceRef, user.external_id, outcome.metadataOverflow, 'user');
    this.checkHashParameters(user.external_id, user.hash);
    for (const org of outcome.orgs) this.staging.referenceOrganization(org.externalId, org.displayName);
    for (const role of [...outcome.roleSpellings, ...(placed?.spellings ?? [])]) this.staging.referenceRole(role.name, role.legacy);
    for (const role of outcome.droppedRoles) this.reportDroppedRole(source.sourceRef, { external_id: user.external_id }, role.org_external_id, role);
    for (const role of placed?.dropped ?? []) this.reportDroppedRole(source.sourceRef, { external_id: user.external_id }, user.memberships[0]!.org_external_id, role);
    this.users.add(user, source.sourceRef, source.mergeRank ?? 0);
    this.progress();
  }

  /** A plain user as its package line (normalize/plain-user.ts): what is left is what the export keeps beside it. */
  plainUser(user: PlainUserLine): void {
    this.inputRecords += 1;
    this.userRecords += 1;
    if (user.originalEmail !== null) this.reportEmailNormalized(user.sourceRef, user.externalId, user.originalEmail, user.email);
    for (const org of user.orgs) this.staging.referenceOrganization(org, user.orgDisplayName);
    for (const role of user.roles) this.staging.referenceRole(role.name, role.legacy);
    const hash = user.passwordHash ? recognizePasswordHash(user.passwordHash) : undefined;
    this.checkHashParameters(user.externalId, hash);
    this.users.addLine({ email: user.email, externalId: user.externalId, line: user.line, memberships: user.orgs.length, status: user.status, hash }, user.sourceRef, user.rank);
    this.progress();
  }

  private checkHashParameters(externalId: string, hash: RecognizedHash | undefined): void {
    if (hash?.algorithm === 'firebase-scrypt' && hash.params?.signer_key === undefined) {
      this.warnings.add('firebase-hash-parameters-missing', "Firebase scrypt hashes without the project's hash parameters (hashKey, saltSeparator, rounds, memCost): they cannot be verified anywhere", externalId);
    }
  }

  private reportEmailNormalized(sourceRef: string, externalId: string, original: string, email: string): void {
    this.diagnostics.write({ source_ref: sourceRef, external_id: externalId, kind: 'email-normalized', original, value: email });
    this.warnings.add('email-normalized', 'emails trimmed, lowercased or given an ASCII domain; originals in diagnostics.ndjson', externalId);
  }

  private assignDefaultOrganization(user: NormalizedUser, roles: string[]): void {
    if (this.options.defaultOrg) {
      user.memberships.push({ org_external_id: this.options.defaultOrg.externalId, roles: [...roles] });
      this.staging.referenceOrganization(this.options.defaultOrg.externalId, this.options.defaultOrg.displayName);
    } else if (this.options.orgPerUser) {
      const id = `personal-${user.external_id}`.slice(0, EXTERNAL_ID_MAX);
      const owner = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email;
      user.memberships.push({ org_external_id: id, roles: [...roles] });
      this.staging.referenceOrganization(id, `${owner}'s workspace`.slice(0, DISPLAY_NAME_MAX));
    }
  }

  organization(source: SourceOrganization): void {
    const id = coerceId(source.externalId, 'organization id');
    if (!id.ok || id.value === undefined || id.value.length > EXTERNAL_ID_MAX) {
      this.inputRecords += 1;
      const reason = !id.ok ? id.reason : id.value === undefined ? 'organization without an id' : `organization id longer than ${EXTERNAL_ID_MAX} characters`;
      return this.rejects.add(source.sourceRef, reason, source.record);
    }
    const name = coerceText(source.displayName, 'display name');
    let displayName = name.ok ? name.value : undefined;
    if (displayName !== undefined && displayName.length > DISPLAY_NAME_MAX) {
      displayName = displayName.slice(0, DISPLAY_NAME_MAX);
      this.warnings.add('organization-name-shortened', `organization display names cut to ${DISPLAY_NAME_MAX} characters`, id.value);
    }
    const metadata = fitMetadata(source.metadata);
    if (metadata.overflow.length > 0) this.reportOverflow(source.sourceRef, id.value, metadata.overflow, 'organization');
    const domains = coerceList(source.domains, 'domains');
    this.staging.addOrganization({ id: id.value, name: displayName, metadata: metadata.metadata, domains: domains.ok ? domains.value : undefined });
  }

  role(source: SourceRole): void {
    const name = coerceText(source.name, 'role name');
    if (!name.ok) return this.rejectRole(source, name.reason);
    if (name.value === undefined) return this.rejectRole(source, 'role without a name');
    const mapped = scalekitRoleName(name.value);
    if (!mapped.ok) return this.rejectRole(source, mapped.reason);
    const displayName = coerceText(source.displayName, 'role display name');
    const description = coerceText(source.description, 'role description');
    const permissions = this.fitPermissions(source.permissions, mapped.name);
    this.staging.addRole({
      name: mapped.name,
      legacy: name.value,
      displayName: displayName.ok ? displayName.value : undefined,
      description: this.fitDescription(description.ok ? description.value : undefined, mapped.name),
      permissions,
    });
  }

  /** Role descriptions over Scalekit's limit are cut to it, with a warning. */
  private fitDescription(description: string | undefined, roleName: string): string | undefined {
    if (!description || description.length <= ROLE_DESCRIPTION_MAX) return description || undefined;
    this.warnings.add('role-description-shortened', `role descriptions cut to Scalekit's ${ROLE_DESCRIPTION_MAX} characters`, roleName);
    return description.slice(0, ROLE_DESCRIPTION_MAX);
  }

  /** Permission names over Scalekit's limit are left out of the role and warned about, never passed on to fail at import. */
  private fitPermissions(value: unknown, roleName: string): string[] | undefined {
    const permissions = coerceList(value, 'permissions');
    if (!permissions.ok) return undefined;
    const kept = permissions.value.filter((permission) => permission.length <= PERMISSION_NAME_MAX);
    for (const permission of permissions.value.filter((entry) => entry.length > PERMISSION_NAME_MAX)) {
      this.warnings.add(
        'permission-dropped',
        `permission names longer than Scalekit's ${PERMISSION_NAME_MAX} characters left out of their roles`,
        `${roleName}: ${permission.slice(0, 40)}...`,
      );
    }
    return kept;
  }

  private rejectRole(source: SourceRole, reason: string): void {
    this.inputRecords += 1;
    this.rejects.add(source.sourceRef, reason, source.record);
  }

  membership(userKey: string, source: SourceMembership): void {
    const org = coerceId(source.orgExternalId, 'org_external_id');
    const roles = coerceList(source.roles, 'roles');
    if (!org.ok || org.value === undefined || !roles.ok) return;
    const name = coerceText(source.orgDisplayName, 'display name');
    this.staging.referenceOrganization(org.value, name.ok ? name.value : undefined);
    const mapped = mapRoleNames(roles.value);
    for (const role of mapped.spellings) this.staging.referenceRole(role.name, role.legacy);
    for (const role of mapped.dropped) this.reportDroppedRole(`membership of ${userKey}`, { user_key: userKey }, org.value, role);
    this.staging.addSideMembership(userKey, { org_external_id: org.value, roles: mapped.names });
  }

  membershipWithoutUser(sourceRef: string, userKey: string, orgExternalId: unknown): void {
    const org = coerceId(orgExternalId, 'org_external_id');
    this.diagnostics.write({ source_ref: sourceRef, kind: 'membership-without-user', user_key: userKey, org_external_id: org.ok ? org.value : undefined });
    this.warnings.add('membership-without-user', 'memberships naming a user the source does not hold, left out; each listed in diagnostics.ndjson', userKey);
  }

  /** After reading: memberships announced apart from users that no user claimed. */
  reportUnclaimedMemberships(): void {
    for (const row of this.staging.unusedSideMemberships()) this.membershipWithoutUser(`membership of ${row.user_key}`, row.user_key, row.org_external_id);
  }

  unreadable(sourceRef: string, reason: string, record: unknown): void {
    this.inputRecords += 1;
    this.userRecords += 1;
    this.rejects.add(sourceRef, reason, record);
  }

  async checkpoint(): Promise<void> {
    this.options.signal?.throwIfAborted();
    await yieldToEventLoop();
  }

  private progress(): void {
    if (this.inputRecords - this.lastProgress < 25_000) return;
    this.lastProgress = this.inputRecords;
    this.options.onProgress?.(this.inputRecords, `read ${this.inputRecords} records`);
  }

  /** A membership role with no Scalekit name: the membership keeps its other roles; the loss is reported, never silent. */
  private reportDroppedRole(sourceRef: string, user: { external_id: string } | { user_key: string }, orgExternalId: string, role: DroppedRole): void {
    this.diagnostics.write({ source_ref: sourceRef, ...user, kind: 'membership-role-dropped', org_external_id: orgExternalId, role: role.legacy, reason: role.reason });
    const who = 'external_id' in user ? user.external_id : user.user_key;
    this.warnings.add(
      'membership-role-dropped',
      'membership roles with no valid Scalekit name (no letter or digit, or too long) left out of the membership, which keeps its other roles; each listed in diagnostics.ndjson',
      `${who}: ${quoteRoleName(role.legacy)}`,
    );
  }

  private reportOverflow(sourceRef: string, id: string, overflow: MetadataOverflow[], kind: 'user' | 'organization'): void {
    for (const entry of overflow) this.diagnostics.write({ source_ref: sourceRef, external_id: id, kind: `${kind}-metadata-left-out`, key: entry.key, reason: entry.reason, value_length: entry.valueLength });
    this.warnings.add(`${kind}-metadata-overflow`, `${kind} attributes outside Scalekit's metadata limits (keys 3-25 chars, values 1-256, 10 pairs) left out; listed in diagnostics.ndjson`, id);
  }
}
