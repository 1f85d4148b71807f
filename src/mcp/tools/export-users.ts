import { z } from 'zod';
import { exportOptionsShape } from '../../export/options.js';
import { renderExportSummary } from '../../export/render.js';
import { exportResultSchema } from '../../export/result.js';
import { exportUsers } from '../../export/run-export.js';
import { nextAfterExport } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const exportUsersTool = defineTool({
  name: 'exportUsers',
  title: 'Export users into a migration package',
  description:
    'Phase 1. Users, organizations, roles and memberships from the legacy database (tables from the schema and the audit, or a ' +
    'mapping file) or a vendor export into a migration package. Counts, reject reasons, a few ids. Rejects > 0: stop and ask.',
  inputSchema: z.object({ workspace: workspaceInput, ...exportOptionsShape }),
  outputSchema: exportResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const { workspace, ...options } = input;
    const result = await exportUsers(options, {
      workspace: callWorkspace(context.serverRoot, workspace),
      signal: context.signal,
      onProgress: (done, message) => context.progress(done, undefined, message),
    });
    return { structured: result, text: renderExportSummary(result), next: nextAfterExport(result, options) };
  },
});
