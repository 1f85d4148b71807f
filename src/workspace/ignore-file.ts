import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MIGRATION_DIR_NAME } from './paths.js';

/** What `.scalekit-migration/.gitignore` holds: everything in the folder stays out of git, the file itself included. */
export const MIGRATION_DIR_GITIGNORE = '# Written by scalekit-migrate: this folder holds user data (emails, ids) and reports; keep it out of git.\n*\n';

/**
 * Called with a path about to be written: when it lies in a `.scalekit-migration` folder, that folder gets its
 * `.gitignore` (once; an existing one is left as the user has it), so `git add .` cannot commit exported users.
 */
export function ignoreMigrationFolder(path: string): void {
  for (let current = path; dirname(current) !== current; current = dirname(current)) {
    if (basename(current) !== MIGRATION_DIR_NAME) continue;
    try {
      writeFileSync(join(current, '.gitignore'), MIGRATION_DIR_GITIGNORE, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return;
  }
}
