import { z } from 'zod';

export const DATABASE_SOURCES = ['sqlite', 'postgres'] as const;
export const FILE_SOURCES = ['auth0', 'firebase', 'cognito', 'clerk', 'keycloak', 'json', 'csv'] as const;
export const SOURCE_KINDS = [...DATABASE_SOURCES, ...FILE_SOURCES] as const;
export const SQL_PRESETS = ['saas', 'nextauth', 'supabase'] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The export's options: the MCP tool's input (with `workspace`) and the CLI's flags are these. */
export const exportOptionsShape = {
  source: z.enum(SOURCE_KINDS).describe('Database or export file kind.'),
  url: z
    .string()
    .optional()
    .describe('sqlite file or postgres:// URL.'),
  file: z.string().optional().describe('Export file (keycloak: or its folder).'),
  mapping: z
    .string()
    .optional()
    .describe('JSON mapping file (tables, columns).'),
  preset: z.enum(SQL_PRESETS).optional().describe('Database layout preset.'),
  dataModel: z.string().optional().describe("The audit's audit.json."),
  mappingOnly: z.boolean().optional().describe('Only propose the mapping.'),
  out: z.string().optional().describe('Package folder.'),
  force: z.boolean().optional().describe('Replace an earlier package (refused once imported).'),
  includePasswordHashes: z.boolean().optional().describe('Write password_hashes.ndjson; only if the user asks.'),
  skipInactive: z
    .boolean()
    .optional()
    .describe('Reject inactive users.'),
  defaultOrg: z
    .string()
    .optional()
    .describe('Org for users without one: "ID[=Name]".'),
  orgPerUser: z.boolean().optional().describe('One organization per user without one.'),
  rejectMetadataOverflow: z.boolean().optional().describe('Reject users over the metadata limits.'),
  organizationsFile: z
    .string()
    .optional()
    .describe('auth0: organizations JSON with members.'),
  passwordHashesFile: z
    .string()
    .optional()
    .describe('auth0: password hash export (NDJSON).'),
  groupsAsOrganizations: z.boolean().optional().describe('keycloak: top-level groups as organizations.'),
  hashKey: z.string().optional().describe('firebase: base64_signer_key.'),
  saltSeparator: z.string().optional().describe('firebase: base64_salt_separator.'),
  rounds: z.number().int().min(1).max(64).optional().describe('firebase: scrypt rounds.'),
  memCost: z.number().int().min(1).max(64).optional().describe('firebase: scrypt mem_cost.'),
};

export const exportOptionsSchema = z.object(exportOptionsShape);
export type ExportOptions = z.infer<typeof exportOptionsSchema>;
