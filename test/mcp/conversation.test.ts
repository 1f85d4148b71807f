import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/export/sql/native-sqlite.js';
import { testEmulator } from '../helpers/emulator.js';
import { exampleWorkspace } from '../helpers/example-workspace.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { cliFlags, expectAssistantReady, expectNoneOf } from '../helpers/tool-results.js';
import { restoreScalekitEnvAfterEach } from '../helpers/scalekit-env.js';

restoreScalekitEnvAfterEach();

/** Every email and password hash the sample's seed wrote: none may come back in any result. */
async function personalValues(workspace: string): Promise<string[]> {
  const Database = await loadSqlite();
  const db = new Database(join(workspace, 'data', 'app.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT email, password_hash FROM users').all() as Array<{ email: string; password_hash: string | null }>;
    return rows.flatMap((row) => [row.email.trim(), ...(row.password_hash ? [row.password_hash] : [])]).filter((value) => value.length >= 6);
  } finally {
    db.close();
  }
}

/** The checklist items a person settles by hand between phase 2 and phase 4 (SKILL.md: record them with `updates`). */
const MANUAL_MARKS = [
  { id: 'audit-export.review-audit', status: 'done', note: 'reviewed with the team' },
  { id: 'audit-export.rejects', status: 'done', note: 'the four rejects are known dirty rows' },
  { id: 'audit-export.password-plan', status: 'done', note: 'magic link' },
  { id: 'import.plan', status: 'done', note: 'plan approved' },
  { id: 'import.apply', status: 'done', note: 'no failed record' },
  { id: 'import.rollback-rehearsed', status: 'skipped', note: 'rehearsed on staging last week' },
  { id: 'redirects-roles.redirect-uris', status: 'done' },
  { id: 'redirects-roles.logout-urls', status: 'done' },
  { id: 'redirects-roles.initiate-login', status: 'done' },
  { id: 'redirects-roles.roles', status: 'done' },
  { id: 'redirects-roles.test-login', status: 'done' },
];

describe('an assistant migrating the example app over MCP, as SKILL.md tells it to', () => {
  it('gets small results that each end with the next call the skill makes, and never a secret or an email', { timeout: 180_000 }, async () => {
    const workspace = await exampleWorkspace();
    const { emulator, env } = await testEmulator();
    Object.assign(process.env, env);
    const secrets = [emulator.clientSecret, 'legacy-demo-password', ...(await personalValues(workspace))];
    const flags = await cliFlags();
    const { client, close } = await connectInMemory({ root: workspace });
    const nextNames: string[] = [];
    /** One call: budget, next line, no secret; returns the result and the call its next line names. */
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError, `${name}: ${textOf(result).slice(0, 300)}`).toBeFalsy();
      const next = expectAssistantReady(`${name} ${JSON.stringify(args)}`, result, flags);
      expectNoneOf(name, result, secrets);
      nextNames.push(next.tool ?? `ask: ${next.line}`);
      return { result, structured: result.structuredContent as Record<string, any>, next };
    };
    try {
      // Ground rules: checklist first.
      let step = await call('checklist');
      expect(step.next.tool).toBe('auditCodebase');

      step = await call('auditCodebase', step.next.arguments);
      expect(step.next.tool).toBe('exportUsers');
      expect(step.next.line).toMatch(/ask the user: review these findings/);

      // The user answers: the users live in the app's SQLite file.
      step = await call('exportUsers', { source: 'sqlite', url: 'data/app.db' });
      expect(step.structured.counts.rejects).toBe(4);
      expect(step.next.tool).toBe('importOrgs');
      expect(step.next.line).toMatch(/4 record\(s\) were rejected/);

      step = await call('importOrgs', step.next.arguments);
      expect(step.structured.mode).toBe('plan');
      // The plan updates two existing roles' descriptions: the text says so, beside what it creates.
      expect(textOf(step.result)).toMatch(/\| roles \| 3 \| 2 \|/);
      expect(textOf(step.result)).toMatch(/roles \w+ \(roles\.ndjson:\d+\): description/);
      expect(step.next).toMatchObject({ tool: 'importOrgs', arguments: { confirm: true, planDigest: step.structured.packageDigest } });

      // The user approves: the assistant applies with exactly the arguments the plan named (and a local pace).
      step = await call('importOrgs', { ...step.next.arguments, rate: 2000, concurrency: 16 });
      expect(step.structured).toMatchObject({ mode: 'apply', failures: { total: 0 }, counts: { users: { create: 302 } } });
      expect(step.next.tool).toBe('verifyImport');

      step = await call('verifyImport', step.next.arguments);
      expect(step.structured.ok).toBe(true);
      expect(step.next.tool).toBe('rollbackImport');
      expect(step.next.line).toMatch(/rehearse the rollback now/);

      // The user skips the rehearsal and confirms the dashboard settings of phase 3.
      step = await call('checklist', { updates: MANUAL_MARKS });
      expect(step.structured.currentPhase.id).toBe('app-code');
      expect(step.next).toMatchObject({ tool: 'updateMiddleware', arguments: { mode: 'dual' } });

      step = await call('updateMiddleware', step.next.arguments);
      expect(step.structured.applied).toBe(false);
      // The diff is a file the result names with its size, and a resource serves it.
      const [diff] = step.structured.artefacts as Array<{ path: string; bytes: number; uri: string }>;
      expect(textOf(step.result)).toContain(diff!.path);
      const served = await client.readResource({ uri: diff!.uri });
      const diffText = (served.contents[0] as { text: string }).text;
      expect(diffText).toContain('+++ b/src/auth/scalekit.js');
      expect(Buffer.byteLength(diffText)).toBe(diff!.bytes);
      expect(diff!.bytes).toBeGreaterThan(8 * 1024);
      // The role check the codemod rewrote in its helper is not handed to the user as work left.
      expect(step.structured.followUps.some((followUp: { file: string; kind: string }) => followUp.file === 'src/routes/api.js' && followUp.kind === 'rbac')).toBe(false);
      expect(step.next).toMatchObject({ tool: 'updateMiddleware', arguments: { mode: 'dual', confirm: true } });

      step = await call('updateMiddleware', step.next.arguments);
      expect(step.structured.applied).toBe(true);
      expect(step.next).toMatchObject({ tool: 'updateMiddleware', arguments: { mode: 'dual' } });

      step = await call('updateMiddleware', step.next.arguments);
      expect(step.structured.unchanged).toBe(true);
      expect(step.next.tool).toBe('checklist');

      step = await call('checklist', step.next.arguments);
      // Phase 4 or, once the checks see the codemod's records as enough, phase 5.
      expect(step.structured.currentPhase.number).toBeGreaterThanOrEqual(4);

      // The package holds every email: resources never serve it, whatever the path.
      await expect(client.readResource({ uri: 'scalekit-migration:///.scalekit-migration/package/users.ndjson' })).rejects.toThrow(/not a migration artefact/);
      expect(nextNames.slice(0, 10)).toEqual(['auditCodebase', 'exportUsers', 'importOrgs', 'importOrgs', 'verifyImport', 'rollbackImport', 'updateMiddleware', 'updateMiddleware', 'updateMiddleware', 'checklist']);
    } finally {
      await close();
    }
  });
});
