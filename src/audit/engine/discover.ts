import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { SOURCE_GLOBS } from './ecosystem-of.js';

/** Tests, specs and their fixtures: not app code, and full of fake logins and tokens. */
export const TEST_IGNORES: readonly string[] = [
  '**/*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}',
  '**/*.{test,spec}-d.ts',
  '**/{test,tests,__tests__,__mocks__,spec,specs,e2e,cypress,playwright,app-tests}/**',
  '**/test_*.py',
  '**/*_test.{py,go}',
  '**/conftest.py',
  '**/src/test/**',
  '**/*{Test,Tests,IT}.{java,kt}',
  '**/*_spec.rb',
  '**/*Test.php',
  '**/database/factories/**',
  // Storybook stories: components shown with made-up props and mocked requests, not app code.
  '**/*.stories.{js,jsx,ts,tsx,mjs,mdx}',
  '**/.storybook/**',
];

/** Translation strings (Laravel `lang/<locale>/*.php`, Rails `config/locales`): words about logins, never code. */
export const LOCALE_IGNORES: readonly string[] = ['**/resources/lang/**', '**/lang/*/*.php', '**/config/locales/**'];

/** Never audited: dependencies, build output, caches, vendored and minified code, our own reports. */
export const DEFAULT_IGNORES: readonly string[] = [
  '**/node_modules/**',
  '**/bower_components/**',
  '**/jspm_packages/**',
  '**/vendor/**',
  '**/dist/**',
  '**/build/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.svelte-kit/**',
  '**/.output/**',
  '**/.turbo/**',
  '**/.cache/**',
  '**/coverage/**',
  '**/.git/**',
  '**/.hg/**',
  '**/.svn/**',
  '**/.scalekit-migration/**',
  '**/__pycache__/**',
  '**/.venv/**',
  '**/venv/**',
  '**/site-packages/**',
  '**/target/**',
  '**/.gradle/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.min.cjs',
  '**/*-min.js',
  '**/*.bundle.js',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  // Generated code (TanStack route trees, OpenAPI clients): regenerated from its source, never edited by hand.
  '**/*.gen.{js,jsx,ts,tsx,mjs,cjs}',
  '**/*.generated.{js,jsx,ts,tsx,mjs,cjs}',
  ...TEST_IGNORES,
  ...LOCALE_IGNORES,
];

export interface Discovery {
  /** Relative POSIX paths, sorted by code point. */
  files: string[];
  /** Files left out by a .gitignore. */
  gitignored: number;
  /** Files left out as a package's maintenance scripts (see `isPackageScript`). */
  packageScripts: number;
  /** Files left out as Storybook stories and their helpers (see `isStorybookStory`). */
  storybookStories: number;
}

/** What marks a folder as the root of a package or project, in the stacks the audit reads. */
const PACKAGE_MANIFESTS = ['package.json', 'pyproject.toml', 'setup.py', 'requirements.txt', 'Gemfile', 'composer.json', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts'];

/**
 * Lists the files to audit under `root`: source globs minus the default ignores and every
 * .gitignore in the tree (each applied to its own folder). Symbolic links are never followed
 * nor listed, so the audit cannot leave the root.
 */
export async function discoverFiles(root: string): Promise<Discovery> {
  const rootGitignore = await readGitignore(join(root, '.gitignore'));
  const entries = await fg([...SOURCE_GLOBS, '**/.gitignore'], {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    unique: true,
    ignore: [...DEFAULT_IGNORES, ...prunableGlobs(rootGitignore)],
  });
  const gitignores = new Map<string, Ignore>();
  if (rootGitignore !== undefined) gitignores.set('', ignore().add(rootGitignore));
  const sources: string[] = [];
  for (const entry of entries) {
    if (entry === '.gitignore' || entry.endsWith('/.gitignore')) {
      const folder = entry === '.gitignore' ? '' : entry.slice(0, -'/.gitignore'.length);
      if (folder !== '') {
        const text = await readGitignore(join(root, entry));
        if (text !== undefined) gitignores.set(folder, ignore().add(text));
      }
    } else {
      sources.push(entry);
    }
  }
  const kept = gitignores.size === 0 ? sources : sources.filter((file) => !isGitignored(file, gitignores));
  const folders = new FolderProbe(root);
  const scripts = new Set(kept.filter((file) => isPackageScript(file, folders)));
  const files = kept.filter((file) => !scripts.has(file) && !isStorybookStory(file, folders));
  files.sort(comparePaths);
  return { files, gitignored: sources.length - kept.length, packageScripts: scripts.size, storybookStories: kept.length - scripts.size - files.length };
}

/**
 * A file in the `scripts/` (Rails: `script/`) folder at the root of a package — beside its
 * package.json, pyproject.toml, Gemfile... — is run by hand or by CI (clear sessions, seed a dev
 * admin, backfill a column), outside the app's request path: it is not migrated with the app.
 * A `scripts` folder deeper in the source (`src/app/api/scripts/route.ts`) is app code.
 */
function isPackageScript(file: string, folders: FolderProbe): boolean {
  const segments = file.split('/');
  for (let at = 0; at < segments.length - 1; at++) {
    if ((segments[at] === 'scripts' || segments[at] === 'script') && folders.isPackageRoot(segments.slice(0, at).join('/'))) return true;
  }
  return false;
}

/**
 * A file under a `stories/` folder of a package that holds a Storybook setup (`.storybook/` at
 * the package root or a folder between): components shown with made-up props and mocked
 * requests, like the `*.stories.*` files already left out. Only ancestors up to the nearest
 * package manifest are looked at, so a `stories` feature of an app without Storybook stays.
 */
function isStorybookStory(file: string, folders: FolderProbe): boolean {
  const segments = file.split('/');
  const at = segments.indexOf('stories');
  if (at < 0 || at === segments.length - 1) return false;
  for (let depth = at; depth >= 0; depth--) {
    const folder = segments.slice(0, depth).join('/');
    if (folders.hasStorybook(folder)) return true;
    if (folders.isPackageRoot(folder)) return false;
  }
  return false;
}

/** What a folder of the tree holds (a package manifest, a Storybook setup), each looked up once. */
class FolderProbe {
  private readonly manifests = new Map<string, boolean>();
  private readonly storybooks = new Map<string, boolean>();

  constructor(private readonly root: string) {}

  isPackageRoot(folder: string): boolean {
    if (!this.manifests.has(folder)) this.manifests.set(folder, PACKAGE_MANIFESTS.some((manifest) => existsSync(join(this.root, folder, manifest))));
    return this.manifests.get(folder)!;
  }

  hasStorybook(folder: string): boolean {
    if (!this.storybooks.has(folder)) this.storybooks.set(folder, existsSync(join(this.root, folder, '.storybook')));
    return this.storybooks.get(folder)!;
  }
}

function isGitignored(file: string, gitignores: Map<string, Ignore>): boolean {
  const rootRules = gitignores.get('');
  if (rootRules?.ignores(file)) return true;
  let slash = file.indexOf('/');
  while (slash !== -1) {
    const folder = file.slice(0, slash);
    const rules = gitignores.get(folder);
    if (rules?.ignores(file.slice(slash + 1))) return true;
    slash = file.indexOf('/', slash + 1);
  }
  return false;
}

async function readGitignore(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Root .gitignore lines simple enough to hand to fast-glob, so ignored folders are not even
 * walked. Only plain names are used, and none at all when the file re-includes anything (`!`);
 * the exact filtering is still done by `ignore` afterwards.
 */
function prunableGlobs(gitignore: string | undefined): string[] {
  if (!gitignore) return [];
  const lines = gitignore.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  if (lines.some((line) => line.startsWith('!'))) return [];
  const globs: string[] = [];
  for (const line of lines) {
    const match = /^(\/)?([A-Za-z0-9._-]+)(\/)?$/.exec(line);
    if (!match || match[2] === '.' || match[2] === '..') continue;
    const name = match[2]!;
    const anchored = match[1] === '/';
    const base = anchored ? name : `**/${name}`;
    globs.push(`${base}/**`);
    if (!match[3]) globs.push(base);
  }
  return globs;
}

/** Code-point order, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
