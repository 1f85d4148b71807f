// Checks out the real public applications a bench list names, each at its pinned commit, from the bare
// git directories the search tool's fetch left on this machine. Their code is never part of this repo.
//
//   npx tsx bench/real-apps/checkout.ts bench/real-apps/audit.json [--only NAME,NAME]
//
// A list is `{ "apps": [{ "name", "repo": "owner/name", "commit", ... }] }`.
// SCALEKIT_MIGRATE_MIRRORS: where the fetched mirrors are (default /work/.mirror, one folder per `owner+name`).
// SCALEKIT_MIGRATE_REAL_APPS: where the work trees go (default /work/real-apps, one folder per app name).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RealApp {
  name: string;
  repo: string;
  commit: string;
  [key: string]: unknown;
}

export const mirrorsDir = () => process.env.SCALEKIT_MIGRATE_MIRRORS ?? '/work/.mirror';
export const realAppsDir = () => process.env.SCALEKIT_MIGRATE_REAL_APPS ?? '/work/real-apps';

export function readAppList(listFile: string): RealApp[] {
  const list = JSON.parse(readFileSync(listFile, 'utf8')) as { apps?: RealApp[] };
  if (!Array.isArray(list.apps)) throw new Error(`${listFile}: no "apps" array`);
  for (const app of list.apps) {
    if (!/^[\w.-]+$/.test(app.name) || !/^[\w.-]+\/[\w.-]+$/.test(app.repo) || !/^[0-9a-f]{40}$/.test(app.commit)) {
      throw new Error(`${listFile}: app ${JSON.stringify(app.name)} needs a plain name, repo "owner/name" and a 40-hex commit`);
    }
  }
  return list.apps;
}

/** The bare git directory fetch made for `owner/name`, or undefined when it was never fetched here. */
export function mirrorGitDir(repo: string): string | undefined {
  const base = join(mirrorsDir(), repo.replace('/', '+'));
  return [join(base, 'repo', '.git'), join(base, 'repo')].find((dir) => existsSync(join(dir, 'HEAD')));
}

const git = (args: string[], cwd?: string, input?: string) =>
  execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 2 ** 20 }).trim();

/** Paths at `commit` whose blobs the snapshot left out (fetch omits its largest files). */
function missingBlobPaths(repoDir: string, commit: string): string[] {
  const blobs = git(['ls-tree', '-r', '-z', commit], repoDir)
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [meta, path] = entry.split('\t');
      const [, type, id] = meta!.split(' ');
      return { type, id: id!, path: path! };
    })
    .filter((entry) => entry.type === 'blob');
  const checks = git(['cat-file', '--batch-check'], repoDir, blobs.map((blob) => blob.id).join('\n') + '\n').split('\n');
  return blobs.filter((_, index) => checks[index]?.endsWith(' missing')).map((blob) => blob.path);
}

/** Checks out `commit`, leaving out (and listing on stderr) the files whose content the snapshot lacks. */
function checkoutCommit(repoDir: string, commit: string, name: string): void {
  const missing = missingBlobPaths(repoDir, commit);
  if (missing.length > 0) {
    console.error(`${name}: ${missing.length} file(s) absent from the snapshot, left out: ${missing.slice(0, 5).join(', ')}`);
    const escape = (path: string) => path.replace(/[\\*?[\]!#]/g, (char) => `\\${char}`);
    git(['sparse-checkout', 'set', '--no-cone', '--stdin'], repoDir, ['/*', ...missing.map((path) => `!/${escape(path)}`)].join('\n') + '\n');
  } else if (existsSync(join(repoDir, '.git', 'info', 'sparse-checkout'))) {
    git(['sparse-checkout', 'disable'], repoDir);
  }
  git(['checkout', '--quiet', '--force', '--detach', commit], repoDir);
}

/** Work tree of `app` at its pinned commit; reused when already there at that commit. */
export function checkoutApp(app: RealApp): string {
  const gitDir = mirrorGitDir(app.repo);
  if (!gitDir) throw new Error(`${app.repo} is not fetched: bring it with the search tool's fetch (mirrors: ${mirrorsDir()})`);
  const into = join(realAppsDir(), app.name);
  if (existsSync(join(into, '.git'))) {
    const head = git(['rev-parse', 'HEAD'], into);
    if (head === app.commit && git(['status', '--porcelain'], into) === '') return into;
    checkoutCommit(into, app.commit, app.name);
    git(['clean', '-fdxq'], into);
    return into;
  }
  mkdirSync(realAppsDir(), { recursive: true });
  git(['clone', '--quiet', '--shared', '--no-checkout', gitDir, into]);
  checkoutCommit(into, app.commit, app.name);
  return into;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [listFile, ...rest] = process.argv.slice(2);
  if (!listFile) {
    console.error('usage: tsx bench/real-apps/checkout.ts LIST.json [--only NAME,NAME]');
    process.exit(2);
  }
  const onlyAt = rest.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((rest[onlyAt + 1] ?? '').split(',')) : undefined;
  let failed = 0;
  for (const app of readAppList(listFile)) {
    if (only && !only.has(app.name)) continue;
    try {
      console.log(`${app.name}\t${checkoutApp(app)}`);
    } catch (error) {
      failed++;
      console.error(`${app.name}\t${(error as Error).message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
