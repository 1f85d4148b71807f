import { pathToFileURL } from 'node:url';
import type { AuditReport } from '../report.js';
import { ruleById } from '../rules/registry.js';
import { ruleCategories } from '../rules/types.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * SARIF 2.1.0 for code-scanning tools: one run, the rules that fired (sorted by id), results in
 * the report's stable order (file, line, column, rule), paths relative to %SRCROOT%.
 * Every result is a `note`: a touchpoint to review, not a defect.
 */
export function renderSarif(report: AuditReport): string {
  const ruleIds = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
  const index = new Map(ruleIds.map((id, position) => [id, position]));
  const rules = ruleIds.map((id) => {
    const rule = ruleById(id);
    const categories = rule ? ruleCategories(rule) : [];
    return {
      id,
      name: id.replace(/[.-](\w)/g, (_, letter: string) => letter.toUpperCase()),
      shortDescription: { text: rule?.message ?? id },
      defaultConfiguration: { level: 'note' },
      properties: { ecosystem: rule?.ecosystem ?? 'unknown', categories, confidence: rule?.confidence ?? 'medium', tags: ['auth', 'scalekit-migration', ...categories] },
    };
  });
  const results = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: index.get(finding.ruleId)!,
    level: 'note',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    properties: { category: finding.category, confidence: finding.confidence },
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'scalekit-migrate', version: report.tool.version, semanticVersion: report.tool.version, informationUri: 'https://www.scalekit.com', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.root.endsWith('/') ? report.root : report.root + '/').href } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.skipped.map((skipped) => ({
              level: 'warning',
              message: { text: `skipped (${skipped.reason}): ${skipped.detail}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(skipped.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
