import { z } from 'zod';
import { CODEMOD_MODES, VERIFY_METHODS } from '../../middleware/options.js';
import { fileChangeSchema, middlewareResultSchema } from '../../middleware/result.js';
import { artefactLines, artefactSchema, writeArtefact } from '../artefact-files.js';
import { nextAfterMiddleware } from '../next-steps.js';
import { RESULT_BUDGET, fitArrays, fitLines } from '../result-budget.js';
import { defineTool } from '../tool.js';
import { callWorkspace, workspaceInput } from '../workspace-input.js';

/** The codemod's result without the diffs, which go to a file the result names (the generated modules are in it). */
const middlewareToolOutputSchema = middlewareResultSchema.extend({
  files: z.array(fileChangeSchema.omit({ diff: true }).extend({ diffLines: z.number().int() })),
  artefacts: z.array(artefactSchema),
  /** Items each list lost to the result budget (all of them are in the diff file and in `--json`). */
  leftOut: z.record(z.string(), z.number().int()),
});

export const updateMiddlewareTool = defineTool({
  name: 'updateMiddleware',
  title: "Rewrite the app's token validation for Scalekit",
  description:
    "Phase 4 (and 5). Codemod: the app's JS/TS token and session checks accept Scalekit tokens, role checks read the roles claim. " +
    'Without `confirm`: a dry run (diff in a file); `confirm: true` writes, once the user approved.',
  inputSchema: z.object({
    workspace: workspaceInput,
    dir: z.string().optional().describe('App folder in the workspace; default: the workspace.'),
    mode: z.enum(CODEMOD_MODES).optional().describe('"dual" (default) or "scalekit" (phase 5: no legacy path).'),
    verify: z.enum(VERIFY_METHODS).optional().describe('"jwks" (default, refetches on unknown kid) or "sdk".'),
    confirm: z.boolean().optional().describe('true to write; omit for a dry run.'),
    force: z.boolean().optional().describe('Write despite uncommitted changes. Ask the user first.'),
    packageDir: z.string().optional().describe('Package naming the legacy roles; default: the last export.'),
  }),
  outputSchema: middlewareToolOutputSchema,
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
    const diff = result.files.map((file) => file.diff).join('\n');
    const artefacts = diff ? [await writeArtefact(workspace, result.applied ? 'diff (written)' : 'diff (dry run)', `updateMiddleware-${result.mode}${result.applied ? '-applied' : ''}.diff`, diff, context.serverRoot)] : [];
    const structured = {
      ...result,
      files: result.files.map(({ diff: fileDiff, ...file }) => ({ ...file, diffLines: fileDiff.split('\n').length })),
      artefacts,
      leftOut: {} as Record<string, number>,
    };
    structured.leftOut = fitArrays(structured, RESULT_BUDGET.structuredBytes - 256, ['followUps', 'rewrites', 'files', 'skipped', 'failures', 'claims.fields']);
    const body = renderMiddlewareResult(result, false).split('\n');
    const tail = ['', artefacts.length ? 'The whole diff, the generated modules included:' : 'No diff: nothing would change.', ...artefactLines(artefacts)];
    const text = [...fitLines(body, RESULT_BUDGET.textBytes - 600, (left) => `  ... and ${left} more lines (every follow-up is in structuredContent.followUps, every change in the diff file)`), ...tail].join('\n');
    return { structured, text, next: nextAfterMiddleware(result, input) };
  },
});
