import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

async function connectStdio(workspace: string): Promise<Client> {
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [builtCli, 'mcp', '--workspace', workspace], stderr: 'pipe' }),
  );
  return client;
}

describe('built MCP server over stdio', () => {
  it('lists tools and runs the checklist, and its state survives a restart of the process', async () => {
    const ws = tempDir();
    const first = await connectStdio(ws);
    expect((await first.listTools()).tools.map((tool) => tool.name)).toContain('checklist');
    const marked = (await first.callTool({
      name: 'checklist',
      arguments: { updates: [{ id: 'backup.db-snapshot', status: 'done', note: 'pg_dump 2026-11-27' }] },
    })) as CallToolResult;
    expect(marked.isError).toBeFalsy();
    await first.close();

    const second = await connectStdio(ws);
    const reread = (await second.callTool({ name: 'checklist', arguments: {} })) as CallToolResult;
    const snapshot = (reread.structuredContent as { sections: Array<{ items: Array<{ id: string; status: string; note?: string }> }> }).sections
      .flatMap((section) => section.items)
      .find((entry) => entry.id === 'backup.db-snapshot');
    expect(snapshot).toEqual(expect.objectContaining({ status: 'done', note: 'pg_dump 2026-11-27' }));
    await second.close();
  });
});
