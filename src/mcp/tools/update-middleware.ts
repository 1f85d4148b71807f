import { z } from 'zod';
import { CODEMOD_MODES, VERIFY_METHODS } from '../../middleware/options.js';
import { middlewareResultSchema } from '../../middleware/result.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

export const updateMiddlewareTool = defineTool({
  name: 'updateMiddleware',
  title: "Rewrite the app's token validation for Scalekit",
  description:
    "Phase 4 (and the legacy removal of phase 5). Codemod over the application's JS/TS code, guided by a fresh audit: hand-written " +
    'jsonwebtoken checks, express-jwt, passport-jwt, passport sessions (req.isAuthenticated), koa-jwt, @fastify/jwt, NestJS JwtStrategy/AuthGuard, ' +
    'Next.js middleware (next-auth withAuth) and getServerSession are rewritten to accept Scalekit access tokens, with role checks reading the roles ' +
    'claim. It generates the app\'s Scalekit auth module (JWKS verification with issuer and audience, claims mapped onto the legacy user: id from ' +
    'xuid, organization from xoid, roles under their legacy names) and client module (login URL, code exchange, refresh, logout URL), and adds their ' +
    'dependencies to package.json. mode "dual" (default) keeps legacy credentials working behind AUTH_PROVIDER=legacy|dual|scalekit, read per ' +
    'request; mode "scalekit" removes the legacy path. Without `confirm` it is a dry run: a unified diff per file and the manual follow-ups, nothing ' +
    'written. With `confirm: true` it writes, and refuses a git tree with uncommitted changes unless `force`. Show the diff and the follow-ups and ' +
    'get the user\'s approval before confirming; never force without asking.',
  inputSchema: z.object({
    workspace: workspaceInput,
    dir: z.string().optional().describe('Application folder relative to the workspace (e.g. "apps/api"); defaults to the workspace.'),
    mode: z.enum(CODEMOD_MODES).optional().describe('"dual" (default): Scalekit and legacy credentials, switched by AUTH_PROVIDER at run time. "scalekit": remove the legacy path (phase 5).'),
    verify: z.enum(VERIFY_METHODS).optional().describe('"jwks" (default): jose with a JWKS cache refetched on an unknown kid. "sdk": the Scalekit SDK\'s validateToken (its JWKS is never refreshed: restart after a key rotation).'),
    confirm: z.boolean().optional().describe('true to write the changes; omit for a dry run.'),
    force: z.boolean().optional().describe('Write even though the git tree has uncommitted changes. Ask the user first.'),
    packageDir: z.string().optional().describe('Migration package whose roles.ndjson gives legacy role names; defaults to the one exportUsers wrote last.'),
  }),
  outputSchema: middlewareResultSchema,
  // It edits the application's source files (with confirm), which is why it is neither read-only nor idempotent-safe to
  // call blindly; a second identical call changes nothing, and it never reaches the network.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    // Loaded on first use: the codemod brings the TypeScript compiler and the audit rules.
    const [{ runMiddlewareCodemod }, { renderMiddlewareResult }] = await Promise.all([import('../../middleware/run-codemod.js'), import('../../middleware/render.js')]);
    const workspace = callWorkspace(context.serverRoot, input.workspace);
    const result = await runMiddlewareCodemod({
      workspace,
      dir: input.dir,
      mode: input.mode,
      verify: input.verify,
      apply: input.confirm === true,
      force: input.force,
      packageDir: input.packageDir,
      signal: context.signal,
    });
    await context.log('info', `updateMiddleware ${result.mode}: ${result.summary.filesChanged} files ${result.applied ? 'written' : 'in the diff'}, ${result.summary.followUps} follow-ups`);
    return { structured: result, text: renderMiddlewareResult(result) };
  },
});
