import { z } from 'zod';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderRollbackResult } from '../../import/render.js';
import { rollbackResultSchema, runRollback } from '../../import/rollback.js';
import { MAX_CONCURRENCY, MAX_RATE } from '../../import/session.js';
import { nextAfterRollback } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';
import { packageDirInput } from './importOrgs.js';

export const rollbackImportTool = defineTool({
  name: 'rollbackImport',
  title: 'Roll back an import',
  description:
    "Undoes this package's imports by their journal: restores overwritten fields, deletes what they created. " +
    'Without `confirm`: a plan; `confirm: true` applies. Ask first.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    confirm: z.boolean().optional().describe('true to delete; omit to plan.'),
    force: z.boolean().optional().describe('Also delete orgs with other members and roles in use.'),
    rate: z.number().positive().max(MAX_RATE).optional().describe('Requests/s (default 25).'),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional().describe('Calls in flight (default 8).'),
  }),
  outputSchema: rollbackResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runRollback({
      packageDir: await resolvePackageDir(workspace, input.packageDir, true),
      apply: input.confirm === true,
      force: input.force,
      rate: input.rate,
      concurrency: input.concurrency,
      signal: context.signal,
      progress: toolProgress(context),
    });
    return { structured: result, text: renderRollbackResult(result), next: nextAfterRollback(result, input) };
  },
});
