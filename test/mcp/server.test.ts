import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { SKILL_FILES } from '../../src/skills/catalog.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('MCP server (in-memory client)', () => {
  it('announces tools, resources, prompts and logging, with phase-order instructions', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {}, logging: {} });
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/1\. Audit and export[\s\S]*2\. Import[\s\S]*3\. Redirects and roles[\s\S]*4\. Application code[\s\S]*5\. Deploy and monitor/);
    expect(instructions).toContain('`checklist`');
    expect(client.getServerVersion()?.name).toBe('scalekit-migrate');
    await close();
  });

  it('registers only working tools, each with input and output schemas and all four hints', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['auditCodebase', 'exportUsers', 'importOrgs', 'verifyImport', 'rollbackImport', 'updateMiddleware', 'configureRedirects', 'monitorCutover', 'diagnoseLogin', 'checklist']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(Object.keys(tool.annotations ?? {})).toEqual(
        expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']),
      );
    }
    expect(tools.find((tool) => tool.name === 'checklist')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    await close();
  });

  it('checklist returns structured status plus a markdown text block, and persists marks', async () => {
    const ws = tempDir();
    const { client, close } = await connectInMemory({ root: ws });
    const result = (await client.callTool({
      name: 'checklist',
      arguments: { updates: [{ id: 'audit-export.review-audit', status: 'done', note: 'reviewed with Ana' }] },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { workspace: string; currentPhase: { id: string }; updated: string[] };
    expect(structured.workspace).toBe(ws);
    expect(structured.currentPhase.id).toBe('audit-export');
    expect(structured.updated).toEqual(['audit-export.review-audit']);
    expect(textOf(result)).toMatch(/- \[x\] Review the audit with the team.* note: reviewed with Ana/);
    await close();
  });

  it('checklist state survives a server restart', async () => {
    const ws = tempDir();
    const first = await connectInMemory({ root: ws });
    await first.client.callTool({ name: 'checklist', arguments: { updates: [{ id: 'import.plan', status: 'skipped', note: 'nothing to import' }] } });
    await first.close();
    const second = await connectInMemory({ root: ws });
    const result = (await second.client.callTool({ name: 'checklist', arguments: {} })) as CallToolResult;
    const items = (result.structuredContent as { sections: Array<{ items: Array<{ id: string; status: string; note?: string }> }> }).sections.flatMap(
      (section) => section.items,
    );
    expect(items.find((entry) => entry.id === 'import.plan')).toMatchObject({ status: 'skipped', note: 'nothing to import' });
    await second.close();
  });

  it('bad input comes back as isError naming what and where', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'app'));
    symlinkSync(outside, join(root, 'escape'));
    const { client, close } = await connectInMemory({ root });

    const unknown = (await client.callTool({ name: 'checklist', arguments: { updates: [{ id: 'deploy.party', status: 'done' }] } })) as CallToolResult;
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('unknown checklist item "deploy.party"');

    const escaped = (await client.callTool({ name: 'checklist', arguments: { workspace: join(root, 'escape') } })) as CallToolResult;
    expect(escaped.isError).toBe(true);
    expect(textOf(escaped)).toMatch(/workspace ".*escape" resolves to ".*", which is outside the server's root/);

    const inside = (await client.callTool({ name: 'checklist', arguments: { workspace: join(root, 'app') } })) as CallToolResult;
    expect(inside.isError).toBeFalsy();
    expect((inside.structuredContent as { workspace: string }).workspace).toBe(join(root, 'app'));

    const badStatus = (await client.callTool({ name: 'checklist', arguments: { updates: [{ id: 'import.plan', status: 'finished' }] } })) as CallToolResult;
    expect(badStatus.isError).toBe(true);
    expect(textOf(badStatus)).toMatch(/status/);
    await close();
  });

  it('serves every skill file as a markdown resource at a stable URI', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual(SKILL_FILES.map((path) => `skill://scalekit-migrate/${path}`).sort());
    for (const resource of resources) expect(resource.mimeType).toBe('text/markdown');
    const master = await client.readResource({ uri: 'skill://scalekit-migrate/SKILL.md' });
    const text = (master.contents[0] as { text: string }).text;
    expect(text).toMatch(/^---\nname: scalekit-migrate\n/);
    await close();
  });

  it('offers the migrate-to-scalekit prompt carrying the master skill', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(['migrate-to-scalekit']);
    const prompt = await client.getPrompt({ name: 'migrate-to-scalekit', arguments: { phase: 'import' } });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Call the `checklist` tool first');
    expect(text).toContain('Resume at the "import" phase');
    expect(text).toContain('name: scalekit-migrate');
    await close();
  });
});
