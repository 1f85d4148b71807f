import { z } from 'zod';

/** A column of the table (or of the query's result), or an SQL expression over it (`{ "sql": "u.meta->>'name'" }`). */
export const columnRefSchema = z.union([z.string().min(1), z.object({ sql: z.string().min(1) }).strict()]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

const from = {
  /** A table, "table" or "schema.table". */
  table: z.string().min(1).optional(),
  /** Or any SELECT whose result has the mapped columns. */
  query: z.string().min(1).optional(),
};
const oneSource = (value: { table?: string; query?: string }) => (value.table === undefined) !== (value.query === undefined);
const oneSourceMessage = { message: 'give either "table" or "query"' };

export const sqlMappingSchema = z
  .object({
    users: z
      .object({
        ...from,
        columns: z
          .object({
            external_id: columnRefSchema,
            email: columnRefSchema,
            email_verified: columnRefSchema.optional(),
            first_name: columnRefSchema.optional(),
            last_name: columnRefSchema.optional(),
            /** Only a full name: split into first and last. */
            full_name: columnRefSchema.optional(),
            password_hash: columnRefSchema.optional(),
            /** Set (true, a timestamp) means disabled (status `inactive`). */
            disabled: columnRefSchema.optional(),
            /** False means disabled: is_active, enabled... */
            active: columnRefSchema.optional(),
            /** Set means soft-deleted: deleted_at, discarded_at... (status `deleted`). */
            deleted: columnRefSchema.optional(),
            /** Set means banned or locked by an administrator: banned, locked_at... (status `blocked`). */
            blocked: columnRefSchema.optional(),
            /** Set or true means the address was never confirmed and the account cannot sign in yet (status `unconfirmed`). */
            unconfirmed: columnRefSchema.optional(),
            /** A status word: active, inactive/disabled, blocked/banned/suspended/locked, deleted/archived, unconfirmed/invited/pending. */
            status: columnRefSchema.optional(),
            /** The user's organization when it is a column of the user row. */
            org_external_id: columnRefSchema.optional(),
            /** The user's role in that organization, when a column of the user row. */
            role: columnRefSchema.optional(),
          })
          .strict(),
        /** Columns that become user metadata. */
        metadata: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .refine(oneSource, oneSourceMessage),
    organizations: z
      .object({
        ...from,
        columns: z.object({ external_id: columnRefSchema, display_name: columnRefSchema.optional(), domains: columnRefSchema.optional() }).strict(),
        metadata: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .refine(oneSource, oneSourceMessage)
      .optional(),
    /** The join table between users and organizations. */
    memberships: z
      .object({
        ...from,
        columns: z
          .object({
            user_id: columnRefSchema,
            org_external_id: columnRefSchema,
            /** Role names in the row (one, or a list). */
            role: columnRefSchema.optional(),
            /** Or a key into the roles table (which then maps `id`). */
            role_id: columnRefSchema.optional(),
          })
          .strict(),
      })
      .strict()
      .refine(oneSource, oneSourceMessage)
      .optional(),
    roles: z
      .object({
        ...from,
        columns: z
          .object({
            name: columnRefSchema,
            id: columnRefSchema.optional(),
            display_name: columnRefSchema.optional(),
            description: columnRefSchema.optional(),
            permissions: columnRefSchema.optional(),
          })
          .strict(),
      })
      .strict()
      .refine(oneSource, oneSourceMessage)
      .optional(),
  })
  .strict();

export type SqlMapping = z.infer<typeof sqlMappingSchema>;
