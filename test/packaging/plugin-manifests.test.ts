import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKILL_NAMES } from '../../src/skills/catalog.js';
import { MASTER_SKILL_FOLDER } from '../../src/skills/plugin-copies.js';
import { repoRoot } from '../helpers/cli.js';

const json = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
const pkg = json('package.json') as { name: string; version: string; files: string[]; bin: Record<string, string>; scripts: Record<string, string> };

describe('assistant packaging: Claude Code plugin, marketplace, MCP configuration', () => {
  it('describes one plugin, named as the npm package, in plugin/ (built from plugin-src/ by npm run build)', () => {
    const plugin = json('plugin-src/.claude-plugin/plugin.json');
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(plugin.description.length).toBeGreaterThan(40);
    // Skills and MCP servers come from the default places: skills/<name>/SKILL.md and .mcp.json.
    expect(plugin).not.toHaveProperty('skills');
    expect(plugin).not.toHaveProperty('mcpServers');

    const marketplace = json('.claude-plugin/marketplace.json');
    expect(marketplace.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(marketplace.owner.name).toBeTruthy();
    expect(marketplace.plugins).toEqual([expect.objectContaining({ name: plugin.name, source: './plugin', version: pkg.version, description: expect.any(String) })]);
    // Build output stays out of git: the release branch (npm run plugin-branch) carries the built folder.
    expect(readFileSync(join(repoRoot, '.gitignore'), 'utf8').split('\n')).toContain('/plugin/');
  });

  it('starts the bundled MCP server with `node`, passing only the SCALEKIT_* settings through', () => {
    const { mcpServers } = json('plugin-src/.mcp.json');
    expect(Object.keys(mcpServers)).toEqual([pkg.name]);
    const server = mcpServers[pkg.name];
    expect([server.command, ...server.args]).toEqual(['node', '${CLAUDE_PLUGIN_ROOT}/server/cli.js', 'mcp']);
    expect(server.env).toEqual({
      SCALEKIT_ENVIRONMENT_URL: '${SCALEKIT_ENVIRONMENT_URL:-}',
      SCALEKIT_CLIENT_ID: '${SCALEKIT_CLIENT_ID:-}',
      SCALEKIT_CLIENT_SECRET: '${SCALEKIT_CLIENT_SECRET:-}',
    });
    expect(pkg.bin[pkg.name]).toBe('dist/cli.js');
  });

  it('ships every skill folder and the demo app in the npm package, and no plugin build', () => {
    for (const entry of ['skills', 'SKILL.md', 'examples', 'dist']) expect(pkg.files, entry).toContain(entry);
    expect(pkg.files).not.toContain('plugin');
    expect(MASTER_SKILL_FOLDER).toBe(`skills/${pkg.name}`);
    expect(SKILL_NAMES.every((name) => name.startsWith('scalekit-'))).toBe(true);
  });

  it("makes the README's first command the demo: `npm ci && npm start` runs `scalekit-migrate demo` (tested end to end in test/demo)", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(firstBlock.split('\n')[0]).toMatch(/^npm ci && npm start\s+#/);
    expect(pkg.scripts.start).toBe('node dist/cli.js demo');
    expect(pkg.scripts.prepare).toBe('npm run build');
  });
});
