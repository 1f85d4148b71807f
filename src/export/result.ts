import { z } from 'zod';
import { manifestSchema, warningSchema } from '../package/manifest.js';

/** What an export returns: the MCP tool's structuredContent and the CLI's --json. Counts, reasons and ids; never emails or hashes. */
export const exportResultSchema = z.object({
  packageDir: z.string().nullable().describe('The package folder, or null when only a mapping was proposed.'),
  source: manifestSchema.shape.source,
  counts: manifestSchema.shape.counts,
  /** inputRecords = users + rejects + merged. */
  countsAddUp: z.boolean(),
  passwordHashes: manifestSchema.shape.passwordHashes,
  rejectReasons: z.array(z.object({ reason: z.string(), count: z.number().int(), sampleRefs: z.array(z.string()) })),
  sampleUserIds: z.array(z.string()),
  warnings: z.array(warningSchema),
  /** Tables, columns or queries a database export used (or proposes, with mappingOnly). */
  mapping: z.unknown().optional(),
  durationMs: z.number(),
});

export type ExportResult = z.infer<typeof exportResultSchema>;
