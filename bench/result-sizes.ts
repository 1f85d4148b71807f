import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { commitSampleApp, copySampleApp, prepareWorkspace, seedDatabase } from '../src/demo/workspace.js';
import { startEmulator } from '../src/emulator/index.js';
import { loadSqlite } from '../src/export/sql/native-sqlite.js';
import { RESULT_BUDGET, TOOLS_LIST_BUDGET_CHARS, byteSize, jsonSize } from '../src/mcp/result-budget.js';
import { createServer } from '../src/mcp/server.js';
import { TOOLS } from '../src/mcp/tools/index.js';

/**
 * What an assistant pays per call on the example app (the demo's sample), over a real in-memory MCP
 * client: the size of tools/list beside the same list with the tools' full output schemas (the baseline),
 * and each result's text and structured bytes beside the budget, calling the tools in the skill's order.
 * Usage: npx tsx bench/result-sizes.ts
 */
await loadSqlite();
const workspace = await prepareWorkspace(undefined);
await copySampleApp(workspace);
await seedDatabase(workspace);
await commitSampleApp(workspace);
const emulator = await startEmulator({ port: 0, log: () => undefined });
Object.assign(process.env, { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret });
const server = await createServer({ root: workspace });
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
const client = new Client({ name: 'bench', version: '1.0.0' });
await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);

const listed = await client.listTools();
const listedChars = JSON.stringify(listed).length;
const fullSchemas = JSON.stringify({
  tools: listed.tools.map((tool) => ({ ...tool, outputSchema: z.toJSONSchema(TOOLS.find((entry) => entry.name === tool.name)!.outputSchema, { io: 'output', target: 'draft-7' }) })),
}).length;
console.log(`tools/list: ${listedChars} characters (budget ${TOOLS_LIST_BUDGET_CHARS}); with the full output schemas: ${fullSchemas} (${(listedChars / fullSchemas).toFixed(2)}x)`);
for (const tool of listed.tools) {
  console.log(`  ${tool.name.padEnd(17)} description ${String(tool.description?.length ?? 0).padStart(4)}  input ${String(JSON.stringify(tool.inputSchema).length).padStart(5)}  output ${String(JSON.stringify(tool.outputSchema).length).padStart(4)}`);
}

console.log(`\nresults on the example app (budget: text ${RESULT_BUDGET.textBytes} B, structured ${RESULT_BUDGET.structuredBytes} B)`);
console.log('| call | text bytes | structured bytes | artefacts |');
console.log('|---|---:|---:|---|');
const call = async (name: string, args: Record<string, unknown> = {}, label = name) => {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
  const artefacts = ((result.structuredContent as { artefacts?: Array<{ path: string; bytes: number }> } | undefined)?.artefacts ?? []).map((entry) => `${entry.path.split('/').at(-1)} ${entry.bytes} B`);
  console.log(`| ${label} | ${byteSize(text)} | ${jsonSize(result.structuredContent ?? {})} | ${artefacts.join(', ')} |`);
  return result;
};
await call('checklist');
await call('auditCodebase');
await call('exportUsers', { source: 'sqlite', url: 'data/app.db' });
const plan = await call('importOrgs', {}, 'importOrgs (plan)');
await call('importOrgs', { confirm: true, planDigest: (plan.structuredContent as { packageDigest: string }).packageDigest, rate: 2000 }, 'importOrgs (apply)');
await call('verifyImport');
await call('rollbackImport', {}, 'rollbackImport (plan)');
await call('updateMiddleware', { mode: 'dual' }, 'updateMiddleware (dry run)');
await call('updateMiddleware', { mode: 'dual', confirm: true }, 'updateMiddleware (apply)');
await call('checklist');
await client.close();
await server.close();
await emulator.stop();
rmSync(workspace, { recursive: true, force: true });
