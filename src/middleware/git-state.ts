import { spawnSync } from 'node:child_process';

export interface GitState {
  /** false when the folder is not in a git work tree (or git is missing). */
  repository: boolean;
  /** Paths with uncommitted changes (`git status --porcelain`), relative to the folder. */
  dirty: string[];
}

/** Uncommitted changes under `dir`: the codemod refuses to write over them unless forced. */
export function gitState(dir: string): GitState {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return { repository: false, dirty: [] };
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], { cwd: dir, encoding: 'utf8' });
  if (status.status !== 0) return { repository: true, dirty: [`(git status failed: ${status.stderr.trim()})`] };
  const dirty = status.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !/(?:^|\/)\.scalekit-migration\//.test(path));
  return { repository: true, dirty };
}
