import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { packageVersion } from '../package-info.js';
import { resolveWorkspace } from '../workspace/confine.js';
import { registerArtefactResources } from './artefact-resources.js';
import { serverInstructions } from './instructions.js';
import { registerMigratePrompt } from './prompts.js';
import { leanToolsList } from './lean-tools-list.js';
import { registerTools } from './register-tools.js';
import { registerSkillResources } from './resources.js';
import { selectTools } from './select-tools.js';
import type { ToolDefinition } from './tool.js';
import { TOOLS } from './tools/index.js';

export interface ServerOptions {
  /** The folder tools work in; a tool's workspace and path inputs must stay inside it. Defaults to the current folder. */
  root?: string;
  /** Restrict the registered tools (defaults to all of them). */
  tools?: readonly ToolDefinition[];
  /** Guard rail: only tools that write nothing (`mcp --read-only`). */
  readOnly?: boolean;
  /** Guard rail: only the tools of these names (`mcp --tools a,b`); an unknown name is a UserInputError. */
  toolNames?: readonly string[];
}

export async function createServer(options: ServerOptions = {}): Promise<McpServer> {
  const root = resolveWorkspace(options.root ?? process.cwd());
  const tools = selectTools(options.tools ?? TOOLS, { readOnly: options.readOnly, names: options.toolNames });
  const server = new McpServer(
    { name: 'scalekit-migrate', title: 'Scalekit migration', version: packageVersion },
    {
      capabilities: { tools: {}, resources: {}, prompts: {}, logging: {} },
      instructions: serverInstructions(new Set(tools.map((tool) => tool.name)), { readOnly: options.readOnly ?? false }),
    },
  );
  registerTools(server, tools, root);
  leanToolsList(server);
  await registerSkillResources(server);
  registerArtefactResources(server, root);
  registerMigratePrompt(server);
  return server;
}
