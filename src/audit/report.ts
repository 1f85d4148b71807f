import { z } from 'zod';
import { CATEGORIES, CONFIDENCES, ECOSYSTEMS } from './categories.js';

/** One auth touchpoint (DESIGN.md contract). `file` is relative to the audited root, POSIX form; line and column are 1-based. */
export const findingSchema = z.object({
  ruleId: z.string(),
  category: z.enum(CATEGORIES),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  message: z.string(),
  confidence: z.enum(CONFIDENCES),
});

export const ENTITY_KINDS = ['user', 'organization', 'role', 'membership'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Tables that belong to auth but are none of the four entity kinds. */
export const AUTH_TABLE_PURPOSES = [
  'session',
  'oauth-account',
  'verification-token',
  'password-reset',
  'refresh-token',
  'api-key',
  'mfa',
  'sso-connection',
] as const;
export type AuthTablePurpose = (typeof AUTH_TABLE_PURPOSES)[number];

export const MODEL_SOURCES = ['prisma', 'sql', 'typeorm', 'sequelize', 'mongoose', 'drizzle', 'knex', 'django', 'sqlalchemy', 'sqlmodel', 'activerecord', 'eloquent', 'gorm', 'jpa'] as const;
export type ModelSource = (typeof MODEL_SOURCES)[number];

export const columnSchema = z.object({
  /** Column (or document field) name in the database. */
  name: z.string(),
  /** The ORM's property name, when it differs from the column name. */
  field: z.string().optional(),
  /** The declared type as written (Prisma/SQL/ORM type name), lower-cased for SQL. */
  type: z.string().optional(),
  nullable: z.boolean().optional(),
  unique: z.boolean().optional(),
  primaryKey: z.boolean().optional(),
  /** Default as written in the source, e.g. "now()" or "'member'". */
  default: z.string().optional(),
  /** Allowed values of an enum column (Prisma enum, SQL CHECK ... IN, ORM enum option). */
  enumValues: z.array(z.string()).optional(),
  line: z.number().int().positive().optional(),
  /** Set when the column was added in another file than the table's declaration (a later migration). */
  file: z.string().optional(),
});

export const foreignKeySchema = z.object({
  columns: z.array(z.string()),
  references: z.object({
    /** Target table name (ORM model names are resolved to their table when the model is known). */
    table: z.string(),
    columns: z.array(z.string()),
  }),
  onDelete: z.string().optional(),
});

export const relationSchema = z.object({
  /** The ORM property holding the relation. */
  name: z.string(),
  /** Target table name (resolved from the model name when known). */
  target: z.string(),
  cardinality: z.enum(['one', 'many']),
  /** Join table of a many-to-many relation, when declared. */
  through: z.string().optional(),
});

/**
 * Which column plays which part in a migration, guessed from names and keys.
 * Export proposes its mapping from these; every value is a column name of the entity.
 */
export const fieldHintsSchema = z.object({
  id: z.string().optional(),
  email: z.string().optional(),
  emailVerified: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  passwordHash: z.string().optional(),
  disabled: z.string().optional(),
  deletedAt: z.string().optional(),
  userId: z.string().optional(),
  organizationId: z.string().optional(),
  roleId: z.string().optional(),
  role: z.string().optional(),
  domain: z.string().optional(),
  mfaSecret: z.string().optional(),
});

export const entitySchema = z.object({
  kind: z.enum(ENTITY_KINDS),
  /** Table or collection name in the database (schema-qualified when not the default schema, e.g. `auth.users`). */
  table: z.string(),
  /** ORM model or class name, when declared through an ORM. */
  model: z.string().optional(),
  source: z.enum(MODEL_SOURCES),
  file: z.string(),
  line: z.number().int().positive(),
  columns: z.array(columnSchema),
  primaryKey: z.array(z.string()),
  foreignKeys: z.array(foreignKeySchema),
  relations: z.array(relationSchema),
  fields: fieldHintsSchema,
});

export const authTableSchema = z.object({
  purpose: z.enum(AUTH_TABLE_PURPOSES),
  table: z.string(),
  model: z.string().optional(),
  source: z.enum(MODEL_SOURCES),
  file: z.string(),
  line: z.number().int().positive(),
  columns: z.array(z.string()),
});

export const dataModelSchema = z.object({
  /** Users, organizations (teams, tenants, workspaces...), roles and memberships, ordered by kind, table, file, line. */
  entities: z.array(entitySchema),
  /** Sessions, OAuth accounts, verification and reset tokens, refresh tokens, API keys, MFA secrets, SSO connections. */
  authTables: z.array(authTableSchema),
});

const locationFields = { file: z.string(), line: z.number().int().positive() };

/** Where a secret or key comes from; a hard-coded value is reported as `literal` and never copied. */
export const secretSourceSchema = z.object({
  kind: z.enum(['env', 'literal', 'file', 'expression']),
  /** Environment variable name (`env`), path (`file`) or the identifier chain read (`expression`). */
  name: z.string().optional(),
});

export const jwtFactSchema = z.object({
  library: z.string(),
  operation: z.enum(['sign', 'verify', 'decode', 'config']),
  algorithms: z.array(z.string()),
  secret: secretSourceSchema.optional(),
  expiresIn: z.string().optional(),
  ...locationFields,
});

export const sessionFactSchema = z.object({
  library: z.string(),
  /** Server-side store, e.g. "redis", "postgres", "memory", "cookie" (state in the cookie itself), "database". */
  store: z.string().optional(),
  cookieName: z.string().optional(),
  secret: secretSourceSchema.optional(),
  maxAge: z.string().optional(),
  ...locationFields,
});

export const cookieFactSchema = z.object({
  name: z.string(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.string().optional(),
  maxAge: z.string().optional(),
  ...locationFields,
});

export const LIFETIME_KINDS = ['access-token', 'refresh-token', 'session', 'cookie', 'token'] as const;

export const lifetimeFactSchema = z.object({
  what: z.enum(LIFETIME_KINDS),
  /** As written: "15m", "7d", 3600, "60 * 60 * 24". */
  value: z.string(),
  /** The value in seconds when it could be computed. */
  seconds: z.number().nullable(),
  ...locationFields,
});

export const secretNameFactSchema = z.object({ name: z.string(), ...locationFields });

export const tokenFactsSchema = z.object({
  jwt: z.array(jwtFactSchema),
  sessions: z.array(sessionFactSchema),
  cookies: z.array(cookieFactSchema),
  lifetimes: z.array(lifetimeFactSchema),
  /** Environment variables that hold auth secrets and keys: names only, values are never read. */
  secrets: z.array(secretNameFactSchema),
  /** The longest token, session or cookie lifetime seen: phase 5 waits at least this long before retiring legacy validation. */
  longestLifetime: lifetimeFactSchema.nullable(),
});

/** Role and permission names seen in checks, enums and decorators. */
export const accessFactsSchema = z.object({
  roles: z.array(z.object({ name: z.string(), occurrences: z.number().int().positive(), ...locationFields })),
  permissions: z.array(z.object({ name: z.string(), occurrences: z.number().int().positive(), ...locationFields })),
});

export const SKIP_REASONS = ['unreadable', 'binary', 'too-large', 'minified', 'parse-error', 'analysis-error'] as const;

export const skippedFileSchema = z.object({
  file: z.string(),
  reason: z.enum(SKIP_REASONS),
  detail: z.string(),
});

export const auditSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  byCategory: z.record(z.enum(CATEGORIES), z.number().int().nonnegative()),
  byConfidence: z.record(z.enum(CONFIDENCES), z.number().int().nonnegative()),
  byEcosystem: z.record(z.enum(ECOSYSTEMS), z.number().int().nonnegative()),
  /** Categories with no finding: worth a look by hand when the app visibly has them. */
  emptyCategories: z.array(z.enum(CATEGORIES)),
});

/** The full audit: what `audit --json` prints and `.scalekit-migration/audit.json` holds. */
export const auditReportSchema = z.object({
  tool: z.object({ name: z.literal('scalekit-migrate'), version: z.string() }),
  /** The audited folder, absolute. */
  root: z.string(),
  generatedAt: z.string(),
  /** Files read and tested (discovered minus skipped). */
  filesScanned: z.number().int().nonnegative(),
  /** Files the keyword prefilter let through to the parsers and rules. */
  filesAnalyzed: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  findings: z.array(findingSchema),
  summary: auditSummarySchema,
  dataModel: dataModelSchema,
  tokenFacts: tokenFactsSchema,
  accessFacts: accessFactsSchema,
  skipped: z.array(skippedFileSchema),
});

export type Finding = z.infer<typeof findingSchema>;
export type Column = z.infer<typeof columnSchema>;
export type ForeignKey = z.infer<typeof foreignKeySchema>;
export type Relation = z.infer<typeof relationSchema>;
export type FieldHints = z.infer<typeof fieldHintsSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type AuthTable = z.infer<typeof authTableSchema>;
export type DataModel = z.infer<typeof dataModelSchema>;
export type SecretSource = z.infer<typeof secretSourceSchema>;
export type JwtFact = z.infer<typeof jwtFactSchema>;
export type SessionFact = z.infer<typeof sessionFactSchema>;
export type CookieFact = z.infer<typeof cookieFactSchema>;
export type LifetimeFact = z.infer<typeof lifetimeFactSchema>;
export type TokenFacts = z.infer<typeof tokenFactsSchema>;
export type AccessFacts = z.infer<typeof accessFactsSchema>;
export type SkippedFile = z.infer<typeof skippedFileSchema>;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type AuditSummary = z.infer<typeof auditSummarySchema>;
export type AuditReport = z.infer<typeof auditReportSchema>;
