import { join } from 'node:path';

/** Where every phase keeps its outputs inside the user's workspace. */
export const MIGRATION_DIR_NAME = '.scalekit-migration';

export function migrationDir(workspace: string): string {
  return join(workspace, MIGRATION_DIR_NAME);
}

export function checklistStatePath(workspace: string): string {
  return join(migrationDir(workspace), 'state.json');
}
