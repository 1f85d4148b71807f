import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKILL_NAMES } from '../../src/skills/catalog.js';
import { MASTER_SKILL_FOLDER } from '../../src/skills/plugin-copies.js';
import { repoRoot } from '../helpers/cli.js';

const json = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
const pkg = json('package.json') as { name: string; version: string; files: string[]; bin: Record<string, string>; scripts: Record<string, string> };

describe('assistant packaging: Claude Code plugin, marketplace, MCP configuration', () => {
  it('describes one plugin, named and versioned as the npm package, at the marketplace root', () => {
    const plugin = json('.claude-plugin/plugin.json');
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.description.length).toBeGreaterThan(40);
    // Skills and MCP servers come from the default places: skills/<name>/SKILL.md and .mcp.json.
    expect(plugin).not.toHaveProperty('skills');
    expect(plugin).not.toHaveProperty('mcpServers');

    const marketplace = json('.claude-plugin/marketplace.json');
    expect(marketplace.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(marketplace.owner.name).toBeTruthy();
    expect(marketplace.plugins).toEqual([expect.objectContaining({ name: plugin.name, source: './', version: pkg.version, description: expect.any(String) })]);
  });

  it('starts the MCP server with `npx -y scalekit-migrate mcp`, passing only the SCALEKIT_* settings through', () => {
    const { mcpServers } = json('.mcp.json');
    expect(Object.keys(mcpServers)).toEqual([pkg.name]);
    const server = mcpServers[pkg.name];
    expect([server.command, ...server.args]).toEqual(['npx', '-y', pkg.name, 'mcp']);
    expect(server.env).toEqual({
      SCALEKIT_ENVIRONMENT_URL: '${SCALEKIT_ENVIRONMENT_URL:-}',
      SCALEKIT_CLIENT_ID: '${SCALEKIT_CLIENT_ID:-}',
      SCALEKIT_CLIENT_SECRET: '${SCALEKIT_CLIENT_SECRET:-}',
    });
    expect(pkg.bin[pkg.name]).toBe('dist/cli.js');
  });

  it('ships the plugin files, every skill folder and the demo app in the npm package', () => {
    for (const entry of ['.claude-plugin', '.mcp.json', 'skills', 'SKILL.md', 'examples', 'dist']) expect(pkg.files, entry).toContain(entry);
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
