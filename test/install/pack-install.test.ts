import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const inspectorCli = join(repoRoot, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');

function run(command: string, args: string[], cwd: string, timeoutSeconds: number, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutSeconds * 1000, env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return result;
}

function listTools(binary: string, workspace: string): string[] {
  // From the inspector's own folder: it looks for ../package.json from the working directory but imports it relative to
  // itself, so a package.json one level above the working directory (say /tmp/package.json) breaks it.
  const listed = run(process.execPath, [inspectorCli, '--cli', binary, 'mcp', '--workspace', workspace, '--method', 'tools/list'], dirname(inspectorCli), 60);
  expect(listed.status, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout.slice(listed.stdout.indexOf('{'))) as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
}

function provideNativeSqlite(consumer: string): void {
  const installed = join(consumer, 'node_modules', 'better-sqlite3');
  const local = join(repoRoot, 'node_modules', 'better-sqlite3');
  const versionOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  if (existsSync(join(local, 'build', 'Release', 'better_sqlite3.node')) && versionOf(local) === versionOf(installed)) {
    cpSync(join(local, 'build'), join(installed, 'build'), { recursive: true });
    return;
  }
  const rebuilt = run('npm', ['rebuild', 'better-sqlite3', '--prefix', consumer], consumer, 540, { npm_config_build_from_source: 'true' });
  expect(rebuilt.status, rebuilt.stderr).toBe(0);
}

/**
 * What a user gets from the registry: the package as `npm pack` makes it, installed into an empty folder with
 * npm (dependencies come from the npm registry or npm's cache). Install scripts are skipped and better-sqlite3's
 * compiled module comes from this checkout when the versions match (the same Node, the same source), else npm
 * rebuilds it from source: the 45 s compile is better-sqlite3's own business, and the suite runs on 2 cores.
 */
describe('the packed package, installed with npm into an empty folder', () => {
  it('runs --version, the demo (exit 0, report written) and tools/list through the MCP Inspector; without its native SQLite module it still serves MCP and says how to fix export', { timeout: 600_000 }, () => {
    const dir = tempDir('skm-install-');
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], repoRoot, 120);
    expect(packed.status, packed.stderr).toBe(0);
    const { filename, files } = (JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
    const shipped = new Set(files.map((file) => file.path));
    for (const path of ['dist/cli.js', 'SKILL.md', 'skills/scalekit-migrate/SKILL.md', 'examples/express-jwt-sqlite/gitignore', 'examples/express-jwt-sqlite/scripts/seed.js']) {
      expect(shipped.has(path), `${path} is not in the package`).toBe(true);
    }
    expect([...shipped].filter((path) => /^(test|src|bench|plugin|plugin-src)\//.test(path) || path.endsWith('.db'))).toEqual([]);

    const consumer = join(dir, 'consumer');
    mkdirSync(consumer);
    const installed = run('npm', ['install', '--prefix', consumer, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', join(dir, filename)], dir, 540);
    expect(installed.status, installed.stderr).toBe(0);
    provideNativeSqlite(consumer);
    const binary = join(consumer, 'node_modules', '.bin', 'scalekit-migrate');
    expect(existsSync(binary)).toBe(true);

    const versionRun = run(binary, ['--version'], consumer, 30);
    expect(versionRun.status, versionRun.stderr).toBe(0);
    expect(versionRun.stdout.trim()).toBe(version);
    const npxRun = run('npx', ['--no-install', 'scalekit-migrate', '--version'], consumer, 60);
    expect(npxRun.status, npxRun.stderr).toBe(0);
    expect(npxRun.stdout.trim()).toBe(version);

    const workspace = join(dir, 'demo');
    const demo = run(binary, ['demo', '--json', '--workspace', workspace], dir, 180);
    expect(demo.status, demo.stderr).toBe(0);
    const result = JSON.parse(demo.stdout) as { ok: boolean; report: string };
    expect(result.ok).toBe(true);
    expect(result.report).toBe(join(workspace, '.scalekit-migration', 'report.html'));
    expect(readFileSync(result.report, 'utf8')).toContain('data-metric="verify.mismatches" data-value="0"');

    expect(listTools(binary, dir)).toEqual(TOOLS.map((tool) => tool.name));

    // As after an install that did not build better-sqlite3 (npm 12 blocks unapproved install scripts; no compiler).
    const build = join(consumer, 'node_modules', 'better-sqlite3', 'build');
    renameSync(build, `${build}-away`);
    try {
      expect(listTools(binary, dir)).toEqual(TOOLS.map((tool) => tool.name));
      writeFileSync(join(dir, 'users.json'), JSON.stringify([{ external_id: 'u1', email: 'a@example.com', org_external_id: 'o1' }]));
      const exported = run(binary, ['export', '--source', 'json', '--file', 'users.json'], dir, 30);
      expect(exported.status).toBe(2);
      expect(exported.stderr).toContain('better-sqlite3');
      expect(exported.stderr).toContain('npm rebuild better-sqlite3');
      expect(exported.stderr).not.toMatch(/\n\s+at /);
      const checklist = run(binary, ['checklist', dir, '--json'], dir, 30);
      expect(checklist.status).toBe(0);
    } finally {
      renameSync(`${build}-away`, build);
    }
  });
});
