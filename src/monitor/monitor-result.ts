import { join } from 'node:path';
import { z } from 'zod';
import { migrationDir } from '../workspace/paths.js';

/** The file the last monitor run is saved to, for the report and for later comparison. */
export function monitorResultPath(workspace: string): string {
  return join(migrationDir(workspace), 'monitor.json');
}

const sample = z.object({ authRequestId: z.string(), email: z.string().describe('masked'), organizationId: z.string() });

export const monitorResultSchema = z.object({
  environment: z.string(),
  since: z.string().nullable(),
  checkedAt: z.string(),
  signIns: z.object({
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
    /** succeeded / (succeeded + failed); null before any. */
    successRate: z.number().nullable(),
    /** More attempts than were read (maxRequests). */
    truncated: z.boolean(),
  }),
  failures: z.array(z.object({ reason: z.string(), count: z.number().int(), fix: z.string(), samples: z.array(sample) })),
  /** The app's own counters (generated auth module); null when the app wrote none in this workspace. */
  app: z
    .object({
      countersDir: z.string(),
      processes: z.number().int(),
      scalekitAccepted: z.number().int(),
      scalekitRejected: z.array(z.object({ reason: z.string(), count: z.number().int(), fix: z.string() })),
      legacyRouted: z.number().int(),
      legacyRefused: z.number().int(),
      /** Tokens routed to the legacy check / all tokens the app saw; null before any. */
      legacyShare: z.number().nullable(),
      firstScalekitSignIn: z.object({ at: z.string(), sub: z.string(), migrated: z.boolean() }).nullable(),
      lastUpdated: z.string().nullable(),
    })
    .nullable(),
  switchToScalekit: z.object({ safe: z.boolean(), reasons: z.array(z.string()) }),
  /** Where the whole result was saved (the report reads it); null when not saved (a read-only server). */
  savedTo: z.string().nullable(),
  next: z.string(),
});
export type MonitorResult = z.infer<typeof monitorResultSchema>;

export const SWITCH_THRESHOLDS = { minSuccessRate: 0.95, maxLegacyShare: 0.01, maxRejectedShare: 0.05, minSignIns: 1 } as const;
export type SwitchThresholds = { -readonly [K in keyof typeof SWITCH_THRESHOLDS]: number };
