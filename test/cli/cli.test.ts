import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checklistReportSchema } from '../../src/checklist/report.js';
import { repoRoot, runBuiltCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('scalekit-migrate CLI', () => {
  it('prints its version and help', () => {
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
    expect(runBuiltCli(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
    const help = runBuiltCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: scalekit-migrate/);
    expect(help.stdout).toMatch(/checklist/);
    expect(help.stdout).toMatch(/mcp/);
  });

  it('checklist --json prints exactly one JSON document matching the MCP output schema', () => {
    const ws = tempDir();
    const run = runBuiltCli(['checklist', ws, '--done', 'audit-export.review-audit', '--skip', 'sso-readiness.jit', '--note', 'cli', '--json']);
    expect(run.status).toBe(0);
    const report = checklistReportSchema.parse(JSON.parse(run.stdout));
    expect(report.workspace).toBe(ws);
    expect(report.updated).toEqual(['audit-export.review-audit', 'sso-readiness.jit']);
    const items = report.sections.flatMap((section) => section.items);
    expect(items.find((entry) => entry.id === 'sso-readiness.jit')).toMatchObject({ status: 'skipped', note: 'cli' });
  });

  it('checklist prints markdown for people', () => {
    const run = runBuiltCli(['checklist'], { cwd: tempDir() });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# Scalekit migration checklist/);
    expect(run.stdout).toContain('Current phase: 1. Audit and export');
  });

  it('exits 2 with a clear message on bad usage or bad input', () => {
    const unknownCommand = runBuiltCli(['frobnicate']);
    expect(unknownCommand.status).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command 'frobnicate'/);

    const unknownOption = runBuiltCli(['checklist', '--colour']);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--colour'/);

    const unknownItem = runBuiltCli(['checklist', tempDir(), '--done', 'audit-export.nope']);
    expect(unknownItem.status).toBe(2);
    expect(unknownItem.stderr).toContain('unknown checklist item "audit-export.nope"');
    expect(unknownItem.stdout).toBe('');

    const missing = runBuiltCli(['checklist', '/no/such/dir', '--json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('workspace "/no/such/dir" does not exist');
  });
});
