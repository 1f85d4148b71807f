import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { UserInputError, errorMessage } from '../errors.js';
import { writeArtefact } from './artefact-files.js';
import { compactOutputSchema } from './compact-output-schema.js';
import { renderNextForTool, withNextLine } from './next-step.js';
import { RESULT_BUDGET, byteSize, fitLines, formatBytes } from './result-budget.js';
import type { LogLevel, ToolContext, ToolDefinition } from './tool.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Marks a text the server had to cut: tools keep their own texts within the budget, and the budget test looks for it. */
export const TEXT_CUT_MARK = 'text cut to the result budget';

export function registerTools(server: McpServer, tools: readonly ToolDefinition[], serverRoot: string): void {
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: compactOutputSchema(tool.outputSchema),
        annotations: tool.annotations,
      },
      (async (input: unknown, extra: Extra): Promise<CallToolResult> => {
        try {
          const outcome = await tool.run(input as never, toolContext(server, tool.name, serverRoot, extra));
          const next = outcome.next ? renderNextForTool(outcome.next) : undefined;
          const text = await withinBudget(serverRoot, tool.name, outcome.text, next);
          return {
            structuredContent: outcome.structured as Record<string, unknown>,
            content: [{ type: 'text', text: next ? withNextLine(text, next) : text }],
          };
        } catch (error) {
          const prefix = error instanceof UserInputError ? '' : 'internal error: ';
          const next = renderNextForTool({
            ask: error instanceof UserInputError ? 'how to fix the input named above?' : 'whether to retry: the error above is not about the input.',
            tool: tool.name,
            because: 'with corrected arguments',
          });
          const message = argumentsForFlags(errorMessage(error), Object.keys(tool.inputSchema.shape));
          return { isError: true, content: [{ type: 'text', text: `${tool.name}: ${prefix}${message}\n\n${next}` }] };
        }
      }) as never,
    );
  }
}

/**
 * A safety net, not the way to stay small: a text over the budget is written whole to an artefact file
 * and cut, so one huge result can never flood the conversation.
 */
async function withinBudget(serverRoot: string, toolName: string, text: string, next: string | undefined): Promise<string> {
  const budget = RESULT_BUDGET.textBytes - (next ? byteSize(next) + 2 : 0);
  if (byteSize(text) <= budget) return text;
  const artefact = await writeArtefact(serverRoot, 'full text', `${toolName}-result.md`, text);
  const note = (left: number) => `... ${left} more lines: ${TEXT_CUT_MARK}; the whole text is in ${artefact.path} (${formatBytes(artefact.bytes)})`;
  return fitLines(text.split('\n'), budget, note).join('\n');
}

/**
 * Core errors are worded for the CLI ("the sqlite source needs --url"); over MCP a flag that is one of the
 * tool's arguments is named as that argument instead ("`url`").
 */
export function argumentsForFlags(text: string, argumentNames: readonly string[]): string {
  return text.replace(/--([a-z][a-z0-9-]*)\b/g, (flag, name: string) => {
    const argument = name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
    // A repeatable flag (--base-url, given once per value) is the tool's plural array argument (baseUrls).
    const named = [argument, `${argument}s`].find((candidate) => argumentNames.includes(candidate));
    return named ? `\`${named}\`` : flag;
  });
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
