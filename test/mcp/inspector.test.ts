import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const inspectorCli = join(repoRoot, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');

/** Runs the MCP Inspector's CLI mode (an independent MCP client) against the built server. */
function inspect(workspace: string, methodArgs: string[]): unknown {
  const result = spawnSync(
    process.execPath,
    [inspectorCli, '--cli', process.execPath, builtCli, 'mcp', '--workspace', workspace, ...methodArgs],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) throw new Error(`inspector exited ${result.status}: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
}

describe('MCP Inspector CLI against the built server', () => {
  it('tools/list shows the checklist tool with its schemas', () => {
    const listed = inspect(tempDir(), ['--method', 'tools/list']) as { tools: Array<{ name: string; outputSchema?: object }> };
    const checklist = listed.tools.find((tool) => tool.name === 'checklist');
    expect(checklist?.outputSchema).toBeDefined();
  });

  it('tools/call runs the checklist and returns its structured content', () => {
    const ws = tempDir();
    const called = inspect(ws, ['--method', 'tools/call', '--tool-name', 'checklist', '--tool-arg', `workspace=${ws}`]) as {
      structuredContent: { workspace: string; currentPhase: { id: string } };
      isError?: boolean;
    };
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent.workspace).toBe(ws);
    expect(called.structuredContent.currentPhase.id).toBe('audit-export');
  });
});
