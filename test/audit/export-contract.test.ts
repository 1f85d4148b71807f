import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { auditReportPaths } from '../../src/audit/read-report.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { readDataModel } from '../../src/export/data-model.js';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe("the export reads the audit's dataModel", () => {
  it('finds the user, organization and membership tables with their columns in audit.json', async () => {
    const workspace = tempDir();
    const report = await runAudit({ root: join(repoRoot, 'test', 'fixtures', 'apps', 'nextjs-next-auth'), workers: 0 });
    await writeAuditReports(workspace, report);
    const hints = readDataModel(auditReportPaths(workspace).json, true)!;
    expect(hints.tables.user).toEqual([{ table: 'users', columns: ['id', 'name', 'email', 'email_verified', 'image', 'password_hash'] }]);
    expect(hints.tables.organization?.[0]?.table).toBe('organizations');
    expect(hints.tables.membership?.[0]).toEqual({ table: 'memberships', columns: ['user_id', 'organization_id', 'role'] });
    expect(hints.tables.role).toBeUndefined();
  });
});
