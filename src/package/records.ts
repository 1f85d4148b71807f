import { z } from 'zod';
import { isValidEmail } from './email.js';

/**
 * The migration package's records (DESIGN.md "Migration package"). Export writes them,
 * import, verify and rollback read them; both sides validate with these schemas.
 * Limits are Scalekit's documented ones, so a package that validates is importable.
 */
export const METADATA_LIMITS = { maxPairs: 10, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;
export const DISPLAY_NAME_MAX = 200;

/**
 * Scalekit role names: the `buf.validate` pattern on `role.name` in the API's own descriptors
 * (the emulator decodes and enforces the same rule). Every role name the package holds, in
 * roles.ndjson and in memberships, matches it; export maps legacy names onto it.
 */
export const ROLE_NAME_PATTERN = /^[a-zA-Z0-9_]{1,64}$/;
export const ROLE_NAME_MAX = 64;
/** Role display names: 1–100 characters in the descriptors (shorter than organization names). */
export const ROLE_DISPLAY_NAME_MAX = 100;
/** Scalekit's limit on permission names (the descriptors' rule); any characters are allowed. */
export const PERMISSION_NAME_MAX = 64;
export const ROLE_DESCRIPTION_MAX = 2000;
/** A legacy role name longer than this is not a name: export refuses it instead of mapping it. */
export const LEGACY_ROLE_NAME_MAX = 255;

export const metadataSchema = z
  .record(
    z.string().min(METADATA_LIMITS.keyMin).max(METADATA_LIMITS.keyMax),
    z.string().min(METADATA_LIMITS.valueMin).max(METADATA_LIMITS.valueMax),
  )
  .refine((value) => Object.keys(value).length <= METADATA_LIMITS.maxPairs, {
    message: `at most ${METADATA_LIMITS.maxPairs} metadata pairs`,
  });

const externalId = z.string().min(1).max(255);

export const organizationRecordSchema = z.object({
  external_id: externalId,
  display_name: z.string().min(1).max(DISPLAY_NAME_MAX),
  metadata: metadataSchema.optional(),
  domains: z.array(z.string().min(1)).optional(),
  /** The organization signed in through its own IdP in the legacy system: go-live needs an enabled Scalekit connection. */
  sso: z.object({ type: z.enum(['SAML', 'OIDC']).optional(), provider: z.string().min(1).optional() }).optional(),
  /** The organization's users were provisioned by its directory (SCIM) in the legacy system. */
  scim: z.object({ provider: z.string().min(1).optional() }).optional(),
});

const roleName = z.string().regex(ROLE_NAME_PATTERN, { error: `role names must match ${ROLE_NAME_PATTERN.source} (Scalekit's rule)` });
const legacyRoleName = z.string().min(1).max(LEGACY_ROLE_NAME_MAX);

export const membershipRecordSchema = z.object({
  org_external_id: externalId,
  roles: z.array(roleName),
});

/**
 * A user's standing in the source. Absent means `active`. `inactive`: disabled or deactivated
 * (can be re-enabled); `blocked`: banned or locked by an administrator; `deleted`: soft-deleted
 * (deleted_at, discarded_at); `unconfirmed`: signed up or invited, never confirmed their address.
 */
export const USER_STATUSES = ['active', 'inactive', 'blocked', 'deleted', 'unconfirmed'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const userRecordSchema = z.object({
  external_id: externalId,
  /** Source ids of other records with the same normalized email, folded into this user (sorted). */
  merged_ids: z.array(externalId).optional(),
  email: z.string().refine(isValidEmail, { error: 'not a valid email address' }),
  first_name: z.string().max(DISPLAY_NAME_MAX).optional(),
  last_name: z.string().max(DISPLAY_NAME_MAX).optional(),
  email_verified: z.boolean(),
  memberships: z.array(membershipRecordSchema),
  metadata: metadataSchema.optional(),
  /** Present only when the user is not active in the source. */
  status: z.enum(USER_STATUSES).optional(),
});

export const roleRecordSchema = z.object({
  name: roleName,
  /** The name as the source system spelled it; present only when it differs from `name`. */
  legacy_name: legacyRoleName.optional(),
  /** Further source spellings merged into this role (e.g. "Admin" and "admin"); present only after such a merge. */
  legacy_aliases: z.array(legacyRoleName).optional(),
  display_name: z.string().min(1).max(ROLE_DISPLAY_NAME_MAX).optional(),
  description: z.string().max(ROLE_DESCRIPTION_MAX).optional(),
  permissions: z.array(z.string().min(1).max(PERMISSION_NAME_MAX)).optional(),
  /** The role a new member gets in the legacy system: Scalekit's default member role should be this one. */
  default_member: z.boolean().optional(),
});

export const rejectRecordSchema = z.object({
  /** Where the record came from: table and key, file and line, etc. */
  source_ref: z.string(),
  reason: z.string(),
  record: z.unknown(),
});

export const PASSWORD_HASH_ALGORITHMS = [
  'bcrypt',
  'argon2',
  'firebase-scrypt',
  'scrypt',
  'pbkdf2',
  'sha256',
  'sha512',
  'sha1',
  'md5',
  'phpass',
  'unknown',
] as const;

export const passwordHashRecordSchema = z.object({
  external_id: externalId,
  algorithm: z.enum(PASSWORD_HASH_ALGORITHMS),
  value: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export type OrganizationRecord = z.infer<typeof organizationRecordSchema>;
export type MembershipRecord = z.infer<typeof membershipRecordSchema>;
export type UserRecord = z.infer<typeof userRecordSchema>;
export type RoleRecord = z.infer<typeof roleRecordSchema>;
export type RejectRecord = z.infer<typeof rejectRecordSchema>;
export type PasswordHashRecord = z.infer<typeof passwordHashRecordSchema>;
