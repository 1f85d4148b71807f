import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

const IDENTITY = { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/**
 * A bare repository whose `main` holds this checkout's files as a clone would get them (ignored files and
 * build output left out, uncommitted edits included), so installers can be pointed at "the repository".
 */
export function snapshotRepository(bareDir: string): string {
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch', 'main', bareDir]);
  const env = { ...process.env, ...IDENTITY, GIT_DIR: bareDir, GIT_WORK_TREE: repoRoot, GIT_INDEX_FILE: join(bareDir, 'snapshot-index') };
  const git = (args: string[]) => execFileSync('git', args, { cwd: repoRoot, env, encoding: 'utf8' }).trim();
  git(['add', '--all', '.']);
  const commit = git(['commit-tree', git(['write-tree']), '-m', 'snapshot of the working tree']);
  git(['update-ref', 'refs/heads/main', commit]);
  return bareDir;
}

export const gitIdentity = IDENTITY;
