import { z } from 'zod';
import { importResultSchema } from '../../import/import-result.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderImportResult } from '../../import/render.js';
import { EMAIL_POLICIES } from '../../import/plan.js';
import { runImport } from '../../import/run-import.js';
import { MAX_CONCURRENCY, MAX_RATE } from '../../import/session.js';
import { nextAfterImport } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const packageDirInput = z
  .string()
  .optional()
  .describe('Package folder in the workspace; default: the last export.');

export const importOrgsTool = defineTool({
  name: 'importOrgs',
  title: 'Import organizations and users into Scalekit',
  description:
    'Phase 2. Imports the package into Scalekit (SCALEKIT_*). Without `confirm`: a plan. With `confirm: true` and the plan\'s ' +
    '`packageDigest` as `planDigest`: upserts by external_id, paced, journaled, resumable. Apply only once the user approves.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    confirm: z.boolean().optional().describe('true to write; omit to plan.'),
    rate: z
      .number()
      .positive()
      .max(MAX_RATE)
      .optional()
      .describe('Requests/s cap per endpoint (default: the announced limits, else 25).'),
    emailPolicy: z
      .enum(EMAIL_POLICIES)
      .optional()
      .describe('New users with unverified email: invite (emailed), skip, or verified. The user chooses.'),
    includeInactive: z.boolean().optional().describe('Also import non-active users (metadata legacy_status). Ask first.'),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional().describe('Calls in flight (default 8).'),
    force: z.boolean().optional().describe('Continue a journal of another package version. Ask first.'),
    planDigest: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/)
      .optional()
      .describe("With confirm: the reviewed plan's packageDigest."),
    withoutPlan: z
      .boolean()
      .optional()
      .describe('With confirm: apply without a plan. Only if the user says so.'),
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
    return { structured: result, text: renderImportResult(result), next: nextAfterImport(result, input) };
  },
});
