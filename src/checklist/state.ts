import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { checklistStatePath } from '../workspace/paths.js';

export const MANUAL_STATUSES = ['done', 'pending', 'skipped', 'blocked'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

const itemStateSchema = z.object({
  status: z.enum(MANUAL_STATUSES),
  note: z.string().optional(),
  updatedAt: z.string(),
});

const stateSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  items: z.record(z.string(), itemStateSchema),
});

export type ChecklistState = z.infer<typeof stateSchema>;
export type ItemState = z.infer<typeof itemStateSchema>;

export function emptyState(now = new Date().toISOString()): ChecklistState {
  return { version: 1, createdAt: now, updatedAt: now, items: {} };
}

/**
 * Reads the state file; a missing file is an empty state. A file that is not valid
 * is moved aside (never overwritten) and reported with its path and the problem.
 */
export async function loadState(workspace: string): Promise<ChecklistState> {
  const path = checklistStatePath(workspace);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  const problem = findProblem(text);
  if (problem === undefined) return stateSchema.parse(JSON.parse(text));
  const asidePath = `${path}.malformed-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, asidePath);
  throw new UserInputError(
    `checklist state file ${path} is malformed (${problem}); it was moved to ${asidePath} and a fresh state will be started on the next call`,
  );
}

function findProblem(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const result = stateSchema.safeParse(parsed);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `at ${issue?.path.length ? issue.path.join('.') : 'the top level'}: ${issue?.message}`;
}

export async function saveState(workspace: string, state: ChecklistState): Promise<void> {
  await writeFileAtomic(checklistStatePath(workspace), JSON.stringify(state, null, 2) + '\n');
}
