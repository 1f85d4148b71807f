import { z } from 'zod';
import { countsSchema } from '../import/import-result.js';

export const DEMO_STEP_STATUSES = ['ok', 'problems', 'failed', 'skipped'] as const;

export const demoStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(DEMO_STEP_STATUSES),
  /** The step's result in one line. */
  summary: z.string(),
  durationMs: z.number(),
});
export type DemoStep = z.infer<typeof demoStepSchema>;

const protectedCallSchema = z.object({
  /** Which credential was sent: a Scalekit access token from the code flow, the legacy JWT saved before the migration, a forged one. */
  credential: z.enum(['legacy', 'scalekit', 'forged']),
  authProvider: z.enum(['legacy', 'dual', 'scalekit']).optional(),
  route: z.string(),
  /** The legacy id of the user whose credential it was. */
  user: z.string().optional(),
  /** What a correct migration answers: 200 where the flag accepts the credential (403 without the role), else 401. */
  expected: z.number().int(),
  status: z.number().int(),
  /** What the route answered (the user's legacy id, role, organization); never a token. */
  body: z.record(z.string(), z.unknown()).optional(),
});
export type ProtectedCall = z.infer<typeof protectedCallSchema>;

/** `scalekit-migrate demo --json`: one document, counts and ids only — no token, secret, email or password. */
export const demoResultSchema = z.object({
  ok: z.boolean(),
  workspace: z.string(),
  /** The migration report written at the end. */
  report: z.string().nullable(),
  durationMs: z.number(),
  steps: z.array(demoStepSchema),
  sample: z.object({ users: z.number().int(), dirtyUsers: z.number().int(), organizations: z.number().int(), roles: z.number().int(), memberships: z.number().int() }).optional(),
  audit: z
    .object({ total: z.number().int(), filesScanned: z.number().int(), skipped: z.number().int(), byCategory: z.record(z.string(), z.number().int()) })
    .optional(),
  export: z
    .object({
      inputRecords: z.number().int(),
      users: z.number().int(),
      organizations: z.number().int(),
      roles: z.number().int(),
      memberships: z.number().int(),
      rejects: z.number().int(),
      merged: z.number().int(),
      rejectReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    })
    .optional(),
  importPlan: z.object({ counts: countsSchema, conflicts: z.number().int() }).optional(),
  import: z
    .object({ counts: countsSchema, failed: z.number().int(), rpcs: z.number().int(), durationMs: z.number(), usersPerSecond: z.number(), invitationsSent: z.number().int() })
    .optional(),
  verify: z
    .object({
      ok: z.boolean(),
      mismatches: z.number().int(),
      checked: z.object({ roles: z.number().int(), organizations: z.number().int(), users: z.number().int(), memberships: z.number().int() }),
    })
    .optional(),
  redirects: z
    .object({
      planned: z.number().int(),
      applied: z.boolean(),
      secondApplyChanges: z.number().int(),
      callbackUris: z.array(z.string()),
      postLogoutUris: z.array(z.string()),
      initiateLoginUri: z.string(),
    })
    .optional(),
  middleware: z
    .object({ mode: z.string(), filesChanged: z.number().int(), followUps: z.number().int(), secondRunChanges: z.number().int() })
    .optional(),
  /** The signed-in user of the demo: legacy id and what the Scalekit token said about them. */
  login: z
    .object({
      userExternalId: z.string(),
      organizationExternalId: z.string(),
      tokenClaims: z.object({ xuid: z.string().optional(), xoid: z.string().optional(), roles: z.array(z.string()) }).optional(),
    })
    .optional(),
  protectedCalls: z.array(protectedCallSchema),
  /** Phase 5: what monitorCutover said after the demo's sign-ins. */
  monitor: z
    .object({
      signIns: z.number().int(),
      succeeded: z.number().int(),
      failures: z.array(z.object({ reason: z.string(), count: z.number().int() })),
      legacyShare: z.number().nullable(),
      switchSafe: z.boolean(),
      reasons: z.array(z.string()),
    })
    .optional(),
  checklist: z
    .object({
      marked: z.array(z.string()),
      /** Items the checks ticked from what the tools left (files, journals, the environment). */
      automatic: z.array(z.string()),
      done: z.number().int(),
      total: z.number().int(),
      currentPhase: z.string().nullable(),
    })
    .optional(),
  /** What failed, when `ok` is false. */
  error: z.string().optional(),
});
export type DemoResult = z.infer<typeof demoResultSchema>;
