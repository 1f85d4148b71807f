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
    'Phase 5, for one email that cannot sign in (or a failure monitorCutover listed): is the user in Scalekit, is their external_id the package\'s, ' +
    'which memberships are ACTIVE, is SSO enabled for their organizations, was the callback URL refused, and their last sign-in attempts. ' +
    'Answers with ids and states for this one user, never a user list. Writes nothing.',
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
