import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { auditToolOutputSchema } from '../../src/audit/tool-summary.js';
import { UserInputError } from '../../src/errors.js';
import { createServer } from '../../src/mcp/server.js';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { builtCli, repoRoot, runBuiltCli } from '../helpers/cli.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

const inspectorCli = join(repoRoot, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');

describe('assistant guard rails: mcp --read-only and --tools', () => {
  it('--read-only registers only tools that write nothing: verifyImport, diagnoseLogin, and the read-only forms of auditCodebase, monitorCutover and checklist', async () => {
    const workspace = tempDir();
    const { client, close } = await connectInMemory({ root: workspace, readOnly: true });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['auditCodebase', 'verifyImport', 'monitorCutover', 'diagnoseLogin', 'checklist']);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    expect(Object.keys((tools.find((tool) => tool.name === 'checklist')!.inputSchema as { properties: object }).properties)).toEqual(['workspace']);

    writeFileSync(join(workspace, 'auth.js'), "import jwt from 'jsonwebtoken';\nexport const check = (t) => jwt.verify(t, process.env.JWT_SECRET);\n");
    const audit = (await client.callTool({ name: 'auditCodebase', arguments: {} })) as CallToolResult;
    expect(audit.isError).toBeFalsy();
    const output = auditToolOutputSchema.parse(audit.structuredContent);
    expect(output.summary.byCategory['session-middleware']).toBe(1);
    expect(output.reports).toBeUndefined();
    expect(textOf(audit)).toContain('no report files were written');

    const checklist = (await client.callTool({ name: 'checklist', arguments: {} })) as CallToolResult;
    expect(checklist.isError).toBeFalsy();
    expect((checklist.structuredContent as { currentPhase: { id: string } }).currentPhase.id).toBe('audit-export');
    const marking = (await client.callTool({ name: 'checklist', arguments: { updates: [{ id: 'import.plan', status: 'done' }], report: true } })) as CallToolResult;
    expect(marking.isError).toBe(true);
    expect(textOf(marking)).toMatch(/updates/);
    expect(existsSync(join(workspace, '.scalekit-migration')), 'a read-only server wrote into the workspace').toBe(false);

    const refused = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/importOrgs/);
    await close();
  });

  it('--tools offers exactly the named tools; unknown names, or write-only tools on a read-only server, are usage errors naming them', async () => {
    const { client, close } = await connectInMemory({ root: tempDir(), toolNames: ['checklist', 'auditCodebase'] });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['auditCodebase', 'checklist']);
    await close();

    const both = await connectInMemory({ root: tempDir(), toolNames: ['checklist', 'verifyImport'], readOnly: true });
    expect((await both.client.listTools()).tools.map((tool) => [tool.name, tool.annotations?.readOnlyHint])).toEqual([['verifyImport', true], ['checklist', true]]);
    await both.close();

    await expect(createServer({ root: tempDir(), toolNames: ['checklist', 'dropTables', 'exportUser'] })).rejects.toThrow(UserInputError);
    await expect(createServer({ root: tempDir(), toolNames: ['checklist', 'dropTables', 'exportUser'] })).rejects.toThrow(
      `--tools: unknown tools dropTables, exportUser; known tools: ${TOOLS.map((tool) => tool.name).join(', ')}`,
    );
    await expect(createServer({ root: tempDir(), toolNames: ['importOrgs', 'checklist'], readOnly: true })).rejects.toThrow(/--tools names importOrgs, which can only write/);
    await expect(createServer({ root: tempDir(), toolNames: [] })).rejects.toThrow(/--tools names no tool/);

    const cli = runBuiltCli(['mcp', '--tools', 'checklist,nope'], { cwd: tempDir() });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('--tools: unknown tool nope; known tools:');
  });

  it('the built CLI wires both flags: tools/list through the MCP Inspector shows the restricted set', () => {
    const result = spawnSync(
      process.execPath,
      [inspectorCli, '--cli', process.execPath, builtCli, 'mcp', '--workspace', tempDir(), '--read-only', '--tools', 'checklist,auditCodebase', '--method', 'tools/list'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { tools: Array<{ name: string; annotations?: { readOnlyHint?: boolean } }> };
    expect(listed.tools.map((tool) => [tool.name, tool.annotations?.readOnlyHint])).toEqual([['auditCodebase', true], ['checklist', true]]);
  });
});
