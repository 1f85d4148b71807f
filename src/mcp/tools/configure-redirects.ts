import { z } from 'zod';
import { renderRedirectsResult } from '../../redirects/render.js';
import { redirectsResultSchema } from '../../redirects/result.js';
import { runConfigureRedirects } from '../../redirects/run-redirects.js';
import { nextAfterRedirects } from '../next-steps.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const configureRedirectsTool = defineTool({
  name: 'configureRedirects',
  title: "Register the app's redirect URLs",
  description:
    "Phase 3. Plans the app's callback, post-logout and initiate-login URLs (from its routes) per base URL (ask the user) against " +
    'the environment\'s. Without `confirm`: a plan; `confirm: true` applies (journaled); `rollback: true` undoes.',
  inputSchema: z.object({
    workspace: workspaceInput,
    baseUrls: z.array(z.string()).optional().describe('Base URL(s) of the app here; required except for rollback.'),
    environmentType: z.enum(['development', 'production']).optional().describe('"production" (default: https only) or "development".'),
    callbackPath: z.string().optional().describe('Callback route, if not the one read from the app.'),
    loginPath: z.string().optional().describe('Route that starts a login (initiate-login URL).'),
    postLogoutPath: z.string().optional().describe('Where logout lands (default /).'),
    confirm: z.boolean().optional().describe('true to apply, after the user saw the plan.'),
    rollback: z.boolean().optional().describe('true to undo earlier applies.'),
  }),
  outputSchema: redirectsResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runConfigureRedirects({ workspace, baseUrls: input.baseUrls ?? [], environmentType: input.environmentType, callbackPath: input.callbackPath, loginPath: input.loginPath, postLogoutPath: input.postLogoutPath, confirm: input.confirm, rollback: input.rollback });
    await context.log('info', `configureRedirects ${result.mode}: ${result.changes} change(s), ${result.refused.length} refused`);
    // The core's next sentence names the CLI too; over MCP it is the tool call alone.
    const structured = { ...result, next: result.next.replace(/ \(CLI: [^)]*\)/g, '') };
    return { structured, text: renderRedirectsResult(structured), next: nextAfterRedirects(result, input) };
  },
});
