import { CATEGORIES, CONFIDENCES, ECOSYSTEMS, type Category, type Confidence, type Ecosystem } from '../categories.js';
import type { AuditSummary, Finding } from '../report.js';
import { ruleById } from '../rules/registry.js';

export function summarize(findings: readonly Finding[]): AuditSummary {
  const byCategory = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Category, number>;
  const byConfidence = Object.fromEntries(CONFIDENCES.map((confidence) => [confidence, 0])) as Record<Confidence, number>;
  const byEcosystem = Object.fromEntries(ECOSYSTEMS.map((ecosystem) => [ecosystem, 0])) as Record<Ecosystem, number>;
  for (const finding of findings) {
    byCategory[finding.category] += 1;
    byConfidence[finding.confidence] += 1;
    const ecosystem = ruleById(finding.ruleId)?.ecosystem;
    if (ecosystem) byEcosystem[ecosystem] += 1;
  }
  return {
    total: findings.length,
    byCategory,
    byConfidence,
    byEcosystem,
    emptyCategories: CATEGORIES.filter((category) => byCategory[category] === 0),
  };
}

/** Stable order: file (code points), line, column, rule id, category. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)
  );
}
