import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { cp, mkdir, readdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { MIGRATION_DIR_NAME } from '../workspace/paths.js';
import { linkAppDependencies } from './node-modules.js';

/** The sample legacy app the demo migrates, shipped with the package. */
export const SAMPLE_APP = join(packageRoot, 'examples', 'express-jwt-sqlite');
const LEFT_OUT = new Set(['node_modules', 'data', MIGRATION_DIR_NAME]);

/** An empty folder for the demo: the one asked for (created, or empty) or a fresh one under the OS temp folder. */
export async function prepareWorkspace(requested: string | undefined): Promise<string> {
  if (!requested) return realpathSync(mkdtempSync(join(tmpdir(), 'scalekit-migrate-demo-')));
  const dir = resolve(requested);
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length) throw new UserInputError(`demo workspace ${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}): name a new or empty folder`);
  return realpathSync(dir);
}

/** Copies the sample app into the workspace (without installed modules, databases or earlier results) and links its dependencies. */
export async function copySampleApp(workspace: string): Promise<{ files: number; dependencies: string[] }> {
  await cp(SAMPLE_APP, workspace, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(source.slice(SAMPLE_APP.length + 1).split(/[\\/]/)[0] ?? ''),
  });
  // npm never packs a file named .gitignore, so the sample ships it as `gitignore`.
  await rename(join(workspace, 'gitignore'), join(workspace, '.gitignore'));
  const entries = await readdir(workspace, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).length;
  return { files, dependencies: await linkAppDependencies(workspace) };
}

export interface SeedSummary {
  users: number;
  dirtyUsers: number;
  organizations: number;
  roles: number;
  memberships: number;
}

/** A user to sign in as: the seed's first admin. The email stays inside the demo; results name the id. */
export interface DemoUser {
  externalId: string;
  email: string;
  organization: string;
}

/** Runs the app's own seed script (`node scripts/seed.js`), which writes data/app.db the same way every time. */
export interface DemoUsers {
  admin: DemoUser;
  billingAdmin: DemoUser;
  member: DemoUser;
}

export async function seedDatabase(workspace: string): Promise<{ summary: SeedSummary; users: DemoUsers }> {
  const { stdout } = await runNode(workspace, ['scripts/seed.js', '--json'], { DATABASE_PATH: join(workspace, 'data', 'app.db') });
  type Sample = { id: number; email: string; organization: string };
  const seeded = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as SeedSummary & { sampleUsers?: Record<string, Sample | undefined> };
  const pick = (role: string): DemoUser => {
    const sample = seeded.sampleUsers?.[role];
    if (!sample) throw new Error(`the seed script named no "${role}" user to sign in with`);
    return { externalId: String(sample.id), email: sample.email, organization: sample.organization };
  };
  return {
    summary: { users: seeded.users, dirtyUsers: seeded.dirtyUsers, organizations: seeded.organizations, roles: seeded.roles, memberships: seeded.memberships },
    users: { admin: pick('admin'), billingAdmin: pick('Billing Admin'), member: pick('member') },
  };
}

/**
 * Commits the sample as it was before the migration, when git is installed: the codemod wants a
 * clean tree, and `git diff HEAD~1` then shows what it changed. Without git the demo goes on.
 */
export async function commitSampleApp(workspace: string): Promise<boolean> {
  try {
    await git(workspace, 'init', '-q');
  } catch {
    return false;
  }
  return commitWorkspace(workspace, 'The legacy app before the migration');
}

/** Commits everything in the workspace's git repository; false when there is none. */
export async function commitWorkspace(workspace: string, message: string): Promise<boolean> {
  try {
    await git(workspace, 'rev-parse', '--is-inside-work-tree');
  } catch {
    return false;
  }
  await git(workspace, 'add', '-A');
  await git(workspace, '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', message);
  return true;
}

function git(workspace: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const who = { GIT_AUTHOR_NAME: 'scalekit-migrate demo', GIT_AUTHOR_EMAIL: 'demo@example.invalid', GIT_COMMITTER_NAME: 'scalekit-migrate demo', GIT_COMMITTER_EMAIL: 'demo@example.invalid' };
  return run('git', args, workspace, who);
}

export function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, args, cwd, env);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`${command === process.execPath ? 'node' : command} ${args.join(' ')} exited ${code}: ${(stderr || stdout).trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}
