import { z } from 'zod';
import { CODEMOD_MODES, VERIFY_METHODS } from './options.js';

export const followUpSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  /** What kind of work is left: a finding not rewritten, an unsafe role check, a claim with no source... */
  kind: z.enum(['not-rewritten', 'rbac', 'claims', 'login-routes', 'token-issuance', 'logout', 'refresh', 'session', 'dependencies', 'environment', 'transform-failed', 'review']),
  message: z.string(),
  ruleId: z.string().optional(),
});

export const fileChangeSchema = z.object({
  /** Relative to the application folder, POSIX. */
  file: z.string(),
  status: z.enum(['created', 'modified']),
  /** Transform ids that edited the file (`generated` for the generated modules, `package.json` for dependencies). */
  transforms: z.array(z.string()),
  /** Unified diff of the file (against /dev/null for a new file). */
  diff: z.string(),
});

export const middlewareResultSchema = z.object({
  tool: z.literal('updateMiddleware'),
  dir: z.string(),
  mode: z.enum(CODEMOD_MODES),
  verify: z.enum(VERIFY_METHODS),
  /** true when the changes were written; false for a dry run (or nothing to write). */
  applied: z.boolean(),
  /** Nothing would change: the codemod already ran with these inputs. */
  unchanged: z.boolean(),
  generatedModule: z.object({ auth: z.string(), client: z.string(), language: z.enum(['typescript', 'javascript']), format: z.enum(['esm', 'commonjs']) }),
  claims: z.object({
    fields: z.array(z.object({ name: z.string(), source: z.string(), type: z.enum(['string', 'number']).optional(), seenAt: z.string().optional() })),
    roleNames: z.record(z.string(), z.string()),
    roleAliases: z.record(z.string(), z.string()),
    roleNamesFrom: z.string().optional(),
  }),
  files: z.array(fileChangeSchema),
  rewrites: z.array(z.object({ transform: z.string(), file: z.string(), line: z.number().int(), message: z.string() })),
  followUps: z.array(followUpSchema),
  failures: z.array(z.object({ transform: z.string(), files: z.array(z.string()), error: z.string() })),
  dependencies: z.object({ added: z.record(z.string(), z.string()), packageJson: z.string().optional() }),
  audit: z.object({ findings: z.number().int(), considered: z.number().int() }),
  /** Source files the codemod could not examine (unparsable, unreadable, too large): each is also a follow-up. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string(), detail: z.string().optional() })).optional(),
  summary: z.object({ filesChanged: z.number().int(), rewrites: z.number().int(), followUps: z.number().int(), failures: z.number().int(), skipped: z.number().int().optional() }),
});

export type FollowUp = z.infer<typeof followUpSchema>;
export type FileChange = z.infer<typeof fileChangeSchema>;
export type MiddlewareResult = z.infer<typeof middlewareResultSchema>;
