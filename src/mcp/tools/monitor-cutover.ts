import { z } from 'zod';
import { monitorResultSchema } from '../../monitor/monitor-result.js';
import { renderMonitor } from '../../monitor/render.js';
import { runMonitor } from '../../monitor/run-monitor.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const DESCRIPTION =
  "Phase 5, after deploying AUTH_PROVIDER=dual. Reads Scalekit's sign-in logs and the app's token counters; reports the sign-in " +
  'success rate, failures by reason with their fix, rejected Scalekit tokens, the share of legacy tokens, and whether switching ' +
  'to AUTH_PROVIDER=scalekit is safe. Masked ids only; writes nothing to Scalekit.';

const inputSchema = z.object({
  workspace: workspaceInput,
  since: z.iso.datetime({ offset: true }).optional().describe('Only sign-ins from this time on (ISO 8601), e.g. when dual mode was deployed.'),
  maxRequests: z.number().int().min(1).max(100_000).optional().describe('Read at most this many sign-in attempts, newest first (default 10000).'),
});

const monitorReadOnlyTool = defineTool({
  name: 'monitorCutover',
  title: 'Monitor the cut-over to Scalekit (read-only)',
  description: DESCRIPTION + ' This read-only server does not save the result.',
  inputSchema,
  outputSchema: monitorResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runMonitor({ workspace, since: input.since ? new Date(input.since) : undefined, maxRequests: input.maxRequests, save: false });
    return { structured: result, text: renderMonitor(result) };
  },
});

export const monitorCutoverTool = defineTool({
  name: 'monitorCutover',
  title: 'Monitor the cut-over to Scalekit',
  readOnlyVariant: monitorReadOnlyTool,
  description: DESCRIPTION + ' Saves the whole result to .scalekit-migration/monitor.json (the migration report shows it).',
  inputSchema,
  outputSchema: monitorResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runMonitor({ workspace, since: input.since ? new Date(input.since) : undefined, maxRequests: input.maxRequests });
    return { structured: result, text: renderMonitor(result) };
  },
});
