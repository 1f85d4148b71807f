import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { runChecklist } from '../../src/checklist/run.js';
import { exportUsers } from '../../src/export/run-export.js';
import { runImport } from '../../src/import/run-import.js';
import { RUN_SUMMARY_FILES } from '../../src/import/run-summary.js';
import { saveMiddlewareResult } from '../../src/middleware/result-file.js';
import type { MiddlewareResult } from '../../src/middleware/result.js';
import { collectReportData } from '../../src/report/collect.js';
import { renderReportHtml } from '../../src/report/render.js';
import { reportPath, writeMigrationReport } from '../../src/report/write-report.js';
import { runBuiltCli } from '../helpers/cli.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

const HOSTILE = `"><img src=x onerror=alert(1)><script>alert(2)</script>`;

/** Every tag the report itself writes; anything else in the page came from the data and was not escaped. */
const OWN_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'nav', 'a', 'span', 'p', 'h1', 'h2', 'h3', 'h4', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'details', 'summary', 'ul', 'li', 'div', 'strong', 'pre', 'svg', 'rect', 'text', 'line', 'polyline']);

function tagsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1]!.toLowerCase()));
}

function codemodResult(diff: string): MiddlewareResult {
  return {
    tool: 'updateMiddleware', dir: '/app', mode: 'dual', verify: 'jwks', applied: true, unchanged: false,
    generatedModule: { auth: 'src/auth/scalekit.js', client: 'src/auth/scalekit-client.js', language: 'javascript', format: 'esm' },
    claims: { fields: [], roleNames: {}, roleAliases: {} },
    files: [{ file: `src/${HOSTILE}.js`, status: 'modified', transforms: ['jsonwebtoken-verify'], diff }],
    rewrites: [], followUps: [{ file: 'src/a.js', line: 3, kind: 'rbac', message: HOSTILE }], failures: [],
    dependencies: { added: {} }, audit: { findings: 1, considered: 1 },
    summary: { filesChanged: 1, rewrites: 0, followUps: 1, failures: 0 },
  };
}

describe('migration report (report.html)', () => {
  it('shows what the phases wrote, and escapes every file name, id, reason and diff line it read', async () => {
    const workspace = tempDir();
    mkdirSync(join(workspace, 'src'));
    writeFileSync(join(workspace, 'src', `${HOSTILE.replace(/\//g, '')}.js`), "import jwt from 'jsonwebtoken';\nexport const check = (t) => jwt.verify(t, process.env.JWT_SECRET);\n");
    await writeAuditReports(workspace, await runAudit({ root: workspace }));

    writeFileSync(join(workspace, 'users.json'), JSON.stringify([
      { external_id: HOSTILE, email: 'taken@example.com', org_external_id: 'o1', org_display_name: HOSTILE, roles: ['member'] },
      { external_id: 'u2', email: 'ok@example.com', org_external_id: 'o1', roles: ['member'] },
      { external_id: 'u3', email: 'not an email', org_external_id: 'o1' },
    ]));
    await exportUsers({ source: 'json', file: 'users.json' }, { workspace });

    const emulator = await startTestEmulator({
      seed: { organizations: [{ external_id: 'elsewhere', display_name: 'Elsewhere' }], users: [{ email: 'taken@example.com', external_id: 'someone-else', memberships: [{ organization_external_id: 'elsewhere' }] }] },
    });
    const connection = { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
    const plan = await runImport({ packageDir: join(workspace, '.scalekit-migration', 'package'), apply: false, connection });
    expect(plan.counts.users.conflict).toBe(1);
    await saveMiddlewareResult(workspace, codemodResult(`--- a/x\n+++ b/x\n@@ -1 +1 @@\n-${HOSTILE}\n+const ok = "</pre><script>alert(3)</script>";`));

    const checklist = await runChecklist({ workspace, updates: [{ id: 'audit-export.review-audit', status: 'done', note: HOSTILE }] });
    const path = await writeMigrationReport(workspace, checklist);
    expect(path).toBe(reportPath(workspace));
    const html = readFileSync(path, 'utf8');

    expect([...tagsIn(html)].filter((tag) => !OWN_TAGS.has(tag))).toEqual([]);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(3)');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|www\.w3\.org\/2000\/svg)/);

    // The numbers the phases saved, each tagged where the page states it.
    const metric = (name: string) => new RegExp(`data-metric="${name.replace(/\./g, '\\.')}" data-value="(\\d+)"`).exec(html)?.[1];
    expect(metric('audit.total')).toBe(String(JSON.parse(readFileSync(join(workspace, '.scalekit-migration', 'audit.json'), 'utf8')).summary.total));
    expect(metric('export.users')).toBe('2');
    expect(metric('export.rejects')).toBe('1');
    expect(metric('plan.users.conflict')).toBe('1');
    expect(metric('plan.users.create')).toBe('1');
    expect(metric('middleware.files')).toBe('1');
    expect(metric('checklist.done')).toBe(String(checklist.counts.done));
    expect(html).toContain('malformed email');
    expect(html).not.toContain('taken@example.com');
    expect(html).not.toContain('ok@example.com');
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(1); // findings per category; a plan is a table, the charts of a run come with a run
  });

  it('says which phases have not run yet, and names a result file it cannot read instead of failing', async () => {
    const workspace = tempDir();
    const empty = renderReportHtml(await collectReportData(workspace));
    for (const phrase of ['No audit yet', 'No migration package yet', 'No import plan or run yet', 'Not verified yet', 'No code change yet', 'No checklist state']) expect(empty).toContain(phrase);

    writeFileSync(join(workspace, 'users.json'), JSON.stringify([{ external_id: 'u1', email: 'a@example.com', org_external_id: 'o1' }]));
    const exported = await exportUsers({ source: 'json', file: 'users.json' }, { workspace });
    writeFileSync(join(exported.packageDir!, RUN_SUMMARY_FILES.import), '{"savedAt":"x","result":{"mode":"apply"}}');
    mkdirSync(join(workspace, '.scalekit-migration'), { recursive: true });
    writeFileSync(join(workspace, '.scalekit-migration', 'middleware-apply.json'), 'not json');
    const data = await collectReportData(workspace);
    expect(data.problems.map((problem) => problem.split(':')[0])).toEqual(['middleware-apply.json', `import result in ${exported.packageDir}`]);
    const html = renderReportHtml(data);
    expect(html).toContain('Files the report could not read');
    expect(html).toContain('data-metric="export.users" data-value="1"');
  });

  it('is (re)written by the checklist tool with report: true and by `checklist --report`', async () => {
    const workspace = tempDir();
    const { client, close } = await connectInMemory({ root: workspace });
    const result = (await client.callTool({ name: 'checklist', arguments: { report: true } })) as CallToolResult;
    await close();
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { report?: string };
    expect(structured.report).toBe(reportPath(workspace));
    expect(textOf(result)).toContain(`Migration report written: ${reportPath(workspace)}`);
    expect(readFileSync(reportPath(workspace), 'utf8')).toContain('Scalekit migration report');

    const other = tempDir();
    const cli = runBuiltCli(['checklist', other, '--report', '--json']);
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).report).toBe(reportPath(other));
    expect(readFileSync(reportPath(other), 'utf8')).toContain('data-metric="checklist.done"');
    const withoutFlag = runBuiltCli(['checklist', tempDir(), '--json']);
    expect(JSON.parse(withoutFlag.stdout).report).toBeUndefined();
  });
});
