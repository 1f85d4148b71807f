import { errorMessage } from '../../errors.js';
import type { ImportResult } from '../../import/import-result.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { readRunSummary } from '../../import/run-summary.js';
import type { AutomaticCheck, CheckResult } from './types.js';

async function lastSummary(workspace: string, kind: 'plan' | 'import'): Promise<{ dir: string; savedAt?: string; result?: ImportResult } | CheckResult> {
  let dir: string;
  try {
    dir = await resolvePackageDir(workspace, undefined, true);
  } catch (error) {
    return { ok: false, detail: errorMessage(error) };
  }
  const summary = await readRunSummary(dir, kind).catch(() => undefined);
  return { dir, savedAt: summary?.savedAt, result: summary?.result as ImportResult | undefined };
}

/** "Review the import plan": importOrgs planned the package (import-plan.json) and nothing waits for a decision. */
export const importPlanCheck: AutomaticCheck = async ({ workspace }) => {
  const found = await lastSummary(workspace, 'plan');
  if ('ok' in found) return found;
  const plan = found.result;
  if (!plan) return { ok: false, detail: `no import plan for ${found.dir} yet: run importOrgs (without confirm)` };
  const k = plan.counts;
  const what = `plan of ${found.savedAt}: ${k.roles.create} roles, ${k.organizations.create} organizations, ${k.users.create} users, ${k.memberships.create} memberships to create; ${plan.conflicts.total} conflicts`;
  if (plan.needsDecision) return { ok: false, detail: `${what}; waits for a decision: ${plan.needsDecision.emailPolicy.question.split('.')[0]}` };
  return { ok: true, detail: what + (plan.domains ? `; ${plan.domains.needDnsVerification} organization domain(s) will need DNS verification` : '') };
};

/** "Import …": the last importOrgs apply on the package finished, nothing failed, no invitation unasked for. */
export const importAppliedCheck: AutomaticCheck = async ({ workspace }) => {
  const found = await lastSummary(workspace, 'import');
  if ('ok' in found) return found;
  const run = found.result;
  if (!run) return { ok: false, detail: `nothing imported from ${found.dir} yet: run importOrgs with confirm: true` };
  const k = run.counts;
  const what = `import of ${found.savedAt}: ${k.users.create} users, ${k.organizations.create} organizations, ${k.memberships.create} memberships created`;
  if (run.run?.interrupted) return { ok: false, detail: `${what}; it stopped before the end: run the same import again to resume` };
  if (run.failures.total) return { ok: false, detail: `${what}; ${run.failures.total} failed (${Object.entries(run.failures.byCode).map(([c, n]) => `${c} ${n}`).join(', ')})` };
  if (run.notes.invitationsSent && run.decisions.emailPolicy !== 'invite') return { ok: false, detail: `${what}; Scalekit reports ${run.notes.invitationsSent} invitation(s) sent unasked` };
  return { ok: true, detail: `${what}; 0 failed${run.domains ? `; ${run.domains.create} organization domain(s) created unverified` : ''}` };
};
