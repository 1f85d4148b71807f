import { z } from 'zod';

export const DATABASE_SOURCES = ['sqlite', 'postgres'] as const;
export const FILE_SOURCES = ['auth0', 'firebase', 'cognito', 'clerk', 'keycloak', 'json', 'csv'] as const;
export const SOURCE_KINDS = [...DATABASE_SOURCES, ...FILE_SOURCES] as const;
export const SQL_PRESETS = ['saas', 'nextauth', 'supabase'] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The export's options: the MCP tool's input (with `workspace`) and the CLI's flags are these. */
export const exportOptionsShape = {
  source: z.enum(SOURCE_KINDS).describe('Where users come from: a database (sqlite, postgres) or an export file (auth0, firebase, cognito, clerk, keycloak, json, csv).'),
  url: z
    .string()
    .optional()
    .describe('Database sources: the SQLite file, or a postgres:// URL. Prefer PGPASSWORD over a password in the URL; the URL is never echoed with credentials.'),
  file: z.string().optional().describe('File sources: the export file (Keycloak: the realm file or the folder of a directory export).'),
  mapping: z
    .string()
    .optional()
    .describe('A JSON mapping file: for databases the users/organizations/memberships/roles tables or SQL queries and their columns; for json/csv the column of each field.'),
  preset: z.enum(SQL_PRESETS).optional().describe('Database layout to expect: saas (users/organizations/memberships/roles), nextauth (Auth.js adapter tables), supabase (auth.users + app tables).'),
  dataModel: z.string().optional().describe("The audit's report (audit.json) whose dataModel names the tables; read from .scalekit-migration/audit.json when present."),
  mappingOnly: z.boolean().optional().describe('Database sources: only introspect and return the proposed mapping; write nothing.'),
  out: z.string().optional().describe('Package folder inside the workspace; default .scalekit-migration/package.'),
  force: z.boolean().optional().describe('Replace an earlier package in the output folder (refused once an import used it).'),
  includePasswordHashes: z.boolean().optional().describe('Also write password_hashes.ndjson. Only when the user asks, for a reason they state.'),
  skipInactive: z
    .boolean()
    .optional()
    .describe('Reject users the source marks inactive, blocked, deleted or unconfirmed instead of exporting them with their `status`.'),
  defaultOrg: z
    .string()
    .optional()
    .describe('Put users without any organization into this one: "ID" or "ID=Display name". Without it (or orgPerUser) such users are rejected.'),
  orgPerUser: z.boolean().optional().describe('Give each user without an organization a personal organization of their own.'),
  rejectMetadataOverflow: z.boolean().optional().describe('Reject users whose attributes exceed the metadata limits instead of exporting what fits.'),
  organizationsFile: z
    .string()
    .optional()
    .describe('auth0: JSON array of organizations (GET /api/v2/organizations) each with its `members` (GET .../members?fields=user_id,roles).'),
  passwordHashesFile: z
    .string()
    .optional()
    .describe("auth0: the password hash export Auth0 support sends (NDJSON: _id.$oid, email, passwordHash); each hash joins its user."),
  groupsAsOrganizations: z.boolean().optional().describe("keycloak: treat each top-level group as an organization (realms without Keycloak's organizations)."),
  hashKey: z.string().optional().describe("firebase: the project's base64_signer_key (Authentication > Users > password hash parameters)."),
  saltSeparator: z.string().optional().describe('firebase: base64_salt_separator.'),
  rounds: z.number().int().positive().optional().describe('firebase: scrypt rounds.'),
  memCost: z.number().int().positive().optional().describe('firebase: scrypt mem_cost.'),
};

export const exportOptionsSchema = z.object(exportOptionsShape);
export type ExportOptions = z.infer<typeof exportOptionsSchema>;
