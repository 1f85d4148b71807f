import { z } from 'zod';
import { renderRedirectsResult } from '../../redirects/render.js';
import { redirectsResultSchema } from '../../redirects/result.js';
import { runConfigureRedirects } from '../../redirects/run-redirects.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const configureRedirectsTool = defineTool({
  name: 'configureRedirects',
  title: "Register the app's callback, post-logout and initiate-login URLs in Scalekit",
  description:
    "Phase 3. Reads the app's login, callback and logout routes (from the audit and the codemod's run record) and the Scalekit " +
    "environment client's current URLs, and plans the missing callback (redirect) URLs, post-logout URLs and initiate-login URL for " +
    'each public base URL. Ask the user for the base URL(s) the app is reached at in this environment (e.g. https://app.example.com, ' +
    'http://localhost:3000 for development). http:// is refused except for localhost/127.0.0.1; wildcards only with environmentType ' +
    '"development", as Scalekit allows. Without `confirm` it is a plan; with `confirm: true` it applies it (journaled, previous values ' +
    'kept); `rollback: true` removes what its applies added. Idempotent: a second apply changes nothing.',
  inputSchema: z.object({
    workspace: workspaceInput,
    baseUrls: z.array(z.string()).optional().describe('Public base URL(s) of the app in this Scalekit environment. Required except for rollback.'),
    environmentType: z.enum(['development', 'production']).optional().describe('Which of Scalekit\'s rule sets the environment follows; "production" (default) takes https only, no localhost, no wildcards.'),
    callbackPath: z.string().optional().describe('The callback route, when the app\'s differs from the one read from the audit (default: beside the login route, e.g. /auth/callback).'),
    loginPath: z.string().optional().describe('The route that starts a login (becomes the initiate-login URL).'),
    postLogoutPath: z.string().optional().describe('Where the browser lands after logout (default /).'),
    confirm: z.boolean().optional().describe('true to apply the plan; show the plan to the user first.'),
    rollback: z.boolean().optional().describe('true to remove what earlier applies added and put the initiate-login URL back.'),
  }),
  outputSchema: redirectsResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runConfigureRedirects({ workspace, baseUrls: input.baseUrls ?? [], environmentType: input.environmentType, callbackPath: input.callbackPath, loginPath: input.loginPath, postLogoutPath: input.postLogoutPath, confirm: input.confirm, rollback: input.rollback });
    await context.log('info', `configureRedirects ${result.mode}: ${result.changes} change(s), ${result.refused.length} refused`);
    return { structured: result, text: renderRedirectsResult(result) };
  },
});
