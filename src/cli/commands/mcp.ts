import type { Command } from 'commander';
import { parseToolList } from '../../mcp/select-tools.js';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server on stdio (for Claude Code, Cursor, Windsurf)')
    .option('--workspace <dir>', 'the folder tools may work in', process.cwd())
    .option('--read-only', 'offer only tools that write nothing: no export, import, rollback, code change or checklist marks')
    .option('--tools <names>', 'offer only these tools (comma-separated names, e.g. auditCodebase,checklist)', parseToolList)
    .action(async (flags: { workspace: string; readOnly?: boolean; tools?: string[] }) => {
      const [{ createServer }, { StdioServerTransport }] = await Promise.all([import('../../mcp/server.js'), import('@modelcontextprotocol/sdk/server/stdio.js')]);
      const server = await createServer({ root: flags.workspace, readOnly: flags.readOnly, toolNames: flags.tools });
      await server.connect(new StdioServerTransport());
      const guard = [flags.readOnly ? 'read-only' : '', flags.tools ? `tools ${flags.tools.join(', ')}` : ''].filter(Boolean).join(', ');
      process.stderr.write(`scalekit-migrate MCP server ready on stdio (workspace ${flags.workspace}${guard ? `; ${guard}` : ''})\n`);
    });
}
