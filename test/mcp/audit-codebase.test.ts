import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { auditToolOutputSchema } from '../../src/audit/tool-summary.js';
import { repoRoot } from '../helpers/cli.js';
import { RESULT_BUDGET, jsonSize } from '../../src/mcp/result-budget.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

const apps = join(repoRoot, 'test', 'fixtures', 'apps');

function workspaceWith(...names: string[]): string {
  const root = tempDir();
  for (const name of names) cpSync(join(apps, name), join(root, name), { recursive: true });
  return root;
}

describe('auditCodebase MCP tool', () => {
  it('declares honest hints: it writes its own report files, changes no code, gives the same result twice, stays local', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const tool = (await client.listTools()).tools.find((entry) => entry.name === 'auditCodebase')!;
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(Object.keys((tool.inputSchema as { properties: object }).properties)).toEqual(['workspace', 'dir']);
    await close();
  });

  it('returns a bounded summary and writes the full reports to <workspace>/.scalekit-migration/', async () => {
    const workspace = workspaceWith('express-jsonwebtoken', 'nestjs-passport-jwt', 'django');
    const { client, close } = await connectInMemory({ root: workspace });
    const progress: number[] = [];
    const result = (await client.callTool({ name: 'auditCodebase', arguments: {} }, undefined, { onprogress: (event) => progress.push(event.progress) })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const output = auditToolOutputSchema.parse(result.structuredContent);
    expect(output.root).toBe(workspace);
    expect(output.summary.total).toBeGreaterThan(60);
    // Up to 25, as many as the result budget holds; the report files hold every finding.
    expect(output.topFindings.length).toBeGreaterThanOrEqual(10);
    expect(output.topFindings.length).toBeLessThanOrEqual(25);
    expect(jsonSize(result.structuredContent)).toBeLessThanOrEqual(RESULT_BUDGET.structuredBytes);
    expect(output.moreFindings).toBe(true);
    expect(new Set(output.topFindings.map((finding) => finding.category)).size).toBeGreaterThanOrEqual(12);
    expect(output.dataModel.entities.map((entity) => `${entity.kind}:${entity.table}:${entity.source}`)).toContain('user:users:typeorm');
    expect(output.tokenFacts.jwtAlgorithms).toEqual(expect.arrayContaining(['HS256', 'HS512', 'RS256']));
    expect(output.reports!.json).toBe(join(workspace, '.scalekit-migration', 'audit.json'));
    const full = JSON.parse(readFileSync(output.reports!.json, 'utf8'));
    expect(full.findings).toHaveLength(output.summary.total);
    expect(existsSync(output.reports!.markdown) && existsSync(output.reports!.sarif)).toBe(true);
    expect(textOf(result)).toContain(`Full reports: ${output.reports!.markdown}`);
    expect(JSON.stringify(result.structuredContent).length).toBeLessThan(40_000);
    expect(progress.at(-1)).toBe(output.filesScanned);
    await close();
  });

  it('audits one folder of the workspace and refuses folders outside it', async () => {
    const workspace = workspaceWith('koa', 'go');
    const outside = tempDir();
    symlinkSync(outside, join(workspace, 'escape'));
    mkdirSync(join(workspace, 'empty'));
    const { client, close } = await connectInMemory({ root: workspace });
    const one = (await client.callTool({ name: 'auditCodebase', arguments: { dir: 'koa' } })) as CallToolResult;
    const output = auditToolOutputSchema.parse(one.structuredContent);
    expect(output.root).toBe(join(workspace, 'koa'));
    expect(output.topFindings.every((finding) => finding.file.startsWith('src/'))).toBe(true);
    expect(output.reports!.json).toBe(join(workspace, '.scalekit-migration', 'audit.json'));

    for (const dir of ['../', 'escape', '/etc']) {
      const refused = (await client.callTool({ name: 'auditCodebase', arguments: { dir } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/dir ".*" resolves to ".*", which is outside the workspace/);
    }
    const missing = (await client.callTool({ name: 'auditCodebase', arguments: { dir: 'nope' } })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/audit folder: ".*nope" does not exist/);
    await close();
  });

  it('makes the checklist item "audit the codebase" check itself', async () => {
    const workspace = workspaceWith('fastify-jwt');
    const { client, close } = await connectInMemory({ root: workspace });
    const itemOf = async () => {
      const result = (await client.callTool({ name: 'checklist', arguments: {} })) as CallToolResult;
      const sections = (result.structuredContent as { sections: Array<{ items: Array<{ id: string; status: string; source: string; check?: { detail: string } }> }> }).sections;
      return sections.flatMap((section) => section.items).find((item) => item.id === 'audit-export.audit')!;
    };
    expect(await itemOf()).toMatchObject({ status: 'pending', source: 'automatic' });
    await client.callTool({ name: 'auditCodebase', arguments: {} });
    const item = await itemOf();
    expect(item).toMatchObject({ status: 'done', source: 'automatic' });
    expect(item.check!.detail).toMatch(/^audit of .* at \d{4}-\d\d-\d\dT.*: \d+ findings in \d+ categories, \d+ files scanned, 0 skipped$/);
    await close();
  });
});
