import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { UserInputError, errorMessage } from '../errors.js';
import type { LogLevel, ToolContext, ToolDefinition } from './tool.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export function registerTools(server: McpServer, tools: readonly ToolDefinition[], serverRoot: string): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
      (async (input: unknown, extra: Extra): Promise<CallToolResult> => {
        try {
          const outcome = await tool.run(input as never, toolContext(server, tool.name, serverRoot, extra));
          return {
            structuredContent: outcome.structured as Record<string, unknown>,
            content: [{ type: 'text', text: outcome.text }],
          };
        } catch (error) {
          const prefix = error instanceof UserInputError ? '' : 'internal error: ';
          return { isError: true, content: [{ type: 'text', text: `${tool.name}: ${prefix}${errorMessage(error)}` }] };
        }
      }) as never,
    );
  }
}

function toolContext(server: McpServer, logger: string, serverRoot: string, extra: Extra): ToolContext {
  const progressToken = extra._meta?.progressToken;
  return {
    serverRoot,
    signal: extra.signal,
    async progress(done, total, message) {
      if (progressToken === undefined) return;
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken, progress: done, total, message },
      });
    },
    async log(level: LogLevel, message: string) {
      await server.sendLoggingMessage({ level, logger, data: message }, extra.sessionId);
    },
  };
}
