import type { UserStatus } from '../package/records.js';
import type { PasswordHashInput } from './normalize/password-hash.js';
import type { PlainUserOptions } from './normalize/plain-user.js';

/**
 * What a source hands the export for each record, before normalization. Fields hold the
 * source's own values (any type); the normalizer decides what they mean or why they are refused.
 */
export interface SourceMembership {
  orgExternalId: unknown;
  orgDisplayName?: unknown;
  roles?: unknown;
  /** The membership names a role by an id that matches no role: reported, never silently no role. */
  unknownRoleId?: string;
}

export interface SourceUser {
  /** Where the record is in the source: "users.json:12", "table users, id 42". */
  sourceRef: string;
  /** The record as read, written to rejects.ndjson if it is not taken. */
  record: unknown;
  externalId: unknown;
  email: unknown;
  emailVerified?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  /** Only a full name: it is split into first and last. */
  fullName?: unknown;
  /** The account's standing when the source says it is not active (disabled, banned, soft-deleted, never confirmed). */
  status?: UserStatus;
  /**
   * Which record of one person keeps its external id when several share an email: lower wins
   * (each source documents its order: the database identity before a social one...). Default 0.
   */
  mergeRank?: number;
  /** Source columns that hold secrets under names that do not say so (a mapped `user_pass`): never written to rejects. */
  secretFields?: string[];
  memberships: SourceMembership[];
  /** Roles the user holds outside any organization (Keycloak realm roles, a CSV role column): they go with defaultOrg / orgPerUser. */
  rolesWithoutOrganization?: unknown;
  /** An array, not any iterable: the short way may read it before normalizeUser does. */
  metadata?: [string, unknown][];
  passwordHash?: PasswordHashInput;
  /** Other ids of the same account (identities linked to it, as Auth0's `identities`): kept in the user's merged_ids. */
  linkedIds?: string[];
  /** Set when the source knows the record is not a person's account (a Keycloak client's service account): rejected with this reason. */
  notAPerson?: string;
  /** Keys under which a source announced memberships separately (Auth0 organization members, Keycloak organizations). */
  membershipKeys?: string[];
}

export interface SourceOrganization {
  sourceRef: string;
  record: unknown;
  externalId: unknown;
  displayName?: unknown;
  domains?: unknown;
  metadata?: Iterable<[string, unknown]>;
}

export interface SourceRole {
  sourceRef: string;
  record: unknown;
  name: unknown;
  displayName?: unknown;
  description?: unknown;
  permissions?: unknown;
}

/** Where a source delivers what it reads. Calls are synchronous so a fast source is not slowed by promises. */
export interface SourceSink {
  user(user: SourceUser): void;
  organization(org: SourceOrganization): void;
  role(role: SourceRole): void;
  /** A membership announced apart from its user (keyed by a `membershipKeys` entry of that user). */
  membership(userKey: string, membership: SourceMembership): void;
  /** A membership row naming a user the source does not have: reported, never silently dropped. */
  membershipWithoutUser(sourceRef: string, userKey: string, orgExternalId: unknown): void;
  /** An input record the source could not even read (truncated JSON, a CSV syntax error). */
  unreadable(sourceRef: string, reason: string, record: unknown): void;
  /** Lets a long read yield to the event loop and be cancelled. */
  checkpoint(): Promise<void>;
  /** Set when the sink takes plain users as finished package lines (normalize/plain-user.ts), with the options that shape them. */
  plainUsers?: PlainUserOptions;
  /** A plain user as its package line; only called when `plainUsers` is set. */
  plainUser?(user: PlainUserLine): void;
}

/** A role as a source spells it, and its Scalekit name. */
export interface PlainRole {
  name: string;
  legacy: string;
}

/** A user already normalized into its package line, with what the export keeps beside it. */
export interface PlainUserLine {
  sourceRef: string;
  externalId: string;
  email: string;
  /** The address as the source spelled it, when normalizing changed it. */
  originalEmail: string | null;
  line: string;
  /** Organization ids of the memberships, each once. */
  orgs: string[];
  /** The display name the record gives its one organization (flat JSON's org_display_name, the default organization's). */
  orgDisplayName?: string;
  /** Roles of the memberships: each spelling the source used and its Scalekit name. */
  roles: PlainRole[];
  passwordHash: PasswordHashInput | undefined;
  status: UserStatus | undefined;
  /** The source's merge rank (SourceUser.mergeRank): which record of one person keeps its id. */
  rank: number;
}

export interface ExportSource {
  kind: string;
  /** Names the source in the manifest: a file path or a URL without credentials. */
  ref: string;
  read(sink: SourceSink): Promise<void>;
  /** Physical records the source read (CSV): the counts check compares them with the records handed over. */
  recordsRead?(): number;
  /** Tables and columns the source used, for the result (database sources). */
  describe?(): unknown;
  /** Releases a connection when the export stops before reading (mappingOnly, a failure). */
  close?(): Promise<void>;
}
