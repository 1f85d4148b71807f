import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { readAuditReport } from '../../src/audit/read-report.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { auditReportSchema } from '../../src/audit/report.js';
import { loadChecklistSections, parseChecklistSections } from '../../src/audit/reporters/checklist-sections.js';
import { renderMarkdown } from '../../src/audit/reporters/markdown.js';
import { renderSarif } from '../../src/audit/reporters/sarif.js';
import { CATEGORIES } from '../../src/audit/categories.js';
import { UserInputError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

const fixture = join(repoRoot, 'test', 'fixtures', 'apps', 'express-jsonwebtoken');

describe('markdown report', () => {
  it('has one section per AUDIT-CHECKLIST.md category section, in its order, with the phase and file:line of each finding', async () => {
    const report = await runAudit({ root: fixture, workers: 0 });
    const checklist = readFileSync(join(repoRoot, 'AUDIT-CHECKLIST.md'), 'utf8');
    const headings = [...checklist.matchAll(/^## (.+ — `([a-z-]+)`)$/gm)].map((match) => match[1]!);
    expect(headings.map((heading) => /`([a-z-]+)`/.exec(heading)![1]).sort()).toEqual([...CATEGORIES].sort());

    const markdown = renderMarkdown(report, await loadChecklistSections());
    const rendered = [...markdown.matchAll(/^## (.+ — `[a-z-]+`)$/gm)].map((match) => match[1]!);
    expect(rendered).toEqual(headings);
    expect(markdown).toContain('## Sign-up — `signup`\n\nPhase: app-code (hosted sign-up replaces it)\n');
    const signup = markdown.split('## Sign-up — `signup`')[1]!.split('\n## ')[0]!;
    for (const finding of report.findings.filter((entry) => entry.category === 'signup')) {
      expect(signup).toContain(`\`${finding.file}:${finding.line}:${finding.column}\``);
    }
    expect(markdown).toMatch(/## Multi-factor authentication — `mfa`\n\nPhase: [^\n]+\n\n_No findings\./);
    expect(markdown).toContain('### user: `users`');
    expect(markdown).toContain('| `email_verified` | boolean |');
    expect(markdown).toMatch(/\*\*Longest legacy lifetime:\*\* 30 \* 24 \* 3600 \* 1000 \(2592000s, refresh-token\)/);
  });

  it('falls back to category ids for sections the checklist lacks', () => {
    const sections = parseChecklistSections('| login | Login | app-code |\n\n## Login — `login`\n');
    expect(sections[0]).toEqual({ category: 'login', title: 'Login', phase: 'app-code' });
    expect(sections).toHaveLength(CATEGORIES.length);
    expect(sections.find((section) => section.category === 'mfa')).toEqual({ category: 'mfa', title: 'mfa', phase: '' });
  });
});

describe('SARIF 2.1.0 report', () => {
  it('is a single run with the fired rules sorted by id and results in the stable finding order', async () => {
    const report = await runAudit({ root: fixture, workers: 0 });
    const sarif = JSON.parse(renderSarif(report));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ruleIds).toEqual([...new Set(report.findings.map((finding) => finding.ruleId))].sort());
    expect(run.results).toHaveLength(report.findings.length);
    run.results.forEach((result: any, index: number) => {
      const finding = report.findings[index]!;
      expect(result.ruleId).toBe(finding.ruleId);
      expect(ruleIds[result.ruleIndex]).toBe(finding.ruleId);
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: finding.line, startColumn: finding.column },
      });
      expect(result.properties).toEqual({ category: finding.category, confidence: finding.confidence });
    });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${report.root}/`);
    expect(renderSarif(await runAudit({ root: fixture, workers: 0 }))).toBe(renderSarif(report));
  });

  it('lists skipped files as tool notifications and percent-encodes paths', async () => {
    const root = tempDir();
    writeTree(root, { 'src/my file.ts': "import jwt from 'jsonwebtoken';\njwt.verify(t, k);\n", 'src/bad.ts': "import jwt from 'jsonwebtoken';\nexport function (\n" });
    const sarif = JSON.parse(renderSarif(await runAudit({ root, workers: 0 })));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/my%20file.ts');
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', message: { text: expect.stringMatching(/^skipped \(parse-error\): syntax error/) } }),
    ]);
  });
});

describe('report files and readAuditReport', () => {
  it('writes audit.json, audit.md and audit.sarif owner-only under .scalekit-migration and reads them back validated', async () => {
    const workspace = tempDir();
    writeTree(workspace, { 'api/auth.ts': "import jwt from 'jsonwebtoken';\nexport const v = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);\n" });
    const report = await runAudit({ root: join(workspace, 'api'), workers: 0 });
    const paths = await writeAuditReports(workspace, report);
    expect(paths).toEqual({
      json: join(workspace, '.scalekit-migration', 'audit.json'),
      markdown: join(workspace, '.scalekit-migration', 'audit.md'),
      sarif: join(workspace, '.scalekit-migration', 'audit.sarif'),
    });
    const { statSync } = await import('node:fs');
    for (const path of Object.values(paths)) expect(statSync(path).mode & 0o777).toBe(0o600);
    const back = await readAuditReport(workspace);
    expect(back).toEqual(auditReportSchema.parse(report));
    expect(back.findings.map((finding) => finding.file)).toEqual(['auth.ts', 'auth.ts']);
  });

  it('says what to do when the report is missing or damaged', async () => {
    const workspace = tempDir();
    await expect(readAuditReport(workspace)).rejects.toThrow(UserInputError);
    await expect(readAuditReport(workspace)).rejects.toThrow(/no audit report at .*audit\.json: run auditCodebase/);
    writeTree(workspace, { '.scalekit-migration/audit.json': '{"root": 3}' });
    await expect(readAuditReport(workspace)).rejects.toThrow(/does not match the audit format at [\w.]+: .*run the audit again/);
    writeTree(workspace, { '.scalekit-migration/audit.json': '{not json' });
    await expect(readAuditReport(workspace)).rejects.toThrow(/is not valid JSON/);
  });
});
