import { domainSummarySchema } from './domain-summary.js';
import { z } from 'zod';
import { EMAIL_POLICIES } from './plan.js';

/** How many examples a result lists per kind: enough to act on, never a user list. */
export const SAMPLE_LIMIT = 10;

export const entityCountsSchema = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  conflict: z.number().int(),
  failed: z.number().int(),
  /** Not reached because the run was interrupted. */
  pending: z.number().int(),
  /** Left out on purpose: a user whose source status is not active, or an unverified email under the `skip` policy (and their memberships). */
  skipped: z.number().int(),
});
export type EntityCounts = z.infer<typeof entityCountsSchema>;

export const ENTITIES = ['permissions', 'roles', 'organizations', 'users', 'memberships'] as const;
export type Entity = (typeof ENTITIES)[number];

export const countsSchema = z.object({
  permissions: entityCountsSchema,
  roles: entityCountsSchema,
  organizations: entityCountsSchema,
  users: entityCountsSchema,
  memberships: entityCountsSchema,
});
export type ImportCounts = z.infer<typeof countsSchema>;

const recordRef = {
  entity: z.enum(ENTITIES),
  /** file:line in the package. */
  ref: z.string(),
  /** external_id (or role name) of the record; never an email. */
  key: z.string(),
};

export const importResultSchema = z.object({
  mode: z.enum(['plan', 'apply']),
  packageDir: z.string(),
  packageDigest: z.string(),
  /** Origin of SCALEKIT_ENVIRONMENT_URL: which environment this ran against. */
  environment: z.string(),
  /** In plan mode, what an apply would do; in apply mode, what it did. */
  counts: countsSchema,
  conflicts: z.object({
    total: z.number().int(),
    byCode: z.record(z.string(), z.number().int()),
    samples: z.array(z.object({ ...recordRef, code: z.string(), detail: z.string() })),
  }),
  updates: z.object({
    samples: z.array(z.object({ ...recordRef, changes: z.array(z.string()) })),
  }),
  failures: z.object({
    total: z.number().int(),
    byCode: z.record(z.string(), z.number().int()),
    samples: z.array(z.object({ ...recordRef, action: z.string(), code: z.string(), requestId: z.string().optional() })),
  }),
  /** The person's choices this plan or run used. */
  decisions: z.object({
    /** Undefined: not chosen yet (an apply refuses to start while new users have unverified emails). */
    emailPolicy: z.enum(EMAIL_POLICIES).optional(),
    includeInactive: z.boolean(),
  }),
  /** Set when the plan stops to ask: new users with email_verified false need an email policy. */
  needsDecision: z
    .object({ emailPolicy: z.object({ users: z.number().int(), choices: z.array(z.enum(EMAIL_POLICIES)), question: z.string() }) })
    .optional(),
  /** Users left out on purpose (status not active, or unverified under `skip`), with examples (ids only). */
  skipped: z.object({
    total: z.number().int(),
    byReason: z.record(z.string(), z.number().int()),
    samples: z.array(z.object({ ...recordRef, reason: z.string() })),
  }),
  notes: z.object({
    emailVerifiedNotSettable: z.number().int(),
    organizationsWithDomains: z.number().int(),
    /** New users with email_verified false (whatever the policy). */
    unverifiedEmails: z.number().int(),
    /** Invitation emails the plan sends (the `invite` policy only). */
    invitationsPlanned: z.number().int(),
    /** Users whose source status is not active, by status. */
    inactiveUsers: z.record(z.string(), z.number().int()),
    /** Memberships Scalekit reports as invited after this run's calls; equals invitationsPlanned under `invite`, 0 otherwise. */
    invitationsSent: z.number().int(),
    /** Fields empty in the package that Scalekit holds a value for: kept (the import never erases a value). */
    emptyFieldsKept: z.number().int(),
  }),
  journal: z.object({
    path: z.string(),
    previousRuns: z.number().int(),
    /** Calls in flight when an earlier run stopped (intent, no outcome). Apply re-checks each by external_id before sending anything. */
    inFlight: z.number().int(),
    /** Of those, the ones that had taken effect (apply mode). */
    inFlightFoundApplied: z.number().int(),
    /** Plan mode: the package differs from the one the journal was started with. */
    packageChanged: z.boolean(),
  }),
  run: z
    .object({
      interrupted: z.boolean(),
      stoppedBecause: z.string().optional(),
      durationMs: z.number(),
      rpcs: z.number().int(),
      rpcsByMethod: z.record(z.string(), z.number().int()),
      retries: z.number().int(),
      /** Users created, updated or found unchanged per second of the whole run. */
      usersPerSecond: z.number(),
      /** Every call of the run (re-checks and listing included) per second of the whole run. */
      requestsPerSecond: z.number(),
      /** The explicit --rate cap, or the starting pace used while the service announced no limit. */
      rate: z.number(),
      /** Whether `rate` was given (a cap on every endpoint) or is the default for a service that announces nothing. */
      rateSource: z.enum(['cap', 'default']).optional(),
      /** The limits the service announced (X-RateLimit-Limit per window), by endpoint, and how many calls each refused. */
      rateLimits: z
        .record(z.string(), z.object({ limit: z.number(), windowSeconds: z.number(), perSecond: z.number(), refused: z.number().int() }))
        .optional(),
      concurrency: z.number().int(),
    })
    .optional(),
  files: z.object({ errors: z.string().optional(), retry: z.string().optional() }),
  /** The package's organization domains: created unverified, and which still need DNS verification. */
  domains: domainSummarySchema.optional(),
  /** One sentence: what to do now. */
  next: z.string(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export function emptyCounts(): ImportCounts {
  const zero = (): EntityCounts => ({ total: 0, create: 0, update: 0, unchanged: 0, conflict: 0, failed: 0, pending: 0, skipped: 0 });
  return { permissions: zero(), roles: zero(), organizations: zero(), users: zero(), memberships: zero() };
}
