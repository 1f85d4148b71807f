import { z } from 'zod';
import { CATEGORIES } from './categories.js';
import {
  AUTH_TABLE_PURPOSES,
  ENTITY_KINDS,
  MODEL_SOURCES,
  auditSummarySchema,
  fieldHintsSchema,
  findingSchema,
  lifetimeFactSchema,
  skippedFileSchema,
  type AuditReport,
  type Finding,
} from './report.js';
import type { AuditReportPaths } from './read-report.js';

export const TOP_FINDINGS = 25;
const LIST_LIMIT = 30;

/** What auditCodebase returns: counts and a bounded sample; the full lists are in the report files. */
export const auditToolOutputSchema = z.object({
  root: z.string(),
  filesScanned: z.number().int(),
  filesAnalyzed: z.number().int(),
  durationMs: z.number(),
  summary: auditSummarySchema,
  /** Up to 25 findings: high confidence first, spread over the categories. */
  topFindings: z.array(findingSchema),
  /** True when the report holds more findings than topFindings. */
  moreFindings: z.boolean(),
  dataModel: z.object({
    entities: z.array(
      z.object({
        kind: z.enum(ENTITY_KINDS),
        table: z.string(),
        model: z.string().optional(),
        source: z.enum(MODEL_SOURCES),
        file: z.string(),
        line: z.number().int(),
        primaryKey: z.array(z.string()),
        columns: z.number().int(),
        fields: fieldHintsSchema,
      }),
    ),
    authTables: z.array(z.object({ purpose: z.enum(AUTH_TABLE_PURPOSES), table: z.string(), file: z.string(), line: z.number().int() })),
  }),
  tokenFacts: z.object({
    jwtAlgorithms: z.array(z.string()),
    secretNames: z.array(z.string()),
    cookieNames: z.array(z.string()),
    sessionStores: z.array(z.string()),
    longestLifetime: lifetimeFactSchema.nullable(),
  }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  skipped: z.object({ count: z.number().int(), sample: z.array(skippedFileSchema) }),
  /** Where the full reports were written; absent when the server runs read-only and writes none. */
  reports: z.object({ json: z.string(), markdown: z.string(), sarif: z.string() }).optional(),
});

export type AuditToolOutput = z.infer<typeof auditToolOutputSchema>;

export function summarizeForTool(report: AuditReport, reports?: AuditReportPaths): AuditToolOutput {
  const unique = (values: string[]) => [...new Set(values)].sort().slice(0, LIST_LIMIT);
  const top = topFindings(report.findings);
  return {
    root: report.root,
    filesScanned: report.filesScanned,
    filesAnalyzed: report.filesAnalyzed,
    durationMs: report.durationMs,
    summary: report.summary,
    topFindings: top,
    moreFindings: report.findings.length > top.length,
    dataModel: {
      entities: report.dataModel.entities.slice(0, LIST_LIMIT).map((entity) => ({
        kind: entity.kind,
        table: entity.table,
        ...(entity.model ? { model: entity.model } : {}),
        source: entity.source,
        file: entity.file,
        line: entity.line,
        primaryKey: entity.primaryKey,
        columns: entity.columns.length,
        fields: entity.fields,
      })),
      authTables: report.dataModel.authTables.slice(0, LIST_LIMIT).map(({ purpose, table, file, line }) => ({ purpose, table, file, line })),
    },
    tokenFacts: {
      jwtAlgorithms: unique(report.tokenFacts.jwt.flatMap((fact) => fact.algorithms)),
      secretNames: unique(report.tokenFacts.secrets.map((fact) => fact.name)),
      cookieNames: unique(report.tokenFacts.cookies.map((fact) => fact.name)),
      sessionStores: unique(report.tokenFacts.sessions.flatMap((fact) => (fact.store ? [`${fact.library}: ${fact.store}`] : []))),
      longestLifetime: report.tokenFacts.longestLifetime,
    },
    roles: report.accessFacts.roles.slice(0, LIST_LIMIT).map((role) => role.name),
    permissions: report.accessFacts.permissions.slice(0, LIST_LIMIT).map((permission) => permission.name),
    skipped: { count: report.skipped.length, sample: report.skipped.slice(0, 10) },
    ...(reports ? { reports } : {}),
  };
}

/** Round-robin over the categories (in checklist order), high confidence before medium before low. */
export function topFindings(findings: readonly Finding[], limit = TOP_FINDINGS): Finding[] {
  const rank = { high: 0, medium: 1, low: 2 } as const;
  const queues = CATEGORIES.map((category) =>
    findings.filter((finding) => finding.category === category).sort((a, b) => rank[a.confidence] - rank[b.confidence]),
  );
  const picked: Finding[] = [];
  for (let round = 0; picked.length < limit; round += 1) {
    let any = false;
    for (const queue of queues) {
      const next = queue[round];
      if (!next) continue;
      any = true;
      picked.push(next);
      if (picked.length === limit) break;
    }
    if (!any) break;
  }
  return picked;
}

/** A short markdown text for the tool result and the CLI's human output. */
export function renderToolText(output: AuditToolOutput, limits: { findings?: number } = {}): string {
  const shown = output.topFindings.slice(0, limits.findings ?? output.topFindings.length);
  const lines = [
    `Audited ${output.root}: ${output.summary.total} findings, ${output.filesScanned} files scanned (${output.filesAnalyzed} analyzed), ${output.skipped.count} skipped, ${output.durationMs} ms.`,
    '',
    '| Category | Findings |',
    '|---|---:|',
    ...CATEGORIES.map((category) => `| ${category} | ${output.summary.byCategory[category]} |`),
    '',
  ];
  if (shown.length) {
    lines.push(`Top findings${output.summary.total > shown.length ? ` (${shown.length} of ${output.summary.total})` : ''}:`);
    for (const finding of shown) lines.push(`- ${finding.file}:${finding.line} [${finding.category}] ${finding.message}`);
    lines.push('');
  }
  if (output.dataModel.entities.length) {
    lines.push('Data model: ' + output.dataModel.entities.map((entity) => `${entity.kind} \`${entity.table}\` (${entity.source}, ${entity.file}:${entity.line})`).join('; '), '');
  }
  if (output.tokenFacts.longestLifetime) {
    const longest = output.tokenFacts.longestLifetime;
    lines.push(`Longest legacy lifetime: ${longest.value} (${longest.seconds}s, ${longest.what}) at ${longest.file}:${longest.line}.`, '');
  }
  if (output.skipped.count) lines.push(`Skipped: ${output.skipped.sample.map((entry) => `${entry.file} (${entry.reason})`).join(', ')}${output.skipped.count > output.skipped.sample.length ? ', ...' : ''}`, '');
  if (output.reports) lines.push(`Full reports: ${output.reports.markdown} (grouped by AUDIT-CHECKLIST.md sections), ${output.reports.json}, ${output.reports.sarif}.`);
  else lines.push('Read-only server: no report files were written; a server that is not read-only writes audit.json, audit.md and audit.sarif.');
  return lines.join('\n');
}
