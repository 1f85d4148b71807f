import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/cli.js';
import { copyFixtureApp } from '../helpers/fixture-app.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';

describe('updateMiddleware MCP tool', () => {
  it('is declared as editing the code (destructive, not read-only), dry-runs without confirm and writes with confirm: true', async () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const workspace = dirname(app);
    const { client, close } = await connectInMemory({ root: workspace });
    try {
      const tool = (await client.listTools()).tools.find((entry) => entry.name === 'updateMiddleware')!;
      expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false });
      expect(Object.keys((tool.inputSchema as { properties: object }).properties).sort()).toEqual(['confirm', 'dir', 'force', 'mode', 'packageDir', 'verify', 'workspace']);

      const dry = (await client.callTool({ name: 'updateMiddleware', arguments: { dir: 'express-jsonwebtoken' } })) as CallToolResult;
      expect(dry.isError).toBeFalsy();
      expect(dry.structuredContent).toMatchObject({ tool: 'updateMiddleware', applied: false, mode: 'dual' });
      expect(textOf(dry)).toContain('Dry run (nothing written)');
      expect(textOf(dry)).toContain('Manual follow-ups:');
      expect(readFileSync(join(app, 'src/auth/tokens.ts'), 'utf8')).not.toContain('authenticateToken');

      const outside = (await client.callTool({ name: 'updateMiddleware', arguments: { dir: '..' } })) as CallToolResult;
      expect(outside.isError).toBe(true);
      expect(textOf(outside)).toMatch(/outside the workspace/);

      const applied = (await client.callTool({ name: 'updateMiddleware', arguments: { dir: 'express-jsonwebtoken', confirm: true } })) as CallToolResult;
      expect(applied.structuredContent).toMatchObject({ applied: true });
      expect(readFileSync(join(app, 'src/auth/tokens.ts'), 'utf8')).toContain('authenticateToken');
    } finally {
      await close();
    }
  });
});

describe('scalekit-migrate middleware', () => {
  it('prints the result object with --json, writes only with --apply, and exits 2 on a bad mode', () => {
    const app = copyFixtureApp('express-jsonwebtoken');
    const dry = runBuiltCli(['middleware', '.', '--json'], { cwd: app });
    expect(dry.status).toBe(0);
    const result = JSON.parse(dry.stdout) as { applied: boolean; files: Array<{ file: string }>; followUps: unknown[] };
    expect(result.applied).toBe(false);
    expect(result.files.map((file) => file.file)).toContain('src/auth/scalekit.ts');
    expect(readFileSync(join(app, 'src/auth/tokens.ts'), 'utf8')).not.toContain('authenticateToken');

    const human = runBuiltCli(['middleware', '.', '--no-diff'], { cwd: app });
    expect(human.stdout).toContain('Dry run (nothing written): updateMiddleware, mode dual, verify jwks');
    expect(human.stdout).not.toContain('@@ ');

    const applied = runBuiltCli(['middleware', '.', '--apply', '--mode', 'dual', '--json'], { cwd: app });
    expect(applied.status).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: true });
    expect(readFileSync(join(app, 'src/auth/tokens.ts'), 'utf8')).toContain('authenticateToken');

    const bad = runBuiltCli(['middleware', '.', '--mode', 'legacy'], { cwd: app });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/expected one of dual, scalekit/);
  });
});
