import { z } from 'zod';
import { diagnoseLogin } from '../../monitor/diagnose-login.js';
import { diagnoseResultSchema } from '../../monitor/diagnose-result.js';
import { renderDiagnosis } from '../../monitor/render.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';
import { packageDirInput } from './importOrgs.js';

export const diagnoseLoginTool = defineTool({
  name: 'diagnoseLogin',
  title: 'Diagnose one user\'s sign-in',
  description:
    'Phase 5, one email that cannot sign in: user present, external_id as packaged, active memberships, SSO state, callback refused, ' +
    'last attempts. Ids and states of that user only; writes nothing.',
  inputSchema: z.object({
    workspace: workspaceInput,
    email: z.string().min(3).max(320).describe('The email the person signs in with.'),
    redirectUri: z.string().url().optional().describe("The app's login callback URL, named in the callback check."),
    packageDir: packageDirInput,
  }),
  outputSchema: diagnoseResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await diagnoseLogin({ workspace, email: input.email, redirectUri: input.redirectUri, packageDir: input.packageDir, confine: true });
    return { structured: result, text: renderDiagnosis(result) };
  },
});
