import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../src/checklist/definition.js';
import { runChecklist } from '../../src/checklist/run.js';
import { renderChecklistMarkdown } from '../../src/checklist/render.js';
import { tempDir } from '../helpers/temp-dir.js';

function item(report: Awaited<ReturnType<typeof runChecklist>>, id: string) {
  const found = report.sections.flatMap((section) => section.items).find((entry) => entry.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

describe('checklist', () => {
  it('lists the five phases in order, then the backup, SSO and SCIM reviews', async () => {
    const report = await runChecklist({ workspace: tempDir() });
    expect(report.sections.map((section) => section.id)).toEqual([
      'audit-export', 'import', 'redirects-roles', 'app-code', 'deploy-monitor', 'backup', 'sso-readiness', 'scim-readiness',
    ]);
    expect(report.sections.filter((section) => section.kind === 'phase').map((section) => section.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('initializes the state file owner-only on the first read, and checks that automatically', async () => {
    const ws = tempDir();
    const report = await runChecklist({ workspace: ws });
    const statePath = join(ws, '.scalekit-migration', 'state.json');
    expect(report.statePath).toBe(statePath);
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    expect(item(report, 'audit-export.workspace')).toMatchObject({ status: 'done', source: 'automatic' });
    expect(item(report, 'audit-export.skills').check?.detail).toMatch(/skill files/);
  });

  it('marks items with notes, keeps them across calls, and moves the current phase on', async () => {
    const ws = tempDir();
    const phaseOne = CHECKLIST[0]!.items.map((entry) => entry.id);
    await runChecklist({ workspace: ws, updates: phaseOne.map((id) => ({ id, status: 'done' as const, note: 'by test' })) });
    const report = await runChecklist({ workspace: ws, updates: [{ id: 'import.plan', status: 'blocked', note: 'waiting for credentials' }] });
    expect(item(report, 'audit-export.rejects')).toMatchObject({ status: 'done', source: 'manual', note: 'by test' });
    expect(report.currentPhase).toEqual({ id: 'import', number: 2, title: 'Import organizations and users' });
    expect(report.nextAction).toMatchObject({ itemId: 'import.apply', blocked: false });
    expect(item(report, 'import.plan')).toMatchObject({ status: 'blocked', note: 'waiting for credentials' });
    expect(report.updated).toEqual(['import.plan']);

    const reread = await runChecklist({ workspace: ws });
    expect(item(reread, 'import.plan').status).toBe('blocked');
    expect(reread.counts.done).toBe(phaseOne.length);
  });

  it('points the next action at a blocked item when nothing else in the phase is open', async () => {
    const ws = tempDir();
    const updates = CHECKLIST[0]!.items.map((entry) => ({ id: entry.id, status: 'skipped' as const }));
    updates[3] = { id: updates[3]!.id, status: 'blocked' as never };
    const report = await runChecklist({ workspace: ws, updates });
    expect(report.currentPhase?.id).toBe('audit-export');
    expect(report.nextAction).toMatchObject({ itemId: updates[3]!.id, blocked: true });
  });

  it('lets an automatic check decide an item, and flags a manual "done" it contradicts', async () => {
    const ws = tempDir();
    let auditExists = false;
    const checks = {
      'audit-export.audit': async () => ({ ok: auditExists, detail: auditExists ? 'audit report found' : 'no audit report yet' }),
      'audit-export.export': async () => {
        throw new Error('manifest unreadable');
      },
    };
    const before = await runChecklist({ workspace: ws, checks });
    expect(item(before, 'audit-export.audit')).toMatchObject({ status: 'pending', source: 'automatic', check: { ok: false } });
    expect(item(before, 'audit-export.export').check).toEqual({ ok: false, detail: 'the check could not run: manifest unreadable' });

    const forced = await runChecklist({ workspace: ws, checks, updates: [{ id: 'audit-export.audit', status: 'done' }] });
    expect(item(forced, 'audit-export.audit')).toMatchObject({
      status: 'done',
      source: 'manual',
      attention: 'marked done by hand, but the automatic check says: no audit report yet',
    });

    auditExists = true;
    const reopened = await runChecklist({ workspace: ws, checks, updates: [{ id: 'audit-export.audit', status: 'pending' }] });
    expect(item(reopened, 'audit-export.audit')).toMatchObject({ status: 'done', source: 'automatic', check: { detail: 'audit report found' } });
  });

  it('refuses an unknown item id and writes nothing', async () => {
    const ws = tempDir();
    await expect(runChecklist({ workspace: ws, updates: [{ id: 'import.nothing', status: 'done' }] })).rejects.toThrow(
      'unknown checklist item "import.nothing"',
    );
    expect(existsSync(join(ws, '.scalekit-migration'))).toBe(false);
  });

  it('moves a malformed state file aside instead of overwriting it, and says where', async () => {
    const ws = tempDir();
    mkdirSync(join(ws, '.scalekit-migration'));
    const statePath = join(ws, '.scalekit-migration', 'state.json');
    writeFileSync(statePath, '{"version": 1, "items": ');
    await expect(runChecklist({ workspace: ws })).rejects.toThrow(/state\.json is malformed \(not valid JSON.*moved to .*state\.json\.malformed-/);
    const aside = readdirSync(join(ws, '.scalekit-migration')).filter((name) => name.startsWith('state.json.malformed-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(ws, '.scalekit-migration', aside[0]!), 'utf8')).toBe('{"version": 1, "items": ');
    const fresh = await runChecklist({ workspace: ws });
    expect(fresh.counts.done).toBeGreaterThanOrEqual(1);
  });

  it('names the field when the state file has the wrong shape', async () => {
    const ws = tempDir();
    mkdirSync(join(ws, '.scalekit-migration'));
    writeFileSync(
      join(ws, '.scalekit-migration', 'state.json'),
      JSON.stringify({ version: 1, createdAt: 'x', updatedAt: 'x', items: { 'import.plan': { status: 'finished', updatedAt: 'x' } } }),
    );
    await expect(runChecklist({ workspace: ws })).rejects.toThrow(/at items\.import\.plan\.status/);
  });

  it('renders a markdown checklist with boxes, ids, the current phase and next action', async () => {
    const ws = tempDir();
    const report = await runChecklist({ workspace: ws, updates: [{ id: 'backup.sample-token', status: 'skipped', note: 'no sessions yet' }] });
    const markdown = renderChecklistMarkdown(report);
    expect(markdown).toContain('Current phase: 1. Audit and export');
    expect(markdown).toContain('## Phase 5: Deploy and monitor');
    expect(markdown).toContain('## Review: SCIM production readiness');
    expect(markdown).toMatch(/- \[x\] Migration workspace initialized .*`audit-export\.workspace`/);
    expect(markdown).toMatch(/- \[-\] Save a sample legacy token .* note: no sessions yet/);
  });
});
