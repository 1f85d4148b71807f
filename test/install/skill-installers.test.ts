import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'skills-ref';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILL_NAMES } from '../../src/skills/catalog.js';
import { repoRoot } from '../helpers/cli.js';
import { serveGitOverHttp } from '../helpers/git-http.js';
import { snapshotRepository } from '../helpers/repo-snapshot.js';
import { tempDir } from '../helpers/temp-dir.js';

const ALL_SKILLS = ['scalekit-migrate', ...SKILL_NAMES].sort();
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

/** The installers are npm packages (devDependencies); they run with a throw-away HOME and no telemetry. */
function install(command: string, args: string[], cwd: string, home: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, HOME: home, DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1', CI: '1' };
    const child = spawn(bin(command), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const stats = statSync(join(dir, String(entry)));
    if (stats.isFile()) total += stats.size;
  }
  return total;
}

/** Exactly the eight skills, each a small folder whose SKILL.md is the repository's and which skills-ref validates. */
async function expectInstalledSkills(location: string): Promise<void> {
  expect(readdirSync(location).sort(), location).toEqual(ALL_SKILLS);
  for (const name of ALL_SKILLS) {
    const folder = realpathSync(join(location, name));
    expect(folderSize(folder), folder).toBeLessThan(200 * 1024);
    expect(readFileSync(join(folder, 'SKILL.md'), 'utf8')).toBe(readFileSync(join(repoRoot, 'skills', name, 'SKILL.md'), 'utf8'));
    // skills-ref's own validator (what `skills-ref validate <folder>` runs), without a process per folder.
    expect(await validate(folder), folder).toEqual([]);
  }
}

describe('skill installers pick the eight skills under skills/, not the repository', () => {
  // One snapshot of the repository (a bare git repository) and one clone of it, shared by the tests below.
  let shared: string;
  let bare: string;
  let clone: string;
  beforeAll(() => {
    shared = mkdtempSync(join(tmpdir(), 'skm-skills-repo-'));
    bare = snapshotRepository(join(shared, 'scalekit-migrate.git'));
    clone = join(shared, 'scalekit-migrate');
    execFileSync('git', ['clone', '--quiet', bare, clone]);
  });
  afterAll(() => rmSync(shared, { recursive: true, force: true }));

  it('`npx skills add <clone> --global` installs them for Claude Code, Cursor and Windsurf', { timeout: 120_000 }, async () => {
    const home = tempDir('skm-home-');
    for (const dir of ['.claude', '.cursor', '.codeium/windsurf']) mkdirSync(join(home, dir), { recursive: true });
    const added = await install('skills', ['add', clone, '--global', '--agent', 'claude-code', 'cursor', 'windsurf', '--yes'], home, home);
    expect(added.status, added.output).toBe(0);
    await expectInstalledSkills(join(home, '.claude', 'skills'));
    await expectInstalledSkills(join(home, '.codeium', 'windsurf', 'skills'));
    // Cursor reads the shared ~/.agents/skills folder, where the installer keeps the copies the others link to.
    await expectInstalledSkills(join(home, '.agents', 'skills'));
  });

  it('`npx skills add <git url>` clones the repository and installs them into a project', { timeout: 120_000 }, async () => {
    const server = await serveGitOverHttp(shared);
    try {
      const home = tempDir('skm-home-');
      const project = join(home, 'project');
      mkdirSync(project);
      const added = await install('skills', ['add', `${server.url}/scalekit-migrate.git`, '--agent', 'claude-code', '--yes'], project, home);
      expect(added.status, added.output).toBe(0);
      await expectInstalledSkills(join(project, '.claude', 'skills'));
    } finally {
      await server.close();
    }
  });

  it('`npx openskills install <clone>/skills --global` installs them for Claude Code', { timeout: 120_000 }, async () => {
    const home = tempDir('skm-home-');
    const installed = await install('openskills', ['install', join(clone, 'skills'), '--global', '--yes'], home, home);
    expect(installed.status, installed.output).toBe(0);
    await expectInstalledSkills(join(home, '.claude', 'skills'));
  });
});
