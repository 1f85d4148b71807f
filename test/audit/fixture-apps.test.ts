import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { RULES } from '../../src/audit/rules/registry.js';
import { WRAPPER_RULE_IDS } from '../../src/audit/engine/wrappers.js';
import type { AuditReport } from '../../src/audit/report.js';
import { repoRoot } from '../helpers/cli.js';
import { collectMarkers, type Marker } from '../helpers/markers.js';

const appsDir = join(repoRoot, 'test', 'fixtures', 'apps');
const apps = readdirSync(appsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const markersByApp = new Map(apps.map((app) => [app, collectMarkers(join(appsDir, app))]));

function compare(report: AuditReport, markers: Marker[]) {
  const key = (file: string, line: number, ruleId: string) => `${file}:${line} ${ruleId}`;
  const found = new Map<string, Set<string>>();
  for (const finding of report.findings) {
    const id = key(finding.file, finding.line, finding.ruleId);
    found.set(id, (found.get(id) ?? new Set()).add(finding.category));
  }
  const expected = new Set(markers.filter((marker) => marker.kind === 'ruleid').map((marker) => key(marker.file, marker.line, marker.ruleId)));
  const missing = markers
    .filter((marker) => marker.kind === 'ruleid')
    .filter((marker) => !found.has(key(marker.file, marker.line, marker.ruleId)) || (marker.category && !found.get(key(marker.file, marker.line, marker.ruleId))!.has(marker.category)))
    .map((marker) => `${key(marker.file, marker.line, marker.ruleId)}${marker.category ? `[${marker.category}]` : ''} (marker line ${marker.markerLine})`);
  const unexpected = report.findings
    .filter((finding) => !expected.has(key(finding.file, finding.line, finding.ruleId)))
    .map((finding) => `${key(finding.file, finding.line, finding.ruleId)} [${finding.category}] ${finding.message}`);
  const okViolated = markers
    // `ok: <rule>[<category>]` forbids only that category on the line; `ok: <rule>` forbids the rule.
    .filter((marker) => marker.kind === 'ok' && found.has(key(marker.file, marker.line, marker.ruleId)) && (!marker.category || found.get(key(marker.file, marker.line, marker.ruleId))!.has(marker.category)))
    .map((marker) => `${key(marker.file, marker.line, marker.ruleId)}${marker.category ? `[${marker.category}]` : ''} (ok: marker line ${marker.markerLine})`);
  return { missing, unexpected, okViolated };
}

describe('fixture apps: every ruleid: marker is reported, every ok: marker is not, and nothing else is', () => {
  it.each(apps)('%s', async (app) => {
    const root = join(appsDir, app);
    const markers = markersByApp.get(app)!;
    const report = await runAudit({ root, workers: 0 });
    expect(report.skipped).toEqual([]);
    expect(compare(report, markers)).toEqual({ missing: [], unexpected: [], okViolated: [] });
    if (app !== 'no-auth') expect(markers.filter((marker) => marker.kind === 'ruleid').length).toBeGreaterThan(0);
  });

  it('covers every registered rule with at least one ruleid: marker', () => {
    const marked = new Set([...markersByApp.values()].flat().filter((marker) => marker.kind === 'ruleid').map((marker) => marker.ruleId));
    expect(RULES.map((rule) => rule.id).filter((id) => !marked.has(id))).toEqual([]);
    const resolverIds: string[] = Object.values(WRAPPER_RULE_IDS);
    expect([...marked].filter((id) => !RULES.some((rule) => rule.id === id) && !resolverIds.includes(id))).toEqual([]);
    expect(resolverIds.filter((id) => !marked.has(id))).toEqual([]);
  });
});
