import { z } from 'zod';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderRollbackResult } from '../../import/render.js';
import { rollbackResultSchema, runRollback } from '../../import/rollback.js';
import { MAX_CONCURRENCY, MAX_RATE } from '../../import/session.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';
import { packageDirInput } from './importOrgs.js';

export const rollbackImportTool = defineTool({
  name: 'rollbackImport',
  title: 'Roll back an import',
  description:
    "Undoes this package's imports, as their journal records them: first puts back the fields they overwrote on entities that " +
    'existed before (names, metadata keys, role permissions, membership roles; a field changed since is left and listed), then ' +
    'deletes memberships added to users that existed before, then the users, organizations, roles and permissions the imports ' +
    'created. Never deletes a pre-existing entity; organizations with other members and roles still in use are left in place ' +
    'unless `force`. `complete: true` only when nothing is blocked, failed or pending. Without `confirm` it only plans ' +
    'and reports counts; with `confirm: true` it deletes (journaled, resumable). For rehearsals on a non-production environment; ' +
    'in production the rollback is AUTH_PROVIDER=legacy. Ask the user before confirming.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    confirm: z.boolean().optional().describe('true to delete; omit or false to plan only.'),
    force: z.boolean().optional().describe('Also delete organizations with members the imports did not add and roles/permissions still in use.'),
    rate: z.number().positive().max(MAX_RATE).optional().describe('Requests per second (default 25).'),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional().describe('Calls in flight at once (default 8).'),
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
    return { structured: result, text: renderRollbackResult(result) };
  },
});
