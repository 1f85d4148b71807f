import { z } from 'zod';
import { importResultSchema } from '../../import/import-result.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderImportResult } from '../../import/render.js';
import { EMAIL_POLICIES } from '../../import/plan.js';
import { runImport } from '../../import/run-import.js';
import { MAX_CONCURRENCY, MAX_RATE } from '../../import/session.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const packageDirInput = z
  .string()
  .optional()
  .describe('Migration package folder inside the workspace; defaults to the one exportUsers wrote last, else .scalekit-migration/package.');

export const importOrgsTool = defineTool({
  name: 'importOrgs',
  title: 'Import organizations and users into Scalekit',
  description:
    'Phase 2. Imports a migration package (roles, organizations, users with memberships and membership roles) into the Scalekit ' +
    'environment of the SCALEKIT_* variables. Without `confirm` it only plans: it reads what exists and reports per entity what ' +
    'would be created, updated, left unchanged or is in conflict, writing nothing. With `confirm: true` it applies: upsert by ' +
    'external_id, never duplicating, never overwriting an email owned by another user; paced from the limits Scalekit announces ' +
    '(X-RateLimit-* headers; `rate` caps it) with retries, journaled so an interrupted run resumes when called again on the same package. Returns ' +
    'counts and a few examples with ids and reasons, never user data. Plan first, show the plan, and apply only after the user agrees. ' +
    'Pass the plan\'s `packageDigest` as `planDigest` with `confirm: true`: the apply is refused if the package changed since the plan. ' +
    'When the plan returns `needsDecision.emailPolicy`, ask the user its question and plan again with `emailPolicy`: Scalekit ' +
    'verifies every user created without an invitation, so users whose email is unverified are invited (emails sent, counted in ' +
    'the plan), skipped, or imported as verified only by the user\'s choice. Users whose source status is not active are left out ' +
    'unless `includeInactive`.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    confirm: z.boolean().optional().describe('true to write to Scalekit; omit or false to plan only.'),
    rate: z
      .number()
      .positive()
      .max(MAX_RATE)
      .optional()
      .describe('Cap in requests per second per endpoint. By default the pace follows the limits Scalekit announces (25/s if it announces none).'),
    emailPolicy: z
      .enum(EMAIL_POLICIES)
      .optional()
      .describe('New users with email_verified false: invite (Scalekit emails them), skip (left out), or verified (imported as verified). The user chooses; required to apply when there are any.'),
    includeInactive: z.boolean().optional().describe('Also import users whose source status is not active, flagged with metadata legacy_status. Ask the user first.'),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional().describe('Calls in flight at once (default 8).'),
    force: z.boolean().optional().describe('Continue a journal started with a different version of the package. Ask the user first.'),
    planDigest: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/)
      .optional()
      .describe('With confirm: the packageDigest of the plan the user reviewed; the apply is refused if the package changed since.'),
    withoutPlan: z
      .boolean()
      .optional()
      .describe('With confirm: apply although no plan was made for this package. Only when the user says so; without it such an apply is refused.'),
  }),
  outputSchema: importResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runImport({
      packageDir: await resolvePackageDir(workspace, input.packageDir, true),
      apply: input.confirm === true,
      rate: input.rate,
      concurrency: input.concurrency,
      force: input.force,
      planDigest: input.planDigest,
      requirePlan: true,
      withoutPlan: input.withoutPlan,
      emailPolicy: input.emailPolicy,
      includeInactive: input.includeInactive,
      signal: context.signal,
      progress: toolProgress(context),
    });
    return { structured: result, text: renderImportResult(result) };
  },
});
