import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CallToolResultSchema, LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runChecklist } from '../../src/checklist/run.js';
import { testEmulator, writeCalls } from '../helpers/emulator.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

/** A workspace whose default package folder holds a package, and the emulator its SCALEKIT_* variables point to. */
async function setup(users = 12) {
  const test = await testEmulator();
  Object.assign(process.env, test.env);
  const workspace = tempDir();
  writeTestPackage(join(workspace, '.scalekit-migration', 'package'), syntheticPackage({ organizations: 3, users, membershipsPerUser: 2 }));
  const mcp = await connectInMemory({ root: workspace });
  return { ...test, workspace, ...mcp };
}

describe('phase 2 MCP tools (in-memory client, emulator behind the real SDK)', () => {
  it('declares the annotations the issue asks for', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const { tools } = await client.listTools();
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
    expect(hints.importOrgs).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(hints.verifyImport).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    expect(hints.rollbackImport).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    await close();
  });

  it('plans without writing, applies with confirm (progress and logs along the way), verifies, and rolls back', async () => {
    const { emulator, client, close } = await setup();
    const logs: string[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(String(notification.params.data));
    });

    const plan = (await client.callTool({ name: 'importOrgs', arguments: {} })) as CallToolResult;
    expect(plan.isError).toBeFalsy();
    expect(plan.structuredContent).toMatchObject({ mode: 'plan', counts: { users: { create: 12 }, memberships: { create: 24 } } });
    expect(textOf(plan)).toContain('# Import plan (nothing was written)');
    expect(writeCalls(emulator)).toBe(0);

    const progress: number[] = [];
    const applied = (await client.callTool({ name: 'importOrgs', arguments: { confirm: true, rate: 2000 } }, CallToolResultSchema, {
      onprogress: (event) => progress.push(event.progress),
    })) as CallToolResult;
    expect(applied.isError).toBeFalsy();
    expect(applied.structuredContent).toMatchObject({ mode: 'apply', counts: { users: { create: 12 } }, failures: { total: 0 } });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(logs.some((line) => line.startsWith('users: 12'))).toBe(true);

    const verify = (await client.callTool({ name: 'verifyImport', arguments: {} })) as CallToolResult;
    expect(verify.isError).toBeFalsy();
    expect(verify.structuredContent).toMatchObject({ ok: true, checked: { users: 12, memberships: 24 } });

    const rollbackPlan = (await client.callTool({ name: 'rollbackImport', arguments: {} })) as CallToolResult;
    expect(rollbackPlan.structuredContent).toMatchObject({ mode: 'plan', counts: { users: { delete: 12 }, organizations: { delete: 3 } } });
    expect(emulator.state().users).toHaveLength(12);
    const rolledBack = (await client.callTool({ name: 'rollbackImport', arguments: { confirm: true } })) as CallToolResult;
    expect(rolledBack.structuredContent).toMatchObject({ mode: 'apply', counts: { users: { delete: 12 } } });
    expect(emulator.state().users).toHaveLength(0);

    const missing = (await client.callTool({ name: 'verifyImport', arguments: {} })) as CallToolResult;
    expect(missing.isError).toBeFalsy();
    expect(missing.structuredContent).toMatchObject({ ok: false, mismatches: { byKind: { 'user.missing': 12 } } });
    expect((missing.structuredContent as { mismatches: { samples: unknown[] } }).mismatches.samples.length).toBeLessThanOrEqual(20);

    for (const result of [plan, applied, verify, rollbackPlan, rolledBack, missing]) {
      expect(JSON.stringify(result)).not.toMatch(/@example\.com|skcs_|secret/i);
    }
    await close();
  });

  it('keeps the package inside the workspace and reports missing settings as errors that name them', async () => {
    const { workspace, client, close } = await setup(2);
    const outside = tempDir();
    symlinkSync(outside, join(workspace, 'elsewhere'));
    const escaped = (await client.callTool({ name: 'importOrgs', arguments: { packageDir: 'elsewhere' } })) as CallToolResult;
    expect(escaped.isError).toBe(true);
    expect(textOf(escaped)).toMatch(/packageDir "elsewhere" resolves to ".*", which is outside the workspace/);

    mkdirSync(join(workspace, 'empty'));
    const empty = (await client.callTool({ name: 'verifyImport', arguments: { packageDir: 'empty' } })) as CallToolResult;
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toContain('manifest.json is missing');

    delete process.env.SCALEKIT_CLIENT_SECRET;
    const unset = (await client.callTool({ name: 'importOrgs', arguments: {} })) as CallToolResult;
    expect(unset.isError).toBe(true);
    expect(textOf(unset)).toContain('missing Scalekit connection settings: set SCALEKIT_CLIENT_SECRET');
    await close();
  });

  it('checks the "import verified" checklist item by running the verification, and says why when it cannot', async () => {
    const { workspace, client, close } = await setup(3);
    const item = async () =>
      (await runChecklist({ workspace })).sections.flatMap((section) => section.items).find((entry) => entry.id === 'import.verify')!;

    expect(await item()).toMatchObject({ status: 'pending', source: 'automatic', check: { ok: false, detail: expect.stringMatching(/^not imported yet/) } });
    await client.callTool({ name: 'importOrgs', arguments: { confirm: true, withoutPlan: true, rate: 2000 } });
    const verified = await item();
    expect(verified).toMatchObject({ status: 'done', source: 'automatic', check: { ok: true } });
    expect(verified.check!.detail).toMatch(/^verified 3 users, 3 organizations, 6 memberships in http:\/\/127\.0\.0\.1:\d+: zero mismatches/);

    const url = process.env.SCALEKIT_ENVIRONMENT_URL;
    delete process.env.SCALEKIT_ENVIRONMENT_URL;
    expect((await item()).check).toEqual({ ok: false, detail: "cannot verify: SCALEKIT_ENVIRONMENT_URL not set in the server's environment" });
    process.env.SCALEKIT_ENVIRONMENT_URL = url;
    expect((await runChecklist({ workspace: tempDir() })).sections.flatMap((s) => s.items).find((entry) => entry.id === 'import.verify')!.check).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^cannot verify: no migration package at .*\.scalekit-migration\/package \(export first\)$/),
    });
    await close();
  });
});
