import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../src/audit/report.js';
import { repoRoot, runBuiltCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const apps = join(repoRoot, 'test', 'fixtures', 'apps');

function copyOf(name: string): string {
  const root = tempDir();
  cpSync(join(apps, name), root, { recursive: true });
  return root;
}

describe('scalekit-migrate audit', () => {
  it('--json prints exactly the audit contract object and writes the reports into the audited folder', () => {
    const root = copyOf('koa');
    const run = runBuiltCli(['audit', root, '--json']);
    expect(run.status).toBe(0);
    const report = auditReportSchema.parse(JSON.parse(run.stdout));
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['root', 'filesScanned', 'durationMs', 'findings', 'summary', 'dataModel']));
    expect(report.root).toBe(root);
    expect(report.findings[0]).toEqual({
      ruleId: expect.any(String),
      category: expect.any(String),
      file: expect.stringMatching(/^src\//),
      line: expect.any(Number),
      column: expect.any(Number),
      message: expect.any(String),
      confidence: expect.stringMatching(/^(?:high|medium|low)$/),
    });
    expect(run.stderr).toMatch(/findings in \d+ files .* reports in .*\.scalekit-migration/);
    expect(existsSync(join(root, '.scalekit-migration', 'audit.sarif'))).toBe(true);
  });

  it('--sarif, --markdown and the default human summary; --no-reports writes nothing', () => {
    const root = copyOf('go');
    const sarif = runBuiltCli(['audit', root, '--sarif', '--no-reports']);
    expect(sarif.status).toBe(0);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
    expect(existsSync(join(root, '.scalekit-migration'))).toBe(false);
    const markdown = runBuiltCli(['audit', root, '--markdown', '--no-reports']);
    expect(markdown.stdout).toMatch(/^# Auth audit of `.*`\n/);
    expect(markdown.stdout).toContain('## Session and token validation middleware — `session-middleware`');
    const human = runBuiltCli(['audit', root]);
    expect(human.stdout).toMatch(/^Audited .*: \d+ findings/);
    expect(human.stdout).toContain('| session-middleware |');
    expect(human.stdout).toContain(`Full reports: ${join(root, '.scalekit-migration', 'audit.md')}`);
  });

  it('gives the same findings with worker threads as in one thread', () => {
    const single = runBuiltCli(['audit', apps, '--json', '--no-reports', '--workers', '0']);
    const threaded = runBuiltCli(['audit', apps, '--json', '--no-reports', '--workers', '2']);
    expect(threaded.status).toBe(0);
    const a = auditReportSchema.parse(JSON.parse(single.stdout));
    const b = auditReportSchema.parse(JSON.parse(threaded.stdout));
    expect(b.findings).toEqual(a.findings);
    expect(b.dataModel).toEqual(a.dataModel);
    expect(b.tokenFacts).toEqual(a.tokenFacts);
    expect(b.filesScanned).toBe(a.filesScanned);
    expect(a.findings.length).toBeGreaterThan(300);
  });

  it('exits 2 with a clear message on bad usage or a missing folder', () => {
    const both = runBuiltCli(['audit', tempDir(), '--json', '--sarif']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('choose one output format, not --json and --sarif');
    const missing = runBuiltCli(['audit', '/no/such/app', '--json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('audit folder: "/no/such/app" does not exist');
    expect(missing.stdout).toBe('');
    const workers = runBuiltCli(['audit', tempDir(), '--workers', 'many']);
    expect(workers.status).toBe(2);
    expect(workers.stderr).toMatch(/--workers.*expected a whole number/);
  });
});
