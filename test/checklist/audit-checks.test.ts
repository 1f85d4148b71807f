import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { runChecklist } from '../../src/checklist/run.js';
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
  it('deploy-monitor.no-legacy waits for the switch, wants an audit after it, and passes when no legacy validation is left', async () => {
    const workspace = tempDir();
    writeTree(workspace, { 'src/auth.ts': LEGACY });
    await audit(workspace);
    let report = await runChecklist({ workspace });
    expect(item(report, 'audit-export.audit')).toMatchObject({ status: 'done', source: 'automatic' });
    expect(item(report, 'deploy-monitor.no-legacy')).toMatchObject({ status: 'pending', check: { ok: false, detail: expect.stringContaining('waits for deploy-monitor.switch') } });

    report = await runChecklist({ workspace, updates: [{ id: 'deploy-monitor.switch', status: 'done' }] });
    expect(item(report, 'deploy-monitor.no-legacy').check!.detail).toMatch(/predates the switch/);

    await audit(workspace);
    report = await runChecklist({ workspace });
    expect(item(report, 'deploy-monitor.no-legacy').check!.detail).toBe('1 legacy token/session validation finding(s) remain, first at src/auth.ts:2 (js.jsonwebtoken.verify)');

    writeTree(workspace, {
      'src/auth.ts': SCALEKIT,
      'src/reports.controller.ts': [
        "import { Controller, Get, UseGuards } from '@nestjs/common';",
        "import { ScalekitAuthGuard } from './scalekit-auth.guard';",
        "import { Public } from './public.decorator';",
        '@Controller()',
        'export class ReportsController {',
        '  @Public()',
        "  @Get('health')",
        "  health() { return 'ok'; }",
        '  @UseGuards(ScalekitAuthGuard)',
        "  @Get('reports')",
        '  list() { return []; }',
        '}',
      ].join('\n'),
    });
    await audit(workspace);
    report = await runChecklist({ workspace });
    expect(item(report, 'deploy-monitor.no-legacy')).toMatchObject({ status: 'done', source: 'automatic' });
  });
});
