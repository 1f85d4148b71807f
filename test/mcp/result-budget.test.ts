import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { TOOLS_LIST_BUDGET_CHARS } from '../../src/mcp/result-budget.js';
import { testEmulator } from '../helpers/emulator.js';
import { exampleWorkspace } from '../helpers/example-workspace.js';
import { connectInMemory } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';
import { cliFlags, expectAssistantReady } from '../helpers/tool-results.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

/**
 * The calls made per tool, in the order a migration makes them. A tool missing here (a new one) is still
 * called, with no arguments, and held to the same budget and next line.
 */
const CALLS: Record<string, Array<Record<string, unknown>>> = {
  checklist: [{}],
  auditCodebase: [{}],
  exportUsers: [{ source: 'sqlite', url: 'data/app.db', mappingOnly: true }, { source: 'sqlite', url: 'data/app.db' }],
  importOrgs: [{}, { confirm: true, rate: 2000, concurrency: 16 }],
  verifyImport: [{ rate: 2000 }],
  rollbackImport: [{}],
  updateMiddleware: [{ mode: 'dual' }],
  configureRedirects: [{}, { baseUrls: ['http://localhost:3000'], environmentType: 'development' }],
  monitorCutover: [{}],
  diagnoseLogin: [{ email: 'nobody@example.invalid' }],
};

describe('every tool result fits the budget an assistant pays for', () => {
  it(`tools/list stays under ${TOOLS_LIST_BUDGET_CHARS} characters, and every output schema is valid JSON Schema`, async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const listed = await client.listTools();
    expect(JSON.stringify(listed).length).toBeLessThanOrEqual(TOOLS_LIST_BUDGET_CHARS);
    const validator = new AjvJsonSchemaValidator();
    for (const tool of listed.tools) {
      expect(tool.outputSchema, `${tool.name} declares an output schema`).toBeDefined();
      expect(() => validator.getValidator(tool.outputSchema as never), tool.name).not.toThrow();
    }
    await close();
  });

  it('holds every registered tool to the budget and the next line on a 3,000-file app', { timeout: 240_000 }, async () => {
    const workspace = await exampleWorkspace({ files: 3000 });
    const { env } = await testEmulator();
    Object.assign(process.env, env);
    const { client, close } = await connectInMemory({ root: workspace });
    const flags = await cliFlags();
    try {
      const { tools } = await client.listTools();
      const called = new Set<string>();
      const order = [...Object.keys(CALLS).filter((name) => tools.some((tool) => tool.name === name)), ...tools.map((tool) => tool.name).filter((name) => !(name in CALLS))];
      for (const name of order) {
        for (const args of CALLS[name] ?? [{}]) {
          // The SDK client validates structuredContent against the listed (compact) output schema on every call.
          const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
          expectAssistantReady(`${name} ${JSON.stringify(args)}`, result, flags);
          called.add(name);
        }
      }
      expect([...called].sort()).toEqual(tools.map((tool) => tool.name).sort());
    } finally {
      await close();
    }
  });
});
