import { z } from 'zod';

export const DIAGNOSIS_CHECKS = ['user-present', 'external-id', 'membership-active', 'organization-sso', 'callback-registered', 'recent-sign-ins'] as const;

export const diagnoseResultSchema = z.object({
  /** The email asked about, masked. */
  email: z.string(),
  environment: z.string(),
  userId: z.string().nullable(),
  /** The user in the migration package: their legacy id and the organizations they belong to there. */
  package: z.object({ externalId: z.string(), organizations: z.array(z.string()) }).nullable(),
  checks: z.array(
    z.object({
      name: z.enum(DIAGNOSIS_CHECKS),
      /** null: could not be decided (say why in detail). */
      ok: z.boolean().nullable(),
      detail: z.string(),
    }),
  ),
  memberships: z.array(
    z.object({
      organizationId: z.string(),
      organizationExternalId: z.string().nullable(),
      status: z.string(),
      roles: z.array(z.string()),
      sso: z.object({ connections: z.number().int(), enabled: z.array(z.string()) }),
    }),
  ),
  recentSignIns: z.array(z.object({ authRequestId: z.string(), status: z.string(), at: z.string() })),
  ok: z.boolean(),
  next: z.string(),
});
export type DiagnoseResult = z.infer<typeof diagnoseResultSchema>;
export type DiagnosisCheck = DiagnoseResult['checks'][number];
