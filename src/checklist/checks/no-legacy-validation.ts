import { readAuditReport } from '../../audit/read-report.js';
import { loadState } from '../state.js';
import type { AutomaticCheck } from './types.js';

const SWITCH_ITEM = 'deploy-monitor.switch';

/**
 * session-middleware rules that find where authentication is wired or waived (guards by name,
 * public-route markers), not how a credential is validated: they stay after a correct migration.
 */
const WIRING_RULES = new Set(['js.nest.use-guards', 'js.nest.guard-class', 'js.nest.public-route']);

/**
 * "No legacy token validation left": an audit run after the switch to AUTH_PROVIDER=scalekit
 * (item deploy-monitor.switch marked done) finds no session-middleware touchpoint that validates a credential.
 */
export const noLegacyValidationCheck: AutomaticCheck = async ({ workspace }) => {
  const state = await loadState(workspace);
  const switched = state.items[SWITCH_ITEM];
  if (switched?.status !== 'done') {
    return { ok: false, detail: `waits for ${SWITCH_ITEM} (AUTH_PROVIDER=scalekit); then run updateMiddleware in scalekit mode and auditCodebase again` };
  }
  let report;
  try {
    report = await readAuditReport(workspace);
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  if (Date.parse(report.generatedAt) < Date.parse(switched.updatedAt)) {
    return { ok: false, detail: `the last audit (${report.generatedAt}) predates the switch (${switched.updatedAt}): run auditCodebase again` };
  }
  const legacy = report.findings.filter((finding) => finding.category === 'session-middleware' && !WIRING_RULES.has(finding.ruleId));
  if (legacy.length > 0) {
    const first = legacy[0]!;
    return { ok: false, detail: `${legacy.length} legacy token/session validation finding(s) remain, first at ${first.file}:${first.line} (${first.ruleId})` };
  }
  return { ok: true, detail: `the audit of ${report.generatedAt}, after the switch, finds no legacy token or session validation` };
};
