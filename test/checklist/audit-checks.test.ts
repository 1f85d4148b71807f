import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { join } from 'node:path';
import { isLegacyValidation } from '../../src/checklist/checks/no-legacy-validation.js';
import { runChecklist } from '../../src/checklist/run.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import type { ChecklistReport } from '../../src/checklist/report.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

const LEGACY = "import jwt from 'jsonwebtoken';\nexport const user = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n";
const SCALEKIT = [
  "import { Scalekit } from '@scalekit-sdk/node';",
  'const scalekit = new Scalekit(process.env.SCALEKIT_ENVIRONMENT_URL!, process.env.SCALEKIT_CLIENT_ID!, process.env.SCALEKIT_CLIENT_SECRET!);',
  'export async function user(req: { headers: { authorization?: string } }) {',
  "  const token = (req.headers.authorization ?? '').replace('Bearer ', '');",
  '  return scalekit.validateAccessToken(token);',
  '}',
].join('\n');

function item(report: ChecklistReport, id: string) {
  return report.sections.flatMap((section) => section.items).find((entry) => entry.id === id)!;
}

async function audit(workspace: string): Promise<void> {
  await writeAuditReports(workspace, await runAudit({ root: workspace, workers: 0 }));
}

describe('checklist checks decided by the audit', () => {
  it('deploy-monitor.no-legacy waits for updateMiddleware in scalekit mode, then re-runs the audit over the folder it rewrote', { timeout: 60_000 }, async () => {
    const workspace = tempDir();
    writeTree(workspace, { 'api/src/auth.ts': LEGACY, 'api/package.json': '{"name":"api","type":"module"}' });
    await audit(workspace);
    let report = await runChecklist({ workspace });
    expect(item(report, 'audit-export.audit')).toMatchObject({ status: 'done', source: 'automatic' });
    expect(item(report, 'deploy-monitor.no-legacy')).toMatchObject({ status: 'pending', check: { ok: false, detail: expect.stringContaining('waits for updateMiddleware with mode "scalekit"') } });

    await runMiddlewareCodemod({ workspace, dir: 'api', mode: 'dual', apply: true });
    report = await runChecklist({ workspace });
    expect(item(report, 'deploy-monitor.no-legacy').check!.detail).toMatch(/was in dual mode/);

    // A legacy check the codemod cannot rewrite (module level) survives scalekit mode and is named.
    writeTree(workspace, { 'api/src/service.ts': "import jwt from 'jsonwebtoken';\nexport const claims = jwt.verify(process.env.SERVICE_TOKEN!, process.env.JWT_SECRET!);\n" });
    await runMiddlewareCodemod({ workspace, dir: 'api', mode: 'scalekit', apply: true, force: true });
    report = await runChecklist({ workspace });
    expect(item(report, 'deploy-monitor.no-legacy').check!.detail).toBe('1 legacy token/session validation finding(s) remain in api, first at src/service.ts:2 (js.jsonwebtoken.verify)');

    writeTree(workspace, {
      'api/src/service.ts': SCALEKIT,
      'api/src/reports.controller.ts': [
        "import { Controller, Get, UseGuards } from '@nestjs/common';",
        "import { AuthGuard } from '@nestjs/passport';",
        "import { Public } from './public.decorator';",
        '@Controller()',
        'export class ReportsController {',
        '  @Public()',
        "  @Get('health')",
        "  health() { return 'ok'; }",
        "  @UseGuards(AuthGuard('jwt'))",
        "  @Get('reports')",
        '  list() { return []; }',
        '}',
      ].join('\n'),
    });
    report = await runChecklist({ workspace });
    expect(item(report, 'deploy-monitor.no-legacy')).toMatchObject({ status: 'done', source: 'automatic' });
    // What the codemod generated and rewrote is not legacy validation.
    const findings = (await runAudit({ root: join(workspace, 'api') })).findings.filter(isLegacyValidation);
    expect(findings).toEqual([]);
  });
});
