import { z } from 'zod';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderVerifyResult } from '../../import/render.js';
import { MAX_RATE } from '../../import/session.js';
import { runVerify, verifyResultSchema } from '../../import/verify.js';
import { defineTool } from '../tool.js';
import { toolProgress } from '../tool-progress.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';
import { packageDirInput } from './importOrgs.js';

export const verifyImportTool = defineTool({
  name: 'verifyImport',
  title: 'Verify an import against Scalekit',
  description:
    'Phase 2, after importOrgs. Reads the Scalekit environment and compares it with the migration package by external_id, field ' +
    'by field: every role, organization and user exists; email, names, email_verified and metadata match; every membership exists ' +
    'with its roles, ACTIVE, with no invitation sent - except as the import\'s recorded choices say: users with unverified emails ' +
    'imported under `invite` are expected unverified with pending invitations, under `verified` verified, under `skip` absent; ' +
    'non-active users are expected absent unless imported with includeInactive. Returns ok and mismatch counts by kind with a few examples (ids only); ' +
    '`ok: false` is a finding, not an error. Writes nothing to Scalekit.',
  inputSchema: z.object({
    workspace: workspaceInput,
    packageDir: packageDirInput,
    rate: z.number().positive().max(MAX_RATE).optional().describe('Read requests per second (default 25).'),
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
    return { structured: result, text: renderVerifyResult(result) };
  },
});
