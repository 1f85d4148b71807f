import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { ChecklistReport } from '../../src/checklist/report.js';
import { commitSampleApp, copySampleApp, prepareWorkspace, seedDatabase } from '../../src/demo/workspace.js';
import { loadSqlite } from '../../src/export/sql/native-sqlite.js';
import { testEmulator } from '../helpers/emulator.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

describe('the checklist follows the tools (MCP, sample app, emulator)', () => {
  it('after every tool is called in order, items tick themselves with their evidence and only the app\'s own test sign-in holds phase 3', { timeout: 120_000 }, async () => {
    const test = await testEmulator();
    Object.assign(process.env, test.env);
    await loadSqlite();
    const workspace = await prepareWorkspace(join(tempDir(), 'app'));
    await copySampleApp(workspace);
    await seedDatabase(workspace);
    await commitSampleApp(workspace);
    const { client, close } = await connectInMemory({ root: workspace });
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
      return result;
    };
    const phase = async () => ((await call('checklist')).structuredContent as ChecklistReport).currentPhase?.number;

    expect(await phase()).toBe(1);
    await call('auditCodebase');
    await call('exportUsers', { source: 'sqlite', url: 'data/app.db' });
    expect(await phase()).toBe(2);
    await call('importOrgs', { rate: 2000 });
    await call('importOrgs', { confirm: true, rate: 2000 });
    await call('verifyImport', { rate: 2000 });
    expect(await phase()).toBe(3);
    await call('configureRedirects', { baseUrls: ['http://127.0.0.1:3000'], environmentType: 'development' });
    await call('configureRedirects', { baseUrls: ['http://127.0.0.1:3000'], environmentType: 'development', confirm: true });
    await call('updateMiddleware', { mode: 'dual' });
    await call('updateMiddleware', { mode: 'dual', confirm: true, force: true });

    const report = (await call('checklist')).structuredContent as ChecklistReport;
    const items = new Map(report.sections.flatMap((section) => section.items).map((item) => [item.id, item]));
    for (const id of ['import.plan', 'import.apply', 'import.verify', 'redirects-roles.redirect-uris', 'redirects-roles.logout-urls', 'redirects-roles.initiate-login', 'app-code.dry-run', 'app-code.apply-dual']) {
      expect(items.get(id), id).toMatchObject({ status: 'done', source: 'automatic' });
    }
    expect(items.get('redirects-roles.redirect-uris')!.check!.detail).toContain('http://127.0.0.1:3000/auth/callback registered');
    // Items of earlier phases come without their check details; the whole checklist is in the artefact file.
    const artefact = (report as ChecklistReport & { artefacts: Array<{ path: string }> }).artefacts[0]!;
    expect(readFileSync(join(workspace, artefact.path), 'utf8')).toMatch(/import\.apply[^\n]*0 failed/);
    expect(items.get('redirects-roles.roles')).toMatchObject({ status: 'done', source: 'automatic' });
    // Only a sign-in the migrated app itself saw is left in phase 3 (the demo test goes on to phase 5 with one).
    expect(items.get('redirects-roles.test-login')).toMatchObject({ status: 'pending', source: 'automatic' });
    expect(items.get('redirects-roles.test-login')!.check!.detail).toMatch(/no Scalekit sign-in seen by the app yet/);
    expect(report.currentPhase).toMatchObject({ number: 3, title: 'Redirects and roles' });
    const text = textOf(await call('checklist'));
    expect(text).toContain('Current phase: 3. Redirects and roles');
    expect(text).toContain('Still open in earlier phases (for a person):');
    expect(text).toContain('`audit-export.review-audit`');
    await close();
  });
});
