import type { AuditReport, Entity, Finding } from '../report.js';
import type { ChecklistSection } from './checklist-sections.js';

/**
 * The audit for people: findings grouped under AUDIT-CHECKLIST.md's sections (one per category)
 * with file:line and the phase that deals with them, then the data model, token and session
 * facts, role names and skipped files.
 */
export function renderMarkdown(report: AuditReport, sections: readonly ChecklistSection[]): string {
  const out: string[] = [];
  const categoriesWithFindings = sections.filter((section) => report.summary.byCategory[section.category] > 0).length;
  out.push(`# Auth audit of \`${report.root}\``, '');
  out.push(
    `${report.summary.total} findings in ${categoriesWithFindings} categories · ${report.filesScanned} files scanned, ${report.filesAnalyzed} analyzed · ` +
      `${report.skipped.length} skipped · ${report.durationMs} ms · ${report.generatedAt}`,
    '',
  );
  out.push('Each finding names a place to look; a person confirms it. Sections follow AUDIT-CHECKLIST.md.', '');
  out.push('| Category | Findings | Phase that deals with it |', '|---|---:|---|');
  for (const section of sections) out.push(`| [${cell(section.title)}](#${anchor(section)}) \`${section.category}\` | ${report.summary.byCategory[section.category]} | ${cell(section.phase)} |`);
  out.push('');

  const byCategory = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byCategory.get(finding.category) ?? [];
    list.push(finding);
    byCategory.set(finding.category, list);
  }
  for (const section of sections) {
    out.push(`## ${section.title} — \`${section.category}\``, '');
    if (section.phase) out.push(`Phase: ${section.phase}`, '');
    const findings = byCategory.get(section.category) ?? [];
    if (findings.length === 0) {
      out.push('_No findings. If the app visibly has this, search for it by hand._', '');
      continue;
    }
    for (const finding of findings) {
      out.push(`- \`${finding.file}:${finding.line}:${finding.column}\` ${inline(finding.message)} — \`${finding.ruleId}\`, ${finding.confidence}`);
    }
    out.push('');
  }

  out.push('## Data model', '');
  if (report.dataModel.entities.length === 0) out.push('_No user, organization, role or membership table found._', '');
  for (const entity of report.dataModel.entities) out.push(...entityMarkdown(entity));
  if (report.dataModel.authTables.length) {
    out.push('### Other auth tables', '', '| Purpose | Table | Declared | Columns |', '|---|---|---|---|');
    for (const table of report.dataModel.authTables) out.push(`| ${table.purpose} | \`${table.table}\` (${table.source}) | \`${table.file}:${table.line}\` | ${cell(table.columns.join(', '))} |`);
    out.push('');
  }

  out.push(...factsMarkdown(report));

  out.push('## Skipped files', '');
  if (report.skipped.length === 0) out.push('_None._', '');
  for (const skipped of report.skipped) out.push(`- \`${skipped.file}\`: ${skipped.reason} (${inline(skipped.detail)})`);
  if (report.skipped.length) out.push('');
  return out.join('\n');
}

function entityMarkdown(entity: Entity): string[] {
  const out = [`### ${entity.kind}: \`${entity.table}\`${entity.model && entity.model !== entity.table ? ` (model \`${entity.model}\`)` : ''}`, ''];
  out.push(`Declared with ${entity.source} at \`${entity.file}:${entity.line}\`. Primary key: ${entity.primaryKey.length ? entity.primaryKey.map((key) => `\`${key}\``).join(', ') : 'not found'}.`);
  const hints = Object.entries(entity.fields).map(([part, column]) => `${part} → \`${column}\``);
  if (hints.length) out.push(`Mapping hints: ${hints.join(', ')}.`);
  out.push('', '| Column | Type | Key | Nullable | Notes |', '|---|---|---|---|---|');
  for (const column of entity.columns) {
    const key = column.primaryKey ? 'PK' : entity.foreignKeys.find((fk) => fk.columns.includes(column.name)) ? `FK → ${foreignTarget(entity, column.name)}` : column.unique ? 'unique' : '';
    const notes = [column.field ? `field \`${column.field}\`` : '', column.default !== undefined ? `default ${column.default}` : '', column.enumValues ? `one of ${column.enumValues.join(', ')}` : ''].filter(Boolean).join('; ');
    out.push(`| \`${column.name}\` | ${cell(column.type ?? '')} | ${cell(key)} | ${column.nullable === undefined ? '' : column.nullable ? 'yes' : 'no'} | ${cell(notes)} |`);
  }
  if (entity.relations.length) out.push('', `Relations: ${entity.relations.map((relation) => `${relation.name} → ${relation.target} (${relation.cardinality}${relation.through ? ` through ${relation.through}` : ''})`).join('; ')}.`);
  out.push('');
  return out;
}

function foreignTarget(entity: Entity, column: string): string {
  const key = entity.foreignKeys.find((fk) => fk.columns.includes(column))!;
  return `${key.references.table}(${key.references.columns.join(', ')})`;
}

function factsMarkdown(report: AuditReport): string[] {
  const facts = report.tokenFacts;
  const out = ['## Token and session facts (backup checklist)', ''];
  const at = (entry: { file: string; line: number }) => `\`${entry.file}:${entry.line}\``;
  if (facts.longestLifetime) out.push(`**Longest legacy lifetime:** ${facts.longestLifetime.value} (${facts.longestLifetime.seconds}s, ${facts.longestLifetime.what}) at ${at(facts.longestLifetime)}. Phase 5 waits at least this long before retiring legacy validation.`, '');
  for (const jwt of facts.jwt) {
    const secret = jwt.secret ? `secret from ${jwt.secret.kind}${jwt.secret.name ? ` \`${jwt.secret.name}\`` : ''}` : 'secret not seen';
    out.push(`- JWT ${jwt.operation} (${jwt.library}): algorithms ${jwt.algorithms.join(', ') || 'not stated'}, ${secret}${jwt.expiresIn ? `, expires in ${jwt.expiresIn}` : ''} — ${at(jwt)}`);
  }
  for (const session of facts.sessions) out.push(`- Session (${session.library}): store ${session.store ?? 'unknown'}${session.cookieName ? `, cookie \`${session.cookieName}\`` : ''}${session.maxAge ? `, max age ${session.maxAge}` : ''} — ${at(session)}`);
  for (const cookie of facts.cookies) {
    const flags = [cookie.httpOnly ? 'httpOnly' : '', cookie.secure ? 'secure' : '', cookie.sameSite ? `sameSite=${cookie.sameSite}` : ''].filter(Boolean).join(', ');
    out.push(`- Cookie \`${cookie.name}\`${flags ? ` (${flags})` : ''}${cookie.maxAge ? `, max age ${cookie.maxAge}` : ''} — ${at(cookie)}`);
  }
  for (const lifetime of facts.lifetimes) out.push(`- Lifetime (${lifetime.what}): ${lifetime.value}${lifetime.seconds !== null ? ` = ${lifetime.seconds}s` : ''} — ${at(lifetime)}`);
  const secrets = [...new Set(facts.secrets.map((secret) => secret.name))];
  if (secrets.length) out.push(`- Secrets (names only): ${secrets.map((name) => `\`${name}\``).join(', ')}`);
  if (out.length === 2) out.push('_None found._');
  out.push('');
  const access = report.accessFacts;
  out.push('## Role and permission names', '');
  if (access.roles.length === 0 && access.permissions.length === 0) out.push('_None found in checks, decorators or enums._');
  if (access.roles.length) out.push(`- Roles: ${access.roles.map((role) => `\`${role.name}\` (${role.occurrences})`).join(', ')}`);
  if (access.permissions.length) out.push(`- Permissions: ${access.permissions.map((permission) => `\`${permission.name}\` (${permission.occurrences})`).join(', ')}`);
  out.push('');
  return out;
}

function anchor(section: ChecklistSection): string {
  return `${section.title} — ${section.category}`.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
