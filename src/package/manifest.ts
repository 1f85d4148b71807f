import { z } from 'zod';
import { PASSWORD_HASH_ALGORITHMS, USER_STATUSES } from './records.js';

export const PACKAGE_FORMAT = 'scalekit-migrate/package@1';

export const fileEntrySchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
});

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  count: z.number().int().nonnegative(),
  /** A few external ids or source references, never emails. */
  samples: z.array(z.string()),
});

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  createdAt: z.string(),
  toolVersion: z.string(),
  /** What was exported; never a password or a connection string with credentials. */
  source: z.object({ kind: z.string(), ref: z.string() }),
  counts: z.object({
    /** Rows or records read from the source: inputRecords = users + rejected + merged. */
    inputRecords: z.number().int().nonnegative(),
    users: z.number().int().nonnegative(),
    organizations: z.number().int().nonnegative(),
    roles: z.number().int().nonnegative(),
    memberships: z.number().int().nonnegative(),
    rejects: z.number().int().nonnegative(),
    merged: z.number().int().nonnegative(),
    /** Exported users per status other than active (see USER_STATUSES). */
    usersByStatus: z.partialRecord(z.enum(USER_STATUSES), z.number().int().nonnegative()).optional(),
  }),
  passwordHashes: z.object({
    included: z.boolean(),
    /** Users per hash algorithm (with 'none' for users without a password), whether or not hashes were written. */
    byAlgorithm: z.partialRecord(z.union([z.enum(PASSWORD_HASH_ALGORITHMS), z.literal('none')]), z.number().int().nonnegative()),
  }),
  /** What export changed or noticed without rejecting a record (normalized emails, overflowing metadata...). */
  warnings: z.array(warningSchema).optional(),
  /** Every data file of the package, keyed by file name. */
  files: z.record(z.string(), fileEntrySchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type FileEntry = z.infer<typeof fileEntrySchema>;
export type ManifestWarning = z.infer<typeof warningSchema>;
