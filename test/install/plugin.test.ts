import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { repoRoot } from '../helpers/cli.js';
import { serveGitOverHttp } from '../helpers/git-http.js';
import { gitIdentity, snapshotRepository } from '../helpers/repo-snapshot.js';
import { tempDir } from '../helpers/temp-dir.js';

const pluginDir = join(repoRoot, 'plugin');
const inspectorCli = join(repoRoot, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');
const TEN_MB = 10 * 1024 * 1024;

/** Claude Code's CLI, when installed (`.ci/run` installs it; `npm i -g @anthropic-ai/claude-code`). */
const claude = process.env.SCALEKIT_MIGRATE_CLAUDE ?? whichClaude();

function whichClaude(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v claude'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number }): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', timeout: (options.timeoutSeconds ?? 60) * 1000 });
  if (result.error) throw result.error;
  return result;
}

/** As run(), without blocking this process: the loopback git server answers from this event loop. */
function runAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function treeSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function hasNodeModulesAbove(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) return true;
    if (dirname(current) === current) return false;
  }
}

/** Claude Code with a throw-away HOME and no traffic beyond loopback. */
function claudeEnv(home: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1' };
}

function builtPlugin(): string {
  if (!existsSync(join(pluginDir, 'server', 'cli.js'))) throw new Error('plugin/ is not built: run `npm run build` (npm test does)');
  return pluginDir;
}

describe('the plugin folder (plugin/, built by npm run build)', () => {
  it('holds only manifests, skills and the bundled server, under 10 MB, and starts the server with node', () => {
    const dir = builtPlugin();
    expect(readdirSync(dir).sort()).toEqual(['.claude-plugin', '.mcp.json', 'AUDIT-CHECKLIST.md', 'IMPORT-SAMPLES.md', 'SKILL.md', 'package.json', 'server', 'skills']);
    expect(treeSize(dir)).toBeLessThan(TEN_MB);
    expect(readdirSync(dir, { recursive: true }).filter((path) => String(path).split('/').includes('node_modules'))).toEqual([]);
    const { mcpServers } = JSON.parse(readFileSync(join(dir, '.mcp.json'), 'utf8'));
    expect([mcpServers['scalekit-migrate'].command, ...mcpServers['scalekit-migrate'].args]).toEqual(['node', '${CLAUDE_PLUGIN_ROOT}/server/cli.js', 'mcp']);
    const skills = readdirSync(join(dir, 'skills')).sort();
    expect(skills).toEqual(readdirSync(join(repoRoot, 'skills')).sort());
  });

  it('answers tools/list and lists the skill resources through the MCP Inspector with only node on PATH and no node_modules beside it; audit works, export says it needs better-sqlite3', () => {
    const home = tempDir('skm-plugin-alone-');
    const copy = join(home, 'scalekit-migrate');
    cpSync(builtPlugin(), copy, { recursive: true });
    expect(hasNodeModulesAbove(copy)).toBe(false);
    const workspace = join(home, 'app');
    cpSync(join(repoRoot, 'examples', 'express-jwt-sqlite'), workspace, { recursive: true });
    const nodeOnly = { PATH: dirname(process.execPath), HOME: home };

    const inspect = (method: string) => {
      const listed = run(process.execPath, [inspectorCli, '--cli', 'node', join(copy, 'server', 'cli.js'), 'mcp', '--workspace', workspace, '--method', method], { cwd: workspace, env: nodeOnly });
      expect(listed.status, listed.stderr).toBe(0);
      return JSON.parse(listed.stdout.slice(listed.stdout.indexOf('{')));
    };
    expect((inspect('tools/list') as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
    const resources = (inspect('resources/list') as { resources: Array<{ uri: string }> }).resources.map((resource) => resource.uri);
    expect(resources).toContain('skill://scalekit-migrate/SKILL.md');
    expect(resources).toContain('skill://scalekit-migrate/skills/scalekit-migrate-import/SKILL.md');

    const audit = run('node', [join(copy, 'server', 'cli.js'), 'audit', workspace, '--json'], { cwd: workspace, env: nodeOnly });
    expect(audit.status, audit.stderr).toBe(0);
    expect((JSON.parse(audit.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(5);

    writeFileSync(join(workspace, 'users.json'), JSON.stringify([{ external_id: 'u1', email: 'a@example.com', org_external_id: 'o1' }]));
    const exported = run('node', [join(copy, 'server', 'cli.js'), 'export', '--source', 'json', '--file', 'users.json'], { cwd: workspace, env: nodeOnly });
    expect(exported.status).toBe(2);
    expect(exported.stderr).toContain('better-sqlite3');
    expect(exported.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!claude)(`Claude Code's own CLI (${claude ?? 'claude not on PATH: these tests are skipped'})`, () => {
  it('validates the repository marketplace, the plugin folder and its manifest, warnings counted as errors (--strict)', () => {
    for (const target of [repoRoot, builtPlugin(), join(builtPlugin(), '.claude-plugin', 'plugin.json')]) {
      const validated = run(claude!, ['plugin', 'validate', '--strict', target], { cwd: repoRoot, env: claudeEnv(tempDir('skm-claude-home-')) });
      expect(validated.status, `${target}: ${validated.stdout}${validated.stderr}`).toBe(0);
      expect(validated.stdout).toContain('Validation passed');
    }
  });

  it('installs from a local clone (marketplace add <clone> after npm run build) and the server connects', { timeout: 120_000 }, () => {
    const home = tempDir('skm-claude-home-');
    const env = claudeEnv(home);
    const added = run(claude!, ['plugin', 'marketplace', 'add', repoRoot], { cwd: home, env });
    expect(added.status, added.stderr).toBe(0);
    const installed = run(claude!, ['plugin', 'install', 'scalekit-migrate@scalekit-migrate'], { cwd: home, env });
    expect(installed.status, installed.stderr + installed.stdout).toBe(0);
    const listed = run(claude!, ['mcp', 'list'], { cwd: home, env });
    expect(listed.stdout).toMatch(/plugin:scalekit-migrate:scalekit-migrate: node \S+\/server\/cli\.js mcp - ✔ Connected/);
  });

  it('installs from git (marketplace add <url>#claude-plugin, the branch scripts/plugin-branch.ts writes): under 10 MB in the plugin cache, and the server connects', { timeout: 180_000 }, async () => {
    const served = tempDir('skm-git-served-');
    const bare = snapshotRepository(join(served, 'scalekit-migrate.git'));
    const branch = run(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'scripts', 'plugin-branch.ts'), '--repo', bare], { cwd: repoRoot, env: { ...process.env, ...gitIdentity } });
    expect(branch.status, branch.stderr).toBe(0);
    expect(execFileSync('git', ['--git-dir', bare, 'ls-tree', '--name-only', 'claude-plugin'], { encoding: 'utf8' }).split('\n')).toContain('server');

    const server = await serveGitOverHttp(served);
    try {
      const home = tempDir('skm-claude-home-');
      mkdirSync(join(home, 'project'));
      const env = claudeEnv(home);
      const added = await runAsync(claude!, ['plugin', 'marketplace', 'add', `${server.url}/scalekit-migrate.git#claude-plugin`], { cwd: home, env });
      expect(added.status, added.stderr + added.stdout).toBe(0);
      const installed = run(claude!, ['plugin', 'install', 'scalekit-migrate@scalekit-migrate'], { cwd: home, env });
      expect(installed.status, installed.stderr + installed.stdout).toBe(0);
      const cache = join(home, '.claude', 'plugins', 'cache', 'scalekit-migrate', 'scalekit-migrate');
      const [version] = readdirSync(cache);
      expect(treeSize(join(cache, version!))).toBeLessThan(TEN_MB);
      const listed = run(claude!, ['mcp', 'list'], { cwd: join(home, 'project'), env });
      expect(listed.stdout).toContain(`node ${join(cache, version!, 'server', 'cli.js')} mcp - ✔ Connected`);
    } finally {
      await server.close();
    }
  });
});
