import type { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from '../../mcp/server.js';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server on stdio (for Claude Code, Cursor, Windsurf)')
    .option('--workspace <dir>', 'the folder tools may work in', process.cwd())
    .action(async (flags: { workspace: string }) => {
      const server = await createServer({ root: flags.workspace });
      await server.connect(new StdioServerTransport());
      process.stderr.write(`scalekit-migrate MCP server ready on stdio (workspace ${flags.workspace})\n`);
    });
}
