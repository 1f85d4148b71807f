import type { Finding } from '../../audit/report.js';
import { WIRING_RULES } from '../../middleware/wiring-rules.js';
import { readCodemodRun } from '../../middleware/run-record.js';
import { resolveInside } from '../../workspace/confine.js';
import type { AutomaticCheck } from './types.js';

/**
 * session-middleware rules that find where authentication is wired, waived or read, not how a credential
 * is validated: the codemod's wiring rules (guard and wrapper uses, public-route markers, Nest wiring), guards
 * and strategies named by string (the strategy itself is audited where it is defined), the Next.js middleware
 * file (its contents are audited by the library rules) and reads of the Authorization header (the check they
 * feed is found by the verification rules).
 */
const NOT_VALIDATION = new Set([
  ...WIRING_RULES,
  'js.nest.auth-guard',
  'js.passport.authenticate',
  'js.next.middleware',
  'js.request.authorization-header',
]);

export function isLegacyValidation(finding: Finding): boolean {
  return finding.category === 'session-middleware' && !NOT_VALIDATION.has(finding.ruleId);
}

/**
 * "No legacy token validation left": once updateMiddleware has applied mode scalekit, the audit's rules
 * are run again over the folder it rewrote and no session-middleware finding that validates a credential
 * may remain. Code the codemod generates is never counted (JWKS verification against the Scalekit URL).
 */
export const noLegacyValidationCheck: AutomaticCheck = async ({ workspace, signal }) => {
  const run = await readCodemodRun(workspace);
  if (!run) return { ok: false, detail: 'waits for updateMiddleware with mode "scalekit" and confirm: true (after the switch to AUTH_PROVIDER=scalekit); then the audit runs again here' };
  if (run.mode !== 'scalekit') {
    return { ok: false, detail: `the last applied updateMiddleware run (${run.appliedAt}) was in ${run.mode} mode: after the switch, apply it with mode "scalekit"` };
  }
  let root: string;
  try {
    root = resolveInside(workspace, run.dir, 'the folder updateMiddleware rewrote');
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  // Loaded on use: the audit engine brings the TypeScript parser and every rule.
  const { runAudit } = await import('../../audit/engine/run-audit.js');
  const report = await runAudit({ root, signal });
  const legacy = report.findings.filter(isLegacyValidation);
  if (legacy.length > 0) {
    const first = legacy[0]!;
    return { ok: false, detail: `${legacy.length} legacy token/session validation finding(s) remain in ${run.dir}, first at ${first.file}:${first.line} (${first.ruleId})` };
  }
  return { ok: true, detail: `an audit of ${run.dir} after updateMiddleware (scalekit, ${run.appliedAt}) finds no legacy token or session validation` };
};
