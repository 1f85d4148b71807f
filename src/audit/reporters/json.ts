import type { AuditReport } from '../report.js';

/** The audit as JSON: the DESIGN.md contract object, pretty-printed, findings in stable order. */
export function renderJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
