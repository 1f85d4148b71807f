import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { migrationDir } from '../workspace/paths.js';
import { CODEMOD_MODES, VERIFY_METHODS } from './options.js';

export const codemodRunSchema = z.object({
  /** The application folder, relative to the workspace. */
  dir: z.string(),
  mode: z.enum(CODEMOD_MODES),
  verify: z.enum(VERIFY_METHODS),
  appliedAt: z.string(),
  changedFiles: z.array(z.string()),
});
export type CodemodRun = z.infer<typeof codemodRunSchema>;

export function codemodRunPath(workspace: string): string {
  return join(migrationDir(workspace), 'middleware.json');
}

/** Remembers the last applied run (folder and mode): the checklist's no-legacy check audits that folder. */
export async function recordCodemodRun(workspace: string, run: CodemodRun): Promise<void> {
  await writeFileAtomic(codemodRunPath(workspace), JSON.stringify(run, null, 2) + '\n');
}

/** The last applied run, or undefined when the codemod never applied (or the record is unreadable). */
export async function readCodemodRun(workspace: string): Promise<CodemodRun | undefined> {
  try {
    return codemodRunSchema.parse(JSON.parse(await readFile(codemodRunPath(workspace), 'utf8')));
  } catch {
    return undefined;
  }
}
