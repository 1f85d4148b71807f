import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runChecklist } from '../../src/checklist/run.js';
import { exportResultSchema } from '../../src/export/result.js';
import { exportUsers } from '../../src/export/run-export.js';
import { repoRoot, runBuiltCli } from '../helpers/cli.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'export');
const clean = [
  { external_id: 'a1', email: 'ada@example.com', org_external_id: 'o1', roles: ['admin'] },
  { external_id: 'g1', email: 'grace@example.com', org_external_id: 'o1', roles: ['member'] },
];

function checklistItem(report: Awaited<ReturnType<typeof runChecklist>>, id: string) {
  return report.sections.flatMap((section) => section.items).find((item) => item.id === id)!;
}

describe('exportUsers through the CLI, the MCP tool and the checklist', () => {
  it('CLI --json prints exactly the result document; exit 0 when clean, 1 with rejects, 2 on bad usage', () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'clean.json'), JSON.stringify(clean));
    cpSync(join(fixtures, 'bad-input.json'), join(ws, 'bad.json'));

    const ok = runBuiltCli(['export', '--source', 'json', '--file', 'clean.json', '--out', 'pkg', '--json'], { cwd: ws });
    expect(ok.status).toBe(0);
    const result = exportResultSchema.parse(JSON.parse(ok.stdout));
    expect(result).toMatchObject({ packageDir: join(ws, 'pkg'), counts: { inputRecords: 2, users: 2, rejects: 0 }, countsAddUp: true, sampleUserIds: ['a1', 'g1'] });
    expect(ok.stderr).toContain('export: export done');

    const problems = runBuiltCli(['export', '--source', 'json', '--file', 'bad.json', '--out', 'bad-pkg', '--workspace', ws]);
    expect(problems.status).toBe(1);
    expect(problems.stdout).toContain('Input records: 21 = 6 users exported + 13 rejected + 2 merged (adds up)');
    expect(problems.stdout).toContain('- 2 × missing email');
    expect(problems.stdout).not.toContain('@example.com');

    const usage = runBuiltCli(['export', '--source', 'ldap', '--file', 'x'], { cwd: ws });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/argument 'ldap' is invalid/);
    const missing = runBuiltCli(['export', '--source', 'json', '--file', 'nope.json'], { cwd: ws });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
    const noFile = runBuiltCli(['export', '--source', 'csv'], { cwd: ws });
    expect(noFile).toMatchObject({ status: 2, stdout: '' });
    expect(noFile.stderr).toContain('the csv source needs --file');
  });

  it('MCP tool returns counts, reasons and sample ids (no emails, no hashes) and reports progress', async () => {
    const ws = tempDir();
    cpSync(join(fixtures, 'clerk-users.csv'), join(ws, 'clerk.csv'));
    const { client, close } = await connectInMemory({ root: ws });
    const progress: string[] = [];
    const result = (await client.callTool(
      { name: 'exportUsers', arguments: { source: 'clerk', file: 'clerk.csv', orgPerUser: true, includePasswordHashes: true } },
      undefined,
      { onprogress: (p) => progress.push(p.message ?? '') },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const structured = exportResultSchema.parse(result.structuredContent);
    expect(structured.counts).toMatchObject({ inputRecords: 4, users: 3, rejects: 1 });
    expect(structured.rejectReasons).toEqual([{ reason: 'missing email', count: 1, sampleRefs: ['clerk.csv:5'] }]);
    const everything = JSON.stringify(result);
    expect(everything).not.toMatch(/@example\.com/);
    expect(everything).not.toContain('$2a$10$');
    expect(progress[0]).toBe('reading clerk source clerk.csv');
    expect(progress).toContain('export done');
    expect(textOf(result)).toContain('Users per password hash: argon2 1, bcrypt 1, none 1 (hashes written to password_hashes.ndjson)');

    const outside = (await client.callTool({ name: 'exportUsers', arguments: { source: 'clerk', file: '/etc/passwd' } })) as CallToolResult;
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toMatch(/exportUsers: file "\/etc\/passwd" resolves to .* outside the workspace/);
    await close();
  });

  it("checks the checklist's 'export done' item from the last package's manifest", async () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'clean.json'), JSON.stringify(clean));
    expect(checklistItem(await runChecklist({ workspace: ws }), 'audit-export.export')).toMatchObject({
      status: 'pending',
      source: 'automatic',
      check: { ok: false, detail: 'no migration package yet: run exportUsers' },
    });
    const result = await exportUsers({ source: 'json', file: 'clean.json' }, { workspace: ws });
    expect(checklistItem(await runChecklist({ workspace: ws }), 'audit-export.export')).toMatchObject({
      status: 'done',
      check: { ok: true, detail: `package ${result.packageDir}: 2 users, 1 organizations, 2 roles, 0 rejects, 0 merged (counts add up)` },
    });
    writeFileSync(join(result.packageDir!, 'users.ndjson'), '{}\n');
    expect(checklistItem(await runChecklist({ workspace: ws }), 'audit-export.export')).toMatchObject({
      status: 'pending',
      check: { ok: false, detail: `package ${result.packageDir}: users.ndjson changed since export` },
    });
  });
});
