import { z } from 'zod';

/**
 * journal.ndjson, one JSON object per line, appended by import and rollback runs of one package.
 * It holds ids and external ids only: never an email, a name or a secret.
 *
 *   {"type":"begin","journal":1,"run":1,"command":"import","packageDigest":"<sha256>","at":"<iso>"}
 *   {"type":"intent","op":"1.7","action":"user.create","target":{"userExternalId":"42","org":"org_1","orgExternalId":"7"}}
 *   {"type":"done","op":"1.7","id":"usr_9"}
 *   {"type":"failed","op":"1.8","code":"INVALID_ARGUMENT","requestId":"req_1"}
 *   {"type":"absent","op":"1.9"}                  (re-checked after a crash: the call had not taken effect)
 *   {"type":"done","op":"1.10","id":"org_3","recovered":true}   (re-checked after a crash: it had)
 *   {"type":"superseded","op":"1.11"}            (an update in flight at a crash: the next plan compares again)
 *   {"type":"end","run":1,"at":"<iso>","interrupted":false}
 *
 * An intent is on disk before its call is sent; its outcome follows the answer. An intent without
 * an outcome is a call in flight when the process died (or whose answer was lost and could not be
 * looked up): the next run re-checks it by external_id.
 *
 * An update's intent also carries `previous` (the fields it changes, as Scalekit held them) and
 * `sent` (what it set), so a rollback can put back what an import overwrote on entities it did not
 * create. These are the only values beyond ids the journal holds (names, metadata, role names;
 * never an email or a secret), which is why it is owner-only like the package.
 */
export const JOURNAL_VERSION = 1;

export const ACTIONS = [
  'permission.create',
  'permission.delete',
  'role.create',
  'role.update',
  'role.delete',
  'org.create',
  'org.update',
  'org.delete',
  'user.create',
  'user.update',
  'user.delete',
  'membership.create',
  'membership.update',
  'membership.delete',
  'domain.create',
  'domain.delete',
] as const;
export type JournalAction = (typeof ACTIONS)[number];

export const targetSchema = z.object({
  permission: z.string().optional(),
  role: z.string().optional(),
  org: z.string().optional(),
  orgExternalId: z.string().optional(),
  user: z.string().optional(),
  userExternalId: z.string().optional(),
  /** An organization domain's name (domain.create) and id (domain.delete). */
  domain: z.string().optional(),
  domainId: z.string().optional(),
});
export type JournalTarget = z.infer<typeof targetSchema>;

/** The fields an update changes: displayName, description, permissions, givenName, familyName, metadata, roles. */
export const updateValuesSchema = z.object({
  displayName: z.string().optional(),
  description: z.string().optional(),
  permissions: z.array(z.string()).optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  roles: z.array(z.string()).optional(),
});
export type UpdateValues = z.infer<typeof updateValuesSchema>;

export const journalEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('begin'),
    journal: z.literal(JOURNAL_VERSION),
    run: z.number().int().positive(),
    command: z.enum(['import', 'rollback']),
    packageDigest: z.string(),
    at: z.string(),
    forced: z.boolean().optional(),
    /** What the person chose for this run's plan (unverified emails, inactive users). */
    decisions: z
      .object({ emailPolicy: z.enum(['invite', 'skip', 'verified']).optional(), includeInactive: z.boolean().optional() })
      .optional(),
  }),
  z.object({
    type: z.literal('intent'),
    op: z.string(),
    action: z.enum(ACTIONS),
    target: targetSchema,
    previous: updateValuesSchema.optional(),
    sent: updateValuesSchema.optional(),
  }),
  z.object({ type: z.literal('done'), op: z.string(), id: z.string().optional(), recovered: z.boolean().optional() }),
  z.object({ type: z.literal('failed'), op: z.string(), code: z.string(), requestId: z.string().optional() }),
  z.object({ type: z.literal('absent'), op: z.string() }),
  z.object({ type: z.literal('superseded'), op: z.string() }),
  z.object({ type: z.literal('end'), run: z.number().int().positive(), at: z.string(), interrupted: z.boolean() }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type JournalDecisions = NonNullable<Extract<JournalEntry, { type: 'begin' }>['decisions']>;
