import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { migrationDir } from '../workspace/paths.js';
import { middlewareResultSchema, type MiddlewareResult } from './result.js';

/**
 * The codemod's last results with their diffs, for the migration report: the last run that wrote
 * (`middleware-apply.json`) and the last one that did not (`middleware-dry-run.json`). Owner-only.
 */
export function middlewareResultPath(workspace: string, kind: 'apply' | 'dry-run'): string {
  return join(migrationDir(workspace), `middleware-${kind}.json`);
}

export async function saveMiddlewareResult(workspace: string, result: MiddlewareResult): Promise<void> {
  const kind = result.applied ? 'apply' : 'dry-run';
  await writeFileAtomic(middlewareResultPath(workspace, kind), JSON.stringify({ savedAt: new Date().toISOString(), result }, null, 2) + '\n');
}

/** The saved result, or undefined when there is none; a file that is not one throws with the reason. */
export async function readMiddlewareResult(workspace: string, kind: 'apply' | 'dry-run'): Promise<{ savedAt: string; result: MiddlewareResult } | undefined> {
  let text: string;
  try {
    text = await readFile(middlewareResultPath(workspace, kind), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as { savedAt?: unknown; result?: unknown };
  const result = middlewareResultSchema.safeParse(parsed.result);
  if (!result.success || typeof parsed.savedAt !== 'string') throw new Error(`not a codemod result: ${result.error?.issues[0]?.message ?? 'savedAt missing'}`);
  return { savedAt: parsed.savedAt, result: result.data };
}
