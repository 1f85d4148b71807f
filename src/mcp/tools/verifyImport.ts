import { z } from 'zod';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderVerifyResult } from '../../import/render.js';
import { MAX_RATE } from '../../import/session.js';
import { runVerify, verifyResultSchema } from '../../import/verify.js';
import { nextAfterVerify } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';
import { packageDirInput } from './importOrgs.js';

export const verifyImportTool = defineTool({
  name: 'verifyImport',
  title: 'Verify an import against Scalekit',
  description:
    'Phase 2, after importOrgs: compares Scalekit with the package field by field by external_id (users, organizations, roles, ' +
    'memberships). ok, mismatch counts by kind, a few ids. Writes nothing.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    rate: z.number().positive().max(MAX_RATE).optional().describe('Requests/s (default 25).'),
  }),
  outputSchema: verifyResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runVerify({
      packageDir: await resolvePackageDir(workspace, input.packageDir, true),
      rate: input.rate,
      progress: toolProgress(context),
    });
    return { structured: result, text: renderVerifyResult(result), next: nextAfterVerify(result, input) };
  },
});
