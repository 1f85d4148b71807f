// Commits the built plugin/ folder as the tip of a release branch (default `claude-plugin`) without touching the
// working tree, so `claude plugin marketplace add <owner>/<repo>#claude-plugin` installs it from git and main
// stays free of build output. Usage: tsx scripts/plugin-branch.ts [--plugin DIR] [--branch NAME] [--repo DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1]! : fallback;
};
const pluginDir = resolve(flag('--plugin', join(root, 'plugin')));
const branch = flag('--branch', 'claude-plugin');
const repo = resolve(flag('--repo', root));
if (!existsSync(join(pluginDir, '.claude-plugin', 'marketplace.json'))) throw new Error(`${pluginDir} is not a built plugin: run npm run build first`);

const scratch = mkdtempSync(join(tmpdir(), 'skm-plugin-branch-'));
const git = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_INDEX_FILE: join(scratch, 'index'), ...env } }).trim();
try {
  git(['--work-tree', pluginDir, 'add', '--all', '--force', '.']);
  const tree = git(['write-tree']);
  let parent: string | undefined;
  try {
    parent = git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]);
  } catch {
    parent = undefined;
  }
  if (parent && git(['rev-parse', `${parent}^{tree}`]) === tree) {
    console.log(`${branch} already holds this build (${parent.slice(0, 12)})`);
  } else {
    const source = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const commit = git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', `Built plugin from ${source}`]);
    git(['update-ref', `refs/heads/${branch}`, commit]);
    console.log(`${branch} -> ${commit.slice(0, 12)} (plugin built from ${source}); push it with: git push origin ${branch}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
