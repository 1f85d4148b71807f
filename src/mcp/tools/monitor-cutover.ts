import { z } from 'zod';
import { monitorResultSchema } from '../../monitor/monitor-result.js';
import { renderMonitor } from '../../monitor/render.js';
import { runMonitor } from '../../monitor/run-monitor.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

const DESCRIPTION =
  "Phase 5, after deploying AUTH_PROVIDER=dual: sign-in success rate and failures by reason with fixes (Scalekit's logs), " +
  "the app's token counters, and whether AUTH_PROVIDER=scalekit is safe yet. Masked ids; writes nothing to Scalekit.";

const inputSchema = z.object({
  workspace: workspaceInput,
  since: z.string().refine((text) => !Number.isNaN(Date.parse(text)), { error: 'not an ISO 8601 time' }).optional().describe('ISO 8601 time: only sign-ins since (e.g. the dual deploy).'),
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
  description: DESCRIPTION + ' Saves .scalekit-migration/monitor.json.',
  inputSchema,
  outputSchema: monitorResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runMonitor({ workspace, since: input.since ? new Date(input.since) : undefined, maxRequests: input.maxRequests });
    return { structured: result, text: renderMonitor(result) };
  },
});
